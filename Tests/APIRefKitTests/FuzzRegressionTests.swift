import Foundation
import XCTest
@testable import APIRefKit

/// Replays the fuzz inputs through the same harnesses the libFuzzer targets use (without a
/// sanitizer): the seed corpora in Fuzz/corpus/TARGET and every input that once crashed, in
/// Fuzz/crashers/TARGET. A harness traps when an invariant breaks, so a regression stops the
/// suite; the input's path is logged first to name it.
final class FuzzRegressionTests: XCTestCase {
    private static let fuzzDirectory = Fixtures.packageRoot.appendingPathComponent("Fuzz")

    /// The seeds of a target are Fuzz/corpus/SEEDS; its crashers are those of every target that
    /// shares its seeds (`parameters` and `parameters-yaml` read the same file), so that an input
    /// found by one is replayed through the other too.
    private func inputs(_ kind: String, _ target: FuzzHarness.Target) throws -> [URL] {
        let folders = kind == "corpus" ? [target.seedFolder]
            : FuzzHarness.Target.allCases.filter { $0.seedFolder == target.seedFolder }.map(\.rawValue)
        var urls: [URL] = []
        for name in folders {
            let folder = Self.fuzzDirectory.appendingPathComponent(kind).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: folder.path) else { continue }
            urls += try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { !$0.lastPathComponent.hasPrefix(".") }
                .sorted { $0.lastPathComponent < $1.lastPathComponent }
        }
        return urls
    }

    private func replay(_ kind: String) throws -> [FuzzHarness.Target: Int] {
        var counts: [FuzzHarness.Target: Int] = [:]
        for target in FuzzHarness.Target.allCases {
            for input in try inputs(kind, target) {
                print("replaying \(kind)/\(input.deletingLastPathComponent().lastPathComponent)/\(input.lastPathComponent) through \(target.rawValue)")
                FuzzHarness.run(target, Array(try Data(contentsOf: input)))
                counts[target, default: 0] += 1
            }
        }
        return counts
    }

    func testSeedCorporaReplayCleanly() throws {
        let counts = try replay("corpus")
        for target in FuzzHarness.Target.allCases {
            XCTAssertGreaterThanOrEqual(counts[target] ?? 0, 10, "Fuzz/corpus/\(target.seedFolder) has too few seeds")
        }
        for target in FuzzHarness.Target.allCases where target.seedFolder == target.rawValue {
            for input in try inputs("corpus", target) {
                let size = try XCTUnwrap(input.resourceValues(forKeys: [.fileSizeKey]).fileSize)
                XCTAssertLessThanOrEqual(size, 8 * 1024, "seeds stay small: \(target.rawValue)/\(input.lastPathComponent)")
            }
        }
    }

    func testCrashersNoLongerCrash() throws {
        let counts = try replay("crashers")
        XCTAssertGreaterThan(counts.values.reduce(0, +), 0, "Fuzz/crashers holds the inputs fixed so far")
    }

    /// A crasher in a folder that names no target would never be replayed; the driver script
    /// offers the same targets as the harness.
    func testFoldersAndDriverNameTheTargets() throws {
        let names = Set(FuzzHarness.Target.allCases.map(\.rawValue))
        for kind in ["corpus", "crashers"] {
            let folders = try FileManager.default.contentsOfDirectory(atPath: Self.fuzzDirectory.appendingPathComponent(kind).path)
                .filter { !$0.hasPrefix(".") }
            for folder in folders { XCTAssertTrue(names.contains(folder), "Fuzz/\(kind)/\(folder) names no fuzz target") }
        }
        let script = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("scripts/fuzz.sh"), encoding: .utf8)
        let line = try XCTUnwrap(script.split(separator: "\n").first { $0.hasPrefix("targets=(") })
        let listed = line.dropFirst("targets=(".count).prefix { $0 != ")" }.split(separator: " ").map(String.init)
        XCTAssertEqual(listed, FuzzHarness.Target.allCases.map(\.rawValue), "scripts/fuzz.sh lists other targets")
    }

    /// The harnesses put each input into a description that is otherwise clean, so that what
    /// is reported comes from the input.
    func testHarnessDescriptionsCheckClean() throws {
        let native = try TxtarFixture.load("_base").files
        XCTAssertEqual(FuzzFixtures.native, native, "FuzzFixtures.native drifted from Fixtures/rules/_base.txtar")

        let nativeFiles = InMemoryFileSystem(files: Dictionary(uniqueKeysWithValues: FuzzFixtures.native.map {
            (PathUtilities.join(FuzzFixtures.nativeRoot, $0.key), $0.value)
        }))
        let (_, nativeDiagnostics) = try Pipeline.check(root: FuzzFixtures.nativeRoot, format: .native,
                                                        fileSystem: nativeFiles)
        XCTAssertEqual(nativeDiagnostics.map { "\($0.code) \($0.range) \($0.message)" }, [])

        let treeFiles = InMemoryFileSystem(files: Dictionary(uniqueKeysWithValues: FuzzFixtures.osAPIRef.map {
            (PathUtilities.join(FuzzFixtures.osAPIRefRoot, $0.key), $0.value)
        }))
        let (result, treeDiagnostics) = try Pipeline.check(root: FuzzFixtures.osAPIRefRoot, format: .osAPIRef,
                                                           fileSystem: treeFiles)
        // The tree names no version range, so the reader notes the one it inferred.
        XCTAssertEqual(treeDiagnostics.filter { $0.severity != .note }.map { "\($0.code) \($0.range) \($0.message)" }, [])
        XCTAssertEqual(result.model.pages.flatMap(\.endpoints).map(\.path.value), ["/widgets/{widget_id}"])
        XCTAssertEqual(result.model.samples.count, 1)
    }
}

