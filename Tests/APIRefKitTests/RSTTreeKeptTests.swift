import Foundation
import XCTest
@testable import APIRefKit

/// With `serve`'s cache, an os-api-ref tree's RST files (and what is made of them alone: the
/// outlines, the reference index) are kept whole while none of the paths read or looked at
/// to make them changed: a parameters or a sample edit does not read a page again. Any change
/// to one of those paths, a folder holding them, or a file an include named but did not find,
/// reads them again. Each result must be what a fresh read gives.
final class RSTTreeKeptTests: XCTestCase {
    /// The fixture tree, editable, behind the session's remembering file system.
    private var disk: EditableDisk!
    private var caching: CachingFileSystem!
    /// Between the reader and `caching`: which files the reader read.
    private var counting: CountingFileSystem!
    private let cache = ReadCache()

    private func setUpTree(_ overrides: [String: String?] = [:]) throws {
        disk = EditableDisk(try OSAPIRefFixture.fileSystem("tree", overrides))
        caching = CachingFileSystem(disk)
        counting = CountingFileSystem(caching)
    }

    private func check() throws -> (ReadResult, [Diagnostic]) {
        counting.reset()
        cache.beginBuild()
        defer { cache.endBuild() }
        return try ReadCache.$current.withValue(cache) {
            try Pipeline.check(root: OSAPIRefFixture.source, format: .osAPIRef, fileSystem: counting)
        }
    }

    /// Writes (or with nil removes) a file below /repo, and tells the session, as the watcher does.
    private func change(_ path: String, _ text: String?) {
        disk.set("/repo/\(path)", text)
        caching.forget(changed: ["/repo/\(path)"])
    }

    private func edit(_ path: String, _ transform: (String) -> String) throws {
        let old = try XCTUnwrap(disk.text("/repo/\(path)"))
        let new = transform(old)
        XCTAssertNotEqual(old, new, "the edit changes nothing")
        change(path, new)
    }

    private var pagesRead: [String] {
        counting.read.filter { $0.hasSuffix(".rst") || $0.hasSuffix(".inc") }.sorted()
    }

    /// The findings and the site are those of a read without the cache.
    private func assertSameAsAFreshRead(_ checked: (ReadResult, [Diagnostic]), file: StaticString = #filePath, line: UInt = #line) throws {
        let (fresh, freshDiagnostics) = try Pipeline.check(root: OSAPIRefFixture.source, format: .osAPIRef, fileSystem: disk)
        XCTAssertEqual(DiagnosticEngine(checked.1).diagnostics, DiagnosticEngine(freshDiagnostics).diagnostics, file: file, line: line)
        let site = try SiteRenderer.render(model: checked.0.model).files, freshSite = try SiteRenderer.render(model: fresh.model).files
        XCTAssertEqual(site.map(\.path), freshSite.map(\.path), file: file, line: line)
        for (kept, made) in zip(site, freshSite) where kept.bytes != made.bytes {
            XCTFail("\(kept.path) differs from a fresh read", file: file, line: line)
        }
    }

    func testAParametersEditReadsNoPageAgain() throws {
        try setUpTree()
        _ = try check()
        XCTAssertFalse(pagesRead.isEmpty)
        try edit("api-ref/source/parameters.yaml") { $0.replacingOccurrences(of: "  in: query", with: "  in: query\n  min_version: 1.1") }
        let checked = try check()
        XCTAssertEqual(pagesRead, [], "the RST files are kept whole")
        XCTAssertTrue(counting.read.contains { $0.hasSuffix("parameters.yaml") })
        try assertSameAsAFreshRead(checked)
    }

    func testAPageEditReadsThePagesAgain() throws {
        try setUpTree()
        _ = try check()
        try edit("api-ref/source/widgets.inc") { $0.replacingOccurrences(of: "Widgets are things.", with: "Widgets are useful things.") }
        let checked = try check()
        XCTAssertTrue(pagesRead.contains { $0.hasSuffix("widgets.inc") }, "\(pagesRead)")
        try assertSameAsAFreshRead(checked)
    }

