import Foundation
import XCTest
@testable import APIRefKit

/// Hostile and broken input: every file of Fixtures/bad-input replaces one file of the valid
/// base fixture. Each must give located diagnostics and exit status 1 or 2: never a crash,
/// never a hang (the suite would die or time out).
final class BadInputTests: XCTestCase {
    private static let roles = [
        "json": "samples/widget-show-resp.json",
        "parameters": "parameters.yaml",
        "project": "apiref.yaml",
        "page": "pages/widgets.md",
    ]

    func testEveryBadInputIsReportedWithALocation() throws {
        let corpus = Fixtures.directory.appendingPathComponent("bad-input")
        var count = 0
        for (role, target) in Self.roles {
            let folder = corpus.appendingPathComponent(role)
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                count += 1
                let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
                var fileSystem = try TxtarFixture.load("_base").fileSystem(root: "/p")
                fileSystem.files["/p/" + target] = bytes
                let label = "\(role)/\(name)"
                let status: Int32
                var diagnostics: [Diagnostic] = []
                do {
                    let result = try Pipeline.check(root: "/p", fileSystem: fileSystem)
                    diagnostics = result.1
                    status = DiagnosticEngine(diagnostics).exitCode
                } catch {
                    status = 2
                }
                // `ok-` cases are extreme but valid: they must simply finish without errors.
                let allowed: Set<Int32> = name.hasPrefix("ok-") ? [0] : [1, 2]
                XCTAssertTrue(allowed.contains(status), "\(label): exit \(status), diagnostics \(diagnostics.map(\.message))")
                for diagnostic in diagnostics {
                    XCTAssertGreaterThanOrEqual(diagnostic.range.start.line, 1, label)
                    XCTAssertGreaterThanOrEqual(diagnostic.range.start.column, 1, label)
                    XCTAssertFalse(diagnostic.message.isEmpty, label)
                }
                if status == 1 || !diagnostics.isEmpty {
                    XCTAssertTrue(diagnostics.contains { $0.range.file == target || $0.message.contains(target) }
                                  || role == "project",
                                  "\(label): no diagnostic points at \(target): \(diagnostics.map { "\($0.code) \($0.range)" })")
                }
            }
        }
        XCTAssertGreaterThanOrEqual(count, 60)
    }

    /// Real-disk cases the in-memory file system cannot show.
    func testDirectoriesSymlinkLoopsAndEscapesOnDisk() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("apiref-bad-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        for (path, text) in try TxtarFixture.load("_base").files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        let samples = root.appendingPathComponent("samples")
        try FileManager.default.createSymbolicLink(atPath: samples.appendingPathComponent("loop").path, withDestinationPath: "loop")
        try FileManager.default.createSymbolicLink(atPath: samples.appendingPathComponent("self").path, withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: samples.appendingPathComponent("etc").path, withDestinationPath: "/etc")
        // parameters.yaml becomes a directory.
        let parameters = root.appendingPathComponent("parameters.yaml")
        try FileManager.default.removeItem(at: parameters)
        try FileManager.default.createDirectory(at: parameters, withIntermediateDirectories: true)
        // The project lists a page through a symlink out of the root.
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("pages/outside.md").path,
                                                   withDestinationPath: "/etc/hostname")
        try ("title: W\nservice: w\nversion_header: W\nmin_version: \"1.0\"\nmax_version: \"1.5\"\n"
             + "pages:\n  - pages/widgets.md\n  - pages/outside.md\n  - ../escape.md\n")
            .write(to: root.appendingPathComponent("apiref.yaml"), atomically: true, encoding: .utf8)

        let (_, diagnostics) = try Pipeline.check(root: root.path)
        let messages = diagnostics.map { "\($0.code) \($0.range): \($0.message)" }
        XCTAssertEqual(DiagnosticEngine(diagnostics).exitCode, 2, messages.joined(separator: "\n"))
        XCTAssertTrue(diagnostics.contains { $0.code == "AR000" && $0.message.contains("parameters.yaml") }, "\(messages)")
        XCTAssertTrue(diagnostics.contains { $0.message.contains("pages/outside.md") && $0.message.contains("outside") }, "\(messages)")
        XCTAssertTrue(diagnostics.contains { $0.message.contains("../escape.md") }, "\(messages)")
        XCTAssertFalse(diagnostics.contains { $0.range.file.contains("etc/") }, "nothing under /etc was read: \(messages)")
    }
}
