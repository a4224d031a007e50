import Foundation
import XCTest
@testable import APIRefKit

/// The real-disk file system, on a scratch folder: POSIX reads and directory listings with
/// the entries' kinds, and the files it refuses to read.
final class LocalFileSystemTests: XCTestCase {
    private var folder = ""
    private let disk = LocalFileSystem()

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "apiref-fs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        try Data("{\"a\": 1}".utf8).write(to: URL(fileURLWithPath: folder + "/b.json"))
        try Data().write(to: URL(fileURLWithPath: folder + "/empty"))
        try FileManager.default.createSymbolicLink(atPath: folder + "/link-to-sub", withDestinationPath: folder + "/sub")
        try FileManager.default.createSymbolicLink(atPath: folder + "/link-to-b", withDestinationPath: "b.json")
        try FileManager.default.createSymbolicLink(atPath: folder + "/dangling", withDestinationPath: folder + "/nowhere")
        XCTAssertEqual(mkfifo(folder + "/fifo", 0o600), 0)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func testEntriesCarryTheirKindsAfterFollowingSymlinks() throws {
        let entries = try disk.entries(ofDirectory: folder)
        XCTAssertEqual(entries.map { "\($0.name)=\($0.kind.map { "\($0)" } ?? "none")\($0.isSymlink ? " (link)" : "")" },
                       ["b.json=file", "dangling=none (link)", "empty=file", "fifo=file", "link-to-b=file (link)",
                        "link-to-sub=directory (link)", "sub=directory"])
        XCTAssertEqual(try disk.contents(ofDirectory: folder), entries.map(\.name))
        XCTAssertThrowsError(try disk.entries(ofDirectory: folder + "/b.json"))
        XCTAssertThrowsError(try disk.entries(ofDirectory: folder + "/nowhere"))
    }

    func testReadsWholeFilesAndRefusesWhatIsNotOne() throws {
        XCTAssertEqual(try disk.readFile(at: folder + "/b.json"), Array("{\"a\": 1}".utf8))
        XCTAssertEqual(try disk.readFile(at: folder + "/link-to-b"), Array("{\"a\": 1}".utf8))
        XCTAssertEqual(try disk.readFile(at: folder + "/empty"), [])
        let large = [UInt8](repeating: 0x61, count: 300_000)
        try Data(large).write(to: URL(fileURLWithPath: folder + "/large"))
        XCTAssertEqual(try disk.readFile(at: folder + "/large"), large)

        func reason(_ name: String) -> String? {
            do { _ = try disk.readFile(at: folder + "/" + name); return nil } catch { return error.reason }
        }
        XCTAssertEqual(reason("sub"), "is a directory")
        XCTAssertEqual(reason("nowhere"), "no such file")
        XCTAssertEqual(reason("dangling"), "no such file")
        // Opening a FIFO for reading would wait for a writer forever.
        XCTAssertEqual(reason("fifo"), "is not a regular file")
    }

    /// Folders resolved from their parents give what realpath gives each: through symlinked
    /// folders, dangling links, files, `..`, missing paths and relative ones.
    func testResolvedPathsAreEachPathsRealPath() throws {
        try FileManager.default.createDirectory(atPath: folder + "/sub/deeper/deepest", withIntermediateDirectories: true)
        let paths = [folder, folder + "/sub", folder + "/sub/deeper", folder + "/sub/deeper/deepest", folder + "/link-to-sub",
                     folder + "/link-to-sub/deeper", folder + "/link-to-sub/deeper/deepest", folder + "/dangling",
                     folder + "/dangling/x", folder + "/b.json", folder + "/b.json/x", folder + "/nowhere/sub",
                     folder + "/sub/../sub/deeper", folder + "/sub/.", folder + "/sub/", "Tests", "Tests/APIRefKitTests", "/", "/tmp"]
        XCTAssertEqual(disk.resolvedPaths(paths), paths.map(disk.resolvedPath))
        XCTAssertEqual(disk.resolvedPaths([folder + "/link-to-sub/deeper"]).first ?? nil, disk.resolvedPath(folder + "/sub/deeper"))
    }
}

