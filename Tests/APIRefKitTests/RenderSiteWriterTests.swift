import Foundation
import XCTest
@testable import APIRefKit

final class RenderSiteWriterTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("apiref-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func site(_ files: [String: String]) -> RenderedSite {
        RenderedSite(files: files.map { OutputFile(path: $0.key, text: $0.value) }.sorted { $0.path < $1.path })
    }

    private func contents(_ path: String) -> String? {
        try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
    }

    private func siblings() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    func testWritesANewSiteAndReplacesThePreviousOneWhole() throws {
        let output = folder.appendingPathComponent("site").path
        try SiteWriter(output: output).write(site(["index.html": "one", "old.html": "old", "assets/a.css": "a"]))
        XCTAssertEqual(contents("site/index.html"), "one")
        XCTAssertNotNil(contents("site/\(SiteWriter.markerName)"))

        try SiteWriter(output: output).write(site(["index.html": "two", "assets/a.css": "b"]))
        XCTAssertEqual(contents("site/index.html"), "two")
        XCTAssertEqual(contents("site/assets/a.css"), "b")
        XCTAssertNil(contents("site/old.html"))
        // No temporary folder is left beside the output.
        XCTAssertEqual(try siblings(), ["site"])
    }

    private func inode(_ path: String) -> (inode: UInt64, links: UInt64)? {
        var info = stat()
        guard lstat(folder.appendingPathComponent(path).path, &info) == 0 else { return nil }
        return (UInt64(info.st_ino), UInt64(info.st_nlink))
    }

    func testARebuildTakesThePreviousSitesUnchangedFilesAndWritesTheRest() throws {
        let output = folder.appendingPathComponent("site").path
        try SiteWriter(output: output).write(site(["index.html": "one", "assets/a.css": "a", "b.html": "b"]))
        let (index, css, page) = try (XCTUnwrap(inode("site/index.html")), XCTUnwrap(inode("site/assets/a.css")),
                                      XCTUnwrap(inode("site/b.html")))

        try SiteWriter(output: output).write(site(["index.html": "one", "assets/a.css": "a", "b.html": "bb"]))
        // The same files (linked, then the previous site's names removed), one name each.
        XCTAssertEqual(inode("site/index.html")?.inode, index.inode)
        XCTAssertEqual(inode("site/assets/a.css")?.inode, css.inode)
        XCTAssertEqual(inode("site/index.html")?.links, 1)
        // The changed one is written anew.
        XCTAssertNotEqual(inode("site/b.html")?.inode, page.inode)
        XCTAssertEqual(contents("site/b.html"), "bb")
        XCTAssertEqual(try siblings(), ["site"])
    }

    func testAPreviousFileSomeoneChangedIsNotTaken() throws {
        let output = folder.appendingPathComponent("site").path
        try SiteWriter(output: output).write(site(["mode.html": "m", "linked.html": "l", "edited.html": "e"]))
        chmod(folder.appendingPathComponent("site/mode.html").path, 0o600)
        let elsewhere = folder.appendingPathComponent("elsewhere.html").path
        XCTAssertEqual(link(folder.appendingPathComponent("site/linked.html").path, elsewhere), 0)
        let mode = try XCTUnwrap(inode("site/mode.html")), linked = try XCTUnwrap(inode("site/linked.html"))

        try SiteWriter(output: output).write(site(["mode.html": "m", "linked.html": "l", "edited.html": "e"]))
        XCTAssertNotEqual(inode("site/mode.html")?.inode, mode.inode)
        XCTAssertNotEqual(inode("site/linked.html")?.inode, linked.inode)
        // The file linked from outside keeps its one name outside.
        XCTAssertEqual(inode("elsewhere.html")?.links, 1)
        var info = stat()
        XCTAssertEqual(stat(folder.appendingPathComponent("site/mode.html").path, &info), 0)
        XCTAssertEqual(info.st_mode & 0o777, 0o644 & ~currentUmask())
    }

    func testAFolderOfThePreviousSiteThatIsASymlinkIsNotLookedInto() throws {
        let output = folder.appendingPathComponent("site").path
        try SiteWriter(output: output).write(site(["index.html": "x"]))
        // Someone made `site/pages` a symlink to a folder outside with the very file a build writes.
        let outside = folder.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try SiteWriter.write(Array("p".utf8), to: outside.appendingPathComponent("p.html").path, shownAs: "p.html")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("site/pages").path,
                                                   withDestinationPath: outside.path)
        let before = try XCTUnwrap(inode("outside/p.html"))

        try SiteWriter(output: output).write(site(["index.html": "x", "pages/p.html": "p"]))
        XCTAssertEqual(contents("site/pages/p.html"), "p")
        XCTAssertNotEqual(inode("site/pages/p.html")?.inode, before.inode)
        XCTAssertEqual(inode("outside/p.html")?.links, 1)
        XCTAssertEqual(contents("outside/p.html"), "p")
    }

    private func currentUmask() -> mode_t {
        let mask = umask(0)
        umask(mask)
        return mask
    }

    func testRefusesToReplaceAFolderApirefDidNotWrite() throws {
        let output = folder.appendingPathComponent("docs")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try "keep".write(to: output.appendingPathComponent("precious.txt"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SiteWriter(output: output.path).write(site(["index.html": "x"])))
        XCTAssertEqual(contents("docs/precious.txt"), "keep")
        XCTAssertEqual(try siblings(), ["docs"])
    }

    func testAcceptsAnEmptyExistingFolder() throws {
        let output = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try SiteWriter(output: output.path).write(site(["index.html": "x"]))
        XCTAssertEqual(contents("empty/index.html"), "x")
    }

    func testRefusesAFileAndAMissingParent() throws {
        let file = folder.appendingPathComponent("file")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SiteWriter(output: file.path).write(site(["index.html": "x"])))
        XCTAssertThrowsError(try SiteWriter(output: folder.appendingPathComponent("a/b").path).write(site(["index.html": "x"])))
        XCTAssertEqual(try siblings(), ["file"])
    }

    func testRefusesPathsThatClimbOut() throws {
        let output = folder.appendingPathComponent("site").path
        XCTAssertThrowsError(try SiteWriter(output: output).write(site(["../evil.html": "x"])))
        XCTAssertEqual(try siblings(), [])
    }

    func testOutputMustBeSeparateFromInput() throws {
        let input = folder.appendingPathComponent("api-ref")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        XCTAssertThrowsError(try SiteWriter.checkSeparate(output: input.path, input: input.path))
        XCTAssertThrowsError(try SiteWriter.checkSeparate(output: input.appendingPathComponent("site").path, input: input.path))
        XCTAssertThrowsError(try SiteWriter.checkSeparate(output: folder.path, input: input.path))
        XCTAssertThrowsError(try SiteWriter.checkSeparate(output: input.path + "/../api-ref/x", input: input.path))
        XCTAssertNoThrow(try SiteWriter.checkSeparate(output: folder.appendingPathComponent("site").path, input: input.path))
        XCTAssertNoThrow(try SiteWriter.checkSeparate(output: folder.appendingPathComponent("api-ref-site").path, input: input.path))
    }

    /// `build` writes each file as it is rendered, from the render threads: the output shows
    /// the old site until all are written and published; a failure leaves it as it was.
    func testFilesWrittenAsTheyComeAreSeenOnlyOncePublished() throws {
        let output = folder.appendingPathComponent("site").path
        try SiteWriter(output: output).write(site(["index.html": "old"]))

        let staging = try SiteWriter(output: output).begin()
        DispatchQueue.concurrentPerform(iterations: 40) { index in
            staging.add(OutputFile(path: "pages/\(index % 4)/p\(index).html", text: "page \(index)"))
        }
        XCTAssertEqual(contents("site/index.html"), "old", "nothing shows before publishing")
        staging.add(OutputFile(path: "index.html", text: "new"))
        try staging.publish()
        XCTAssertEqual(contents("site/index.html"), "new")
        XCTAssertEqual(contents("site/pages/3/p39.html"), "page 39")
        XCTAssertEqual(try siblings(), ["site"])

        let failing = try SiteWriter(output: output).begin()
        failing.add(OutputFile(path: "index.html", text: "newer"))
        failing.add(OutputFile(path: "../outside.html", text: "x"))
        XCTAssertThrowsError(try failing.publish()) { error in
            XCTAssertTrue("\(error)".contains("not a plain relative path"), "\(error)")
        }
        XCTAssertEqual(contents("site/index.html"), "new", "a failed write leaves the site as it was")
        XCTAssertEqual(try siblings(), ["site"])

        let discarded = try SiteWriter(output: output).begin()
        discarded.add(OutputFile(path: "index.html", text: "never"))
        discarded.discard()
        XCTAssertEqual(contents("site/index.html"), "new", "a render that failed leaves the site as it was")
        XCTAssertEqual(try siblings(), ["site"])
    }

    /// A killed build's temporary folder goes at the next build once its process is gone; one
    /// of a build still running (here: process 1, which always runs) stays.
    func testTemporaryFoldersOfBuildsThatAreGoneAreRemoved() throws {
        let output = folder.appendingPathComponent("site").path
        // A process ID no process has: one just ended.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let gone = ".site.apiref-new-\(ended.processIdentifier)-abc123", running = ".site.apiref-new-1-def456"
        for name in [gone, running] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("\(name)/part"), withIntermediateDirectories: true)
        }
        try SiteWriter(output: output).write(site(["index.html": "x"]))
        XCTAssertEqual(try siblings(), [running, "site"].sorted())
    }
}
