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
}