/// Lexical path normalization, whose fast path (a path already normal is returned as it is)
/// must agree with the general one.
final class PathNormalizationTests: XCTestCase {
    func testJoinPutsOneSlashBetween() {
        let cases: [(String, String, String)] = [
            ("a", "b", "a/b"), ("a/", "b", "a/b"), ("", "b", "b"), (".", "b", "b"), ("a", "", "a"),
            ("/", "x", "/x"), ("é/ü", "ß.json", "é/ü/ß.json"), ("../doc", "api_samples/x.json", "../doc/api_samples/x.json"),
        ]
        for (base, relative, joined) in cases {
            XCTAssertEqual(PathUtilities.join(base, relative), joined, "\(base) + \(relative)")
        }
    }

    func testNormalizeRelative() {
        let cases: [(String, String?)] = [
            ("a/b.json", "a/b.json"), ("a/./b", "a/b"), ("a/../b", "b"), ("./a", "a"), ("a/.", "a"),
            ("a//b", "a/b"), ("/a/b", "a/b"), ("a/b/", "a/b"), ("..", nil), ("a/../..", nil), ("", ""),
            (".", ""), ("a/.hidden/b", "a/.hidden/b"), ("a/.../b", "a/.../b"), ("a.b/c..d", "a.b/c..d"),
            ("...", "..."), ("a/..b", "a/..b"), ("a/b..", "a/b.."),
        ]
        for (path, expected) in cases {
            XCTAssertEqual(PathUtilities.normalizeRelative(path), expected, path)
        }
        XCTAssertEqual(PathUtilities.normalizeRelative("../a/./b/../c", clampingAtStart: true), "a/c")
        // Every path of up to four segments from these, against splitting and matching them.
        func reference(_ path: String, clamping: Bool) -> String? {
            var parts: [String] = []
            for segment in path.split(separator: "/", omittingEmptySubsequences: true).map(String.init) {
                if segment == "." { continue }
                if segment == ".." {
                    if parts.isEmpty { if clamping { continue } else { return nil } }
                    parts.removeLast()
                } else { parts.append(segment) }
            }
            return parts.joined(separator: "/")
        }
        let segments = ["a", "é", ".", "..", "", ".x", "..."]
        var paths = [""]
        for _ in 0..<4 { paths = paths.flatMap { path in segments.map { path.isEmpty ? $0 : path + "/" + $0 } } + paths }
        for path in Set(paths) {
            for clamping in [false, true] {
                XCTAssertEqual(PathUtilities.normalizeRelative(path, clampingAtStart: clamping), reference(path, clamping: clamping), path)
            }
        }
        XCTAssertEqual(CachingFileSystem().canonical("/x/../../y//z/."), "/y/z")
        XCTAssertTrue(PathUtilities.isNormalRelative("doc/api_samples/servers/v2.9/server-get-resp.json"))
        for path in ["a/./b", "a/..", "/a", "a/", "a//b", ".", "..", ""] {
            XCTAssertFalse(PathUtilities.isNormalRelative(path), path)
        }
    }

    func testIsInsideComparesWholeSegments() {
        XCTAssertTrue(PathUtilities.isInside("/repo/api-ref", root: "/repo/api-ref"))
        XCTAssertTrue(PathUtilities.isInside("/repo/api-ref/a.md", root: "/repo/api-ref/"))
        XCTAssertTrue(PathUtilities.isInside("/repo/x", root: "/"))
        XCTAssertFalse(PathUtilities.isInside("/repo/api-ref2/a.md", root: "/repo/api-ref"))
        XCTAssertFalse(PathUtilities.isInside("/repo", root: "/repo/api-ref"))
        // Bytes, not canonical equivalence: "é" composed and decomposed are two file names.
        XCTAssertFalse(PathUtilities.isInside("/caf\u{E9}/a", root: "/cafe\u{301}"))
    }
}
