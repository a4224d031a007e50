import Foundation
import XCTest
@testable import APIRefKit

/// `check --changed`: a temporary git repository holding a copy of the demo, with a problem
/// already committed (outside any change) and staged, unstaged and untracked edits.
final class ChangedTests: XCTestCase {
    private var repository: URL!

    override func setUpWithError() throws {
        repository = FileManager.default.temporaryDirectory.appendingPathComponent("apiref-changed-\(UUID().uuidString)")
        let root = repository.appendingPathComponent("api-ref")
        try FileManager.default.createDirectory(at: repository, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.packageRoot.appendingPathComponent("api-ref"), to: root)
        // A committed problem that no change touches: an unused definition.
        let parameters = root.appendingPathComponent("parameters.yaml")
        try (try String(contentsOf: parameters, encoding: .utf8)
             + "\nleftover_flag:\n  in: body\n  type: boolean\n  required: false\n  description: Old.\n")
            .write(to: parameters, atomically: true, encoding: .utf8)
        try git("init", "-q")
        try git("add", ".")
        try git("-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-qm", "base")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: repository)
    }

    @discardableResult
    private func git(_ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", repository.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "git \(arguments)")
        return String(decoding: data, as: UTF8.self)
    }

    private func edit(_ path: String, _ transform: (String) -> String) throws {
        let url = repository.appendingPathComponent("api-ref/" + path)
        let text = try String(contentsOf: url, encoding: .utf8)
        let changed = transform(text)
        XCTAssertNotEqual(text, changed, "edit of \(path) changed nothing")
        try changed.write(to: url, atomically: true, encoding: .utf8)
    }

    private func changedDiagnostics() throws -> (all: [Diagnostic], scoped: [Diagnostic]) {
        let root = repository.appendingPathComponent("api-ref").path
        let (result, diagnostics) = try Pipeline.check(root: root)
        let scope = ChangeScope(model: result.model, changes: try GitChanges.collect(root: root, base: "HEAD"))
        return (diagnostics, diagnostics.filter(scope.includes))
    }

    func testOnlyTheChangeAndWhatDependsOnItIsReported() throws {
        // Staged: a sample gains an undocumented field.
        try edit("samples/flavors/flavor-show-resp.json") { $0.replacingOccurrences(of: "{\n", with: "{\n    \"surprise\": 1,\n", options: [], range: $0.range(of: "{\n")) }
        try git("add", "api-ref/samples/flavors/flavor-show-resp.json")
        // Unstaged: a definition's type changes, which breaks samples that did not change.
        try edit("parameters.yaml") { text in
            text.replacingOccurrences(of: "flavor_vcpus:\n  in: body\n  type: integer", with: "flavor_vcpus:\n  in: body\n  type: string")
        }
        // Untracked: a new sample nobody references.
        try "{}\n".write(to: repository.appendingPathComponent("api-ref/samples/flavors/new.json"), atomically: true, encoding: .utf8)

        let (all, scoped) = try changedDiagnostics()
        XCTAssertTrue(all.contains { $0.code == "AR015" }, "the committed problem exists")
        XCTAssertFalse(scoped.contains { $0.code == "AR015" }, "but is outside the change")
        XCTAssertTrue(scoped.contains { $0.code == "AR025" && $0.range.file == "samples/flavors/flavor-show-resp.json" })
        let typeErrors = scoped.filter { $0.code == "AR028" }
        XCTAssertFalse(typeErrors.isEmpty, "samples using the changed definition are re-checked")
        XCTAssertTrue(typeErrors.allSatisfy { $0.message.contains("vcpus") })
        XCTAssertTrue(scoped.contains { $0.code == "AR030" && $0.range.file == "samples/flavors/new.json" })
    }

    func testNoChangeReportsNothing() throws {
        let (all, scoped) = try changedDiagnostics()
        XCTAssertFalse(all.isEmpty)
        XCTAssertEqual(scoped.count, 0)
    }

    func testOutsideARepositoryIsAClearError() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("apiref-norepo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outside) }
        XCTAssertThrowsError(try GitChanges.collect(root: outside.path, base: "HEAD")) { error in
            XCTAssertTrue((error as? InputError)?.message.contains("not inside a git repository") ?? false)
        }
        XCTAssertThrowsError(try GitChanges.collect(root: repository.path, base: "no-such-rev"))
    }

    func testHunkParsing() {
        let diff = """
        diff --git a/api-ref/a.yaml b/api-ref/a.yaml
        --- a/api-ref/a.yaml
        +++ b/api-ref/a.yaml
        @@ -3,0 +4,2 @@
        +x
        +y
        @@ -10 +12 @@
        diff --git a/api-ref/gone.json b/api-ref/gone.json
        --- a/api-ref/gone.json
        +++ /dev/null
        @@ -1 +0,0 @@
        """
        let files = GitChanges.parseUnifiedDiff(diff, prefix: "api-ref/")
        XCTAssertEqual(files["a.yaml"], .ranges([4...5, 12...12]))
        XCTAssertEqual(files["gone.json"], .all)
    }
}