/// Exact locations for the crashers whose invariant was "inside the file".
final class FuzzLocationTests: XCTestCase {
    private func diagnostics(replacing file: String, with text: String) throws -> [String] {
        var files = FuzzFixtures.native
        files[file] = text
        let fileSystem = InMemoryFileSystem(files: Dictionary(uniqueKeysWithValues: files.map { ("/p/" + $0.key, $0.value) }))
        return try Pipeline.check(root: "/p", format: .native, fileSystem: fileSystem).1
            .filter { $0.range.file == file }.map { "\($0.code) \($0.range)" }
    }

    /// libyaml breaks lines at NEL, LS and PS too; diagnostics follow the file's lines.
    func testYAMLLineSeparatorsKeepFileLines() throws {
        let parameters = FuzzFixtures.native["parameters.yaml", default: ""]
            .replacingOccurrences(of: "widget_id_path:\n  in: path\n", with: "widget_id_path:\n  in: path\u{2028}  flavour: x\n")
        let parametersDiagnostics = try diagnostics(replacing: "parameters.yaml", with: parameters)
        XCTAssertTrue(parametersDiagnostics.contains("AR002 parameters.yaml:2:14"), "\(parametersDiagnostics)")

        let page = FuzzFixtures.native["pages/widgets.md", default: ""]
            .replacingOccurrences(of: "method: GET\n", with: "method: GET\u{85}colour: red\n")
        let pageDiagnostics = try diagnostics(replacing: "pages/widgets.md", with: page)
        XCTAssertTrue(pageDiagnostics.contains("AR002 pages/widgets.md:8:13"), "\(pageDiagnostics)")
    }

    /// libyaml puts the end of a text without a final line break on a line after it.
    func testSyntaxErrorAtTheEndPointsAtTheLastLine() throws {
        XCTAssertEqual(try diagnostics(replacing: "parameters.yaml", with: "a:\n  in: [path"), ["AR001 parameters.yaml:2:12"])
        XCTAssertEqual(try diagnostics(replacing: "pages/widgets.md", with: "# W\n\n```endpoint\nmethod: GET\npath: /w\nm"),
                       ["AR001 pages/widgets.md:6:2"])
    }