    func testAFileAnIncludeDidNotFindIsReadOnceItExists() throws {
        let index = try XCTUnwrap(OSAPIRefFixture.files()["api-ref/source/index.rst"])
        try setUpTree(["api-ref/source/index.rst": index + ".. include:: later.inc\n"])
        let before = try check()
        XCTAssertTrue(before.1.contains { $0.code == IncludeNotFound.descriptor.code }, "the include finds nothing yet")

        change("api-ref/source/later.inc", "Later\n=====\n\nWritten after the first build.\n")
        let after = try check()
        XCTAssertFalse(after.1.contains { $0.code == IncludeNotFound.descriptor.code }, "the new file is read")
        XCTAssertTrue(pagesRead.contains { $0.hasSuffix("later.inc") }, "\(pagesRead)")
        try assertSameAsAFreshRead(after)
    }

    func testAFolderHoldingThePagesChangedReadsThemAgain() throws {
        try setUpTree()
        _ = try check()
        disk.set("/repo/api-ref/source/widgets.inc", try XCTUnwrap(disk.text("/repo/api-ref/source/widgets.inc")) + "\nMore.\n")
        caching.forget(changed: ["/repo/api-ref"])
        let checked = try check()
        XCTAssertFalse(pagesRead.isEmpty)
        try assertSameAsAFreshRead(checked)
    }

    func testWithoutTheCacheEveryReadReadsThePages() throws {
        try setUpTree()
        for _ in 0..<2 {
            counting.reset()
            _ = try Pipeline.check(root: OSAPIRefFixture.source, format: .osAPIRef, fileSystem: counting)
            XCTAssertFalse(pagesRead.isEmpty)
        }
    }
}

/// An in-memory tree whose files a test rewrites between reads.
private final class EditableDisk: FileSystem, @unchecked Sendable {
    private let lock = NSLock()
    private var tree: InMemoryFileSystem

    init(_ tree: InMemoryFileSystem) { self.tree = tree }

    func set(_ path: String, _ text: String?) { lock.withLock { tree.files[path] = text.map { Array($0.utf8) } } }
    func text(_ path: String) -> String? { lock.withLock { tree.files[path].map { String(decoding: $0, as: UTF8.self) } } }

    private var current: InMemoryFileSystem { lock.withLock { tree } }
    func kind(at path: String) -> FileKind? { current.kind(at: path) }
    func readFile(at path: String) throws(FileSystemError) -> [UInt8] { try current.readFile(at: path) }
    func contents(ofDirectory path: String) throws(FileSystemError) -> [String] { try current.contents(ofDirectory: path) }
    func resolvedPath(_ path: String) -> String? { current.resolvedPath(path) }
    func entries(ofDirectory path: String) throws(FileSystemError) -> [DirectoryEntry] { try current.entries(ofDirectory: path) }
}

/// Notes the files read through it.
private final class CountingFileSystem: FileSystem, @unchecked Sendable {
    private let base: any FileSystem
    private let lock = NSLock()
    private var paths: [String] = []

    init(_ base: any FileSystem) { self.base = base }

    var read: [String] { lock.withLock { paths } }
    func reset() { lock.withLock { paths = [] } }

    func readFile(at path: String) throws(FileSystemError) -> [UInt8] {
        lock.withLock { paths.append(path) }
        return try base.readFile(at: path)
    }

    func kind(at path: String) -> FileKind? { base.kind(at: path) }
    func contents(ofDirectory path: String) throws(FileSystemError) -> [String] { try base.contents(ofDirectory: path) }
    func resolvedPath(_ path: String) -> String? { base.resolvedPath(path) }
    func entries(ofDirectory path: String) throws(FileSystemError) -> [DirectoryEntry] { try base.entries(ofDirectory: path) }
    var changeGeneration: Int? { base.changeGeneration }
    func hasChanges(since generation: Int, inside folders: [String]) -> Bool { base.hasChanges(since: generation, inside: folders) }
    func changes(since generation: Int) -> [String]? { base.changes(since: generation) }
}
