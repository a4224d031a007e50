import Foundation
@testable import APIRefKit

/// os-api-ref test trees: txtar files under Fixtures/os-api-ref, mounted at /repo, with
/// per-test overrides.
enum OSAPIRefFixture {
    static let source = "/repo/api-ref/source"

    static func files(_ name: String = "tree") throws -> [String: String] {
        let url = Fixtures.directory.appendingPathComponent("os-api-ref/\(name).txtar")
        return TxtarFixture(text: try String(contentsOf: url, encoding: .utf8)).files
    }

    /// The fixture with `overrides` applied (a nil value deletes the file), under /repo.
    static func fileSystem(_ name: String = "tree", _ overrides: [String: String?] = [:]) throws -> InMemoryFileSystem {
        var files = try self.files(name)
        for (path, text) in overrides { files[path] = text }
        return InMemoryFileSystem(files: Dictionary(uniqueKeysWithValues: files.map { ("/repo/\($0.key)", $0.value) }))
    }

    static func read(_ overrides: [String: String?] = [:], options: OSAPIRefReader.Options = .init()) throws -> OSAPIRefTree {
        try OSAPIRefReader(fileSystem: try fileSystem("tree", overrides), root: source, options: options).readTree()
    }

    /// `CODE file:line:col` of each finding of `check`, sorted.
    static func findings(_ overrides: [String: String?] = [:]) throws -> [String] {
        let (_, diagnostics) = try Pipeline.check(root: source, fileSystem: try fileSystem("tree", overrides))
        return diagnostics.sorted(by: Diagnostic.ordered).map { "\($0.code) \($0.range.file):\($0.range.start)" }
    }
}