    /// A pair key inside brackets that holds an alias of nested aliases: Yams hashed the key's
    /// whole expansion (10^9 nodes here), which hung the reader; the aliases' budget stops it.
    func testAliasInAFlowPairKeyIsBounded() throws {
        var files = FuzzFixtures.native
        files["parameters.yaml"] = try String(contentsOf: Fixtures.packageRoot
            .appendingPathComponent("Fuzz/crashers/parameters/timeout-alias-in-flow-pair-key.yaml"), encoding: .utf8)
        let fileSystem = InMemoryFileSystem(files: Dictionary(uniqueKeysWithValues: files.map { ("/p/" + $0.key, $0.value) }))
        let messages = try Pipeline.check(root: "/p", format: .native, fileSystem: fileSystem).1.map(\.message)
        XCTAssertTrue(messages.contains { $0.contains("aliases repeat more than 10000 nodes") }, "\(messages)")
    }

    /// Eight levels of `<<: [*a, *a, ...]` (ten each) made the reader copy 10^8 merged entries
    /// (a hang); merges copy only what aliases name, and the aliases of a file share a budget
    /// of repeated nodes.
    func testNestedMergeKeysAreBounded() throws {
        let text = try String(contentsOf: Fixtures.packageRoot
            .appendingPathComponent("Fuzz/crashers/parameters-yaml/timeout-nested-merge-keys.yaml"), encoding: .utf8)
        let collector = DiagnosticCollector()
        _ = ParametersReader.read(SourceFile(path: "parameters.yaml", text: text), collector: collector)
        XCTAssertEqual(collector.diagnostics.map { "\($0.code) \($0.range) \($0.message)" },
                       ["AR000 parameters.yaml:5:27 YAML exceeds a limit: aliases repeat more than 10000 nodes (see --limit yaml-aliases)"])

        // Ordinary merges, as nova writes them, are untouched.
        let nova = "base: &base\n  in: body\n  type: string\nchild:\n  <<: *base\n  required: true\n  description: x\n"
        let quiet = DiagnosticCollector()
        let definitions = ParametersReader.read(SourceFile(path: "parameters.yaml", text: nova), collector: quiet)
        XCTAssertEqual(definitions.last.map { "\($0.key) \($0.location) \($0.type)" }, "child body string")
        XCTAssertFalse(quiet.diagnostics.contains { $0.message.contains("aliases") })

        // The endpoint blocks of a page share one budget, as the mappings of one file do: the
        // first block spends it, the next fails at its first alias.
        let block = "```endpoint\n" + text.split(separator: "\n").prefix(4).joined(separator: "\n") + "\n```\n\n"
        let pageCollector = DiagnosticCollector()
        _ = PageReader(source: SourceFile(path: "pages/p.md", text: String(repeating: block, count: 80)),
                       project: FuzzFixtures.nativeProject, collector: pageCollector).read()
        XCTAssertEqual(pageCollector.diagnostics.filter { $0.message.contains("aliases repeat more than") }.first?.range.description,
                       "pages/p.md:19:42")
    }

    /// Yams sorted duplicate keys with a comparison that recursed twice per level: duplicate
    /// keys holding nested lists or mappings took 2^depth steps (found as `? ? ? ...` lines).
    /// The composer refuses a list or a mapping as a key as soon as it opens.
    func testListsAndMappingsAsKeysAreRefused() {
        var files = FuzzFixtures.native
        files["apiref.yaml"] = try? String(contentsOf: Fixtures.packageRoot
            .appendingPathComponent("Fuzz/crashers/project-yaml/timeout-duplicate-nested-explicit-keys.yaml"), encoding: .utf8)
        let fileSystem = InMemoryFileSystem(files: Dictionary(uniqueKeysWithValues: files.map { ("/p/" + $0.key, $0.value) }))
        let messages = (try? Pipeline.check(root: "/p", format: .native, fileSystem: fileSystem).1.map(\.message)) ?? []
        XCTAssertTrue(messages.contains { $0.contains("a list or mapping is used as a mapping key") }, "\(messages)")
    }
}
