import Foundation
@testable import APIRefKit

/// A multi-file fixture in one text file (txtar style): a comment section, then files, each
/// introduced by a `-- path --` line. In the comment section `expect: CODE file:line:col`
/// lines list the diagnostics the fixture must produce, and `base: NAME` overlays it on
/// another fixture (files of the same path replace the base's; `-- path --` followed by the
/// line `(deleted)` removes one).
struct TxtarFixture {
    var comment: [String] = []
    var files: [String: String] = [:]

    init(text: String) {
        var current: String?
        var buffer: [String] = []
        func flush() {
            if let current { files[current] = buffer.joined(separator: "\n") + (buffer.isEmpty ? "" : "\n") }
            buffer = []
        }
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("-- "), line.hasSuffix(" --"), line.count > 6 {
                if current == nil { comment = buffer; buffer = [] } else { flush() }
                current = String(line.dropFirst(3).dropLast(3))
            } else {
                buffer.append(line)
            }
        }
        if current == nil { comment = buffer } else { flush() }
        // A trailing newline of the whole fixture file is not part of the last file.
        if let current, let text = files[current], text.hasSuffix("\n\n") { files[current] = String(text.dropLast()) }
    }

    var expectations: [String] {
        comment.compactMap { line in
            line.hasPrefix("expect: ") ? String(line.dropFirst("expect: ".count)) : nil
        }
    }

    var base: String? {
        comment.first { $0.hasPrefix("base: ") }.map { String($0.dropFirst("base: ".count)) }
    }

    static func load(_ name: String) throws -> TxtarFixture {
        let url = Fixtures.directory.appendingPathComponent("rules/\(name).txtar")
        var fixture = TxtarFixture(text: try String(contentsOf: url, encoding: .utf8))
        if let baseName = fixture.base {
            var merged = try load(baseName).files
            for (path, text) in fixture.files {
                if text.trimmingCharacters(in: .whitespacesAndNewlines) == "(deleted)" {
                    merged[path] = nil
                } else {
                    merged[path] = text
                }
            }
            fixture.files = merged
        }
        return fixture
    }

    /// The files under `/fixture` in an in-memory file system.
    func fileSystem(root: String = "/fixture") -> InMemoryFileSystem {
        InMemoryFileSystem(files: Dictionary(uniqueKeysWithValues: files.map { ("\(root)/\($0.key)", $0.value) }))
    }
}

enum Fixtures {
    /// Tests/APIRefKitTests/Fixtures in the source tree.
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Golden")

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var ruleFixtureNames: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("rules").path)) ?? []
        return names.filter { $0.hasSuffix(".txtar") }.map { String($0.dropLast(6)) }.sorted()
    }
}

/// Golden files: compared by default, rewritten when RECORD_GOLDEN=1.
enum Golden {
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// Returns nil when `actual` matches the golden file (or was recorded), else a message.
    static func check(_ actual: String, against name: String) -> String? {
        let url = Fixtures.goldenDirectory.appendingPathComponent(name)
        if recording {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? actual.write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "golden file \(name) is missing: run `RECORD_GOLDEN=1 swift test` (make golden) and review it"
        }
        if expected == actual { return nil }
        let expectedLines = expected.components(separatedBy: "\n"), actualLines = actual.components(separatedBy: "\n")
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let e = index < expectedLines.count ? expectedLines[index] : "<end>"
            let a = index < actualLines.count ? actualLines[index] : "<end>"
            if e != a { return "\(name) differs at line \(index + 1):\n  expected: \(e)\n  actual:   \(a)\n(re-record with RECORD_GOLDEN=1 if the change is intended)" }
        }
        return "\(name) differs"
    }
}
