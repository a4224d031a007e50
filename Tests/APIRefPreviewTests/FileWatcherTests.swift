import Foundation
import XCTest
@testable import APIRefPreview

/// The polling watcher: which files a snapshot holds, and which changes it reports.
final class FileWatcherTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "apiref-watch-\(UUID().uuidString)"
        for folder in ["pages", "samples/v2", ".git", "site"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        for file in ["apiref.yaml", "pages/a.md", "samples/v2/s.json", ".git/HEAD", "site/index.html", ".hidden"] {
            try write(file, "x")
        }
        try FileManager.default.createSymbolicLink(atPath: root + "/linked.json", withDestinationPath: root + "/samples/v2/s.json")
        try FileManager.default.createSymbolicLink(atPath: root + "/loop", withDestinationPath: root)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    private func write(_ file: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: root + "/" + file))
    }

    func testSnapshotHoldsTheInputsOnly() {
        let watcher = FileWatcher(roots: [root], excluded: [root + "/site"])
        // Hidden and excluded folders are skipped, a symlinked file is followed, a symlinked
        // folder (here a loop back to the root) is not entered.
        XCTAssertEqual(watcher.snapshot().keys.map { String($0.dropFirst(root.count + 1)) }.sorted(),
                       ["apiref.yaml", "linked.json", "pages/a.md", "samples/v2/s.json"])
    }

    func testChangesAreEditsAdditionsAndRemovals() throws {
        let watcher = FileWatcher(roots: [root], excluded: [root + "/site"])
        let before = watcher.snapshot()
        XCTAssertEqual(FileWatcher.changes(from: before, to: watcher.snapshot()), [])
        try write("pages/a.md", "longer")
        try write("pages/b.md", "new")
        try FileManager.default.removeItem(atPath: root + "/apiref.yaml")
        try write("site/index.html", "ignored")
        XCTAssertEqual(FileWatcher.changes(from: before, to: watcher.snapshot()).map { String($0.dropFirst(root.count + 1)) },
                       ["apiref.yaml", "pages/a.md", "pages/b.md"])
    }

    #if os(Linux)
    /// inotify: a save is one burst with the saved path; an editor's temporary file renamed over
    /// the original leaves only the original; hidden files and excluded folders are not
    /// reported; a folder created later is watched, with the files written into it.
    func testInotifyReportsSavesAsTheyHappen() throws {
        let watcher = try XCTUnwrap(InotifyWatcher(roots: [root], excluded: [root + "/site"]))
        XCTAssertNil(watcher.nextBurst(timeout: 0, quiet: 10), "nothing changed yet")
        func burst() throws -> [String] {
            try XCTUnwrap(watcher.nextBurst(timeout: 2000, quiet: 10)).paths.map { String($0.dropFirst(root.count + 1)) }
        }

        try write("pages/a.md", "edited")
        XCTAssertEqual(try burst(), ["pages/a.md"])

        try write("samples/v2/s.json.tmp", "{}")
        XCTAssertEqual(rename(root + "/samples/v2/s.json.tmp", root + "/samples/v2/s.json"), 0)
        XCTAssertEqual(try burst(), ["samples/v2/s.json"], "the temporary file is not an input")

        // The rename late (a busy machine): still one burst, without the temporary file.
        try write("samples/v2/s.json.tmp", "{\"a\": 1}")
        usleep(4000)
        XCTAssertEqual(rename(root + "/samples/v2/s.json.tmp", root + "/samples/v2/s.json"), 0)
        XCTAssertEqual(try burst(), ["samples/v2/s.json"], "the temporary file renamed 4 ms later is not an input")

        try write(".hidden", "y")
        try write("site/index.html", "y")
        try write("pages/b.md~", "backup")
        try write("apiref.yaml", "z")
        XCTAssertEqual(try burst(), ["apiref.yaml"])

        try FileManager.default.createDirectory(atPath: root + "/samples/v3", withIntermediateDirectories: true)
        try write("samples/v3/new.json", "{}")
        var seen = Set(try burst())
        // The folder's creation and the file's write may come as one burst or two.
        if !seen.contains("samples/v3/new.json") { seen.formUnion(try burst()) }
        XCTAssertTrue(seen.contains("samples/v3/new.json"), "\(seen)")
        try write("samples/v3/new.json", "{\"a\": 1}")
        XCTAssertEqual(try burst(), ["samples/v3/new.json"], "the new folder is watched")

        try FileManager.default.removeItem(atPath: root + "/pages/a.md")
        XCTAssertEqual(try burst(), ["pages/a.md"])
    }

    /// An editor's save writes a temporary file, then renames it over the input: the change is
    /// seen with the rename (the temporary file's write is the editor's time, not apiref's).
    func testASaveByRenameIsSeenWhenTheRenameIsSeen() throws {
        let watcher = try XCTUnwrap(InotifyWatcher(roots: [root], excluded: []))
        let temporary = root + "/samples/v2/s.json.tmp"
        // Made and written in place (Foundation's createFile writes a file of its own and renames it).
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        XCTAssertEqual(Glibc.write(descriptor, "{", 1), 1)
        usleep(6000)
        XCTAssertEqual(Glibc.write(descriptor, "}", 1), 1)
        close(descriptor)
        let renamed = ContinuousClock.now
        XCTAssertEqual(rename(temporary, root + "/samples/v2/s.json"), 0)
        let burst = try XCTUnwrap(watcher.nextBurst(timeout: 2000, quiet: 10))
        XCTAssertEqual(burst.paths, [root + "/samples/v2/s.json"])
        XCTAssertGreaterThanOrEqual(burst.seen, renamed, "seen with the rename, not with the temporary file's creation 6 ms before")

        // A file written in place: seen with its write.
        let before = ContinuousClock.now
        try write("pages/a.md", "edited")
        let inPlace = try XCTUnwrap(watcher.nextBurst(timeout: 2000, quiet: 10))
        XCTAssertEqual(inPlace.paths, [root + "/pages/a.md"])
        XCTAssertGreaterThanOrEqual(inPlace.seen, before)
    }

    /// A write with no close (a writer that keeps the file open) ends its burst after the quiet
    /// period instead of never.
    func testInotifyEndsAnOpenWriteAfterTheQuietPeriod() throws {
        let watcher = try XCTUnwrap(InotifyWatcher(roots: [root], excluded: []))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: root + "/pages/a.md"))
        defer { try? handle.close() }
        try handle.write(contentsOf: Data("open".utf8))
        let burst = try XCTUnwrap(watcher.nextBurst(timeout: 2000, quiet: 20))
        XCTAssertEqual(burst.paths, [root + "/pages/a.md"])
    }

    /// A file written without pause does not hold the burst open: it ends within its bound.
    func testInotifyBurstEndsWhileAFileKeepsChanging() throws {
        let watcher = try XCTUnwrap(InotifyWatcher(roots: [root], excluded: []))
        let path = root + "/pages/a.md"
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        // Kept open and written every 2 ms: each event is a write not yet complete.
        let writer = Thread {
            let end = Date().addingTimeInterval(1.5)
            while Date() < end {
                try? handle.write(contentsOf: Data("x".utf8))
                usleep(2000)
            }
            try? handle.close()
        }
        writer.start()
        let started = Date()
        let burst = try XCTUnwrap(watcher.nextBurst(timeout: 2000, quiet: 10))
        XCTAssertEqual(burst.paths, [path])
        XCTAssertLessThan(Date().timeIntervalSince(started), 1.0, "the burst ended while the file still changed")
        while !writer.isFinished { usleep(10_000) }
    }
    #endif
}
