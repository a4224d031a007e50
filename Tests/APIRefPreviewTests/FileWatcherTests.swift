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
}
