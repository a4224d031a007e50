import Foundation
import XCTest
@testable import APIRefKit

/// Replays the fuzz inputs through the same harnesses the libFuzzer targets use (without a
/// sanitizer): the seed corpora in Fuzz/corpus/TARGET and every input that once crashed, in
/// Fuzz/crashers/TARGET. A harness traps when an invariant breaks, so a regression stops the
/// suite; the input's path is logged first to name it.
final class FuzzRegressionTests: XCTestCase {
    private static let fuzzDirectory = Fixtures.packageRoot.appendingPathComponent("Fuzz")

    private func inputs(_ kind: String, _ target: FuzzHarness.Target) throws -> [URL] {
        let folder = Self.fuzzDirectory.appendingPathComponent(kind).appendingPathComponent(target.seedFolder)
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    private func replay(_ kind: String) throws -> [FuzzHarness.Target: Int] {
        var counts: [FuzzHarness.Target: Int] = [:]
        for target in FuzzHarness.Target.allCases {
            for input in try inputs(kind, target) {
                print("replaying \(kind)/\(target.rawValue)/\(input.lastPathComponent)")
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

    /// A pair key inside brackets that holds an alias of nested aliases: Yams hashes the key's
    /// whole expansion (10^9 nodes here), which hung the reader.
    func testAliasInAFlowPairKeyIsRefused() throws {
        var files = FuzzFixtures.native
        files["parameters.yaml"] = try String(contentsOf: Fixtures.packageRoot
            .appendingPathComponent("Fuzz/crashers/parameters/timeout-alias-in-flow-pair-key.yaml"), encoding: .utf8)
        let fileSystem = InMemoryFileSystem(files: Dictionary(uniqueKeysWithValues: files.map { ("/p/" + $0.key, $0.value) }))
        let messages = try Pipeline.check(root: "/p", format: .native, fileSystem: fileSystem).1.map(\.message)
        XCTAssertTrue(messages.contains { $0.contains("an alias is used as a mapping key") }, "\(messages)")
    }
}
