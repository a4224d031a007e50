import Foundation
import XCTest
@testable import APIRefKit
@testable import APIRefPreview

/// `serve` rebuilds only what a change affects: unchanged files are not parsed again and pages
/// whose inputs did not change are not rendered again, and the result is the site a fresh
/// build makes.
final class IncrementalRebuildTests: XCTestCase {
    private var root: URL!
    private var session: PreviewSession!

    private static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    override func setUp() async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("apiref-incremental-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.packageRoot.appendingPathComponent("api-ref"), to: root)
        session = PreviewSession(configuration: PreviewConfiguration(input: root.path),
                                 render: { model, memo in try SiteRenderer.render(model: model, memo: memo).files })
    }

    override func tearDown() async throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func edit(_ path: String, _ transform: (String) -> String) throws {
        try editFile(root.appendingPathComponent(path), transform)
    }

    /// What the session serves, next to what a build from scratch makes of the same files.
    private func assertServesAFreshBuild(file: StaticString = #filePath, line: UInt = #line) async throws {
        let served = await session.store.site.files
        let model = try Pipeline.read(root: root.path).model
        let fresh = try SiteRenderer.render(model: model).files
        XCTAssertEqual(Set(served.keys), Set(fresh.map(\.path)), file: file, line: line)
        for output in fresh {
            XCTAssertEqual(served[output.path]?.bytes, output.bytes, "\(output.path) differs from a fresh build", file: file, line: line)
        }
    }

    func testASampleEditParsesOneFileAndRendersOnePage() async throws {
        let first = await session.rebuild()
        XCTAssertTrue(first.published)
        XCTAssertEqual(first.reusedParses, 0)
        XCTAssertEqual(first.reusedPages, 0)
        let pages = first.renderedPages

        let unchanged = await session.rebuild()
        XCTAssertEqual(unchanged.parsedFiles, 0, "nothing changed: nothing parsed")
        XCTAssertEqual(unchanged.renderedPages, 0, "nothing changed: nothing rendered")
        XCTAssertEqual(unchanged.reusedPages, pages)
        XCTAssertTrue(unchanged.changedOutputs.isEmpty)

        try edit("samples/flavors/flavors-list-resp.json") { $0.replacingOccurrences(of: "\"Small\"", with: "\"Petite\"") }
        let report = await session.rebuild()
        XCTAssertTrue(report.published)
        XCTAssertEqual(report.parsedFiles, 1, "only the edited sample is parsed")
        XCTAssertEqual(report.renderedPages, 1, "only the page showing the sample is rendered")
        XCTAssertEqual(report.changedOutputs, ["flavors.html"])
        try await assertServesAFreshBuild()

        // Again, with an edit that keeps every position: the page still changes.
        try edit("samples/flavors/flavors-list-resp.json") { $0.replacingOccurrences(of: "\"Petite\"", with: "\"Little\"") }
        let again = await session.rebuild()
        XCTAssertEqual(again.parsedFiles, 1)
        XCTAssertEqual(again.renderedPages, 1)
        XCTAssertEqual(again.changedOutputs, ["flavors.html"])
        try await assertServesAFreshBuild()
    }

    func testADefinitionEditRendersThePagesUsingItAndTheWholeAPIPages() async throws {
        let first = await session.rebuild()
        try edit("parameters.yaml") { text in
            text.replacingOccurrences(of: "The memory of the flavor, in MiB.", with: "The memory of the flavor in MiB.")
        }
        let report = await session.rebuild()
        XCTAssertTrue(report.published)
        XCTAssertEqual(report.parsedFiles, 1, "only parameters.yaml is parsed")
        XCTAssertLessThan(report.renderedPages, first.renderedPages, "pages not using the definition are kept")
        XCTAssertTrue(report.changedOutputs.contains("flavors.html"), "\(report.changedOutputs)")
        XCTAssertFalse(report.changedOutputs.contains("instances.html"), "\(report.changedOutputs)")
        try await assertServesAFreshBuild()
    }

    func testAPageEditRendersThatPage() async throws {
        _ = await session.rebuild()
        try edit("pages/backups.md") { $0.replacingOccurrences(of: "# Backups", with: "# Backups\n\nA new paragraph.") }
        let report = await session.rebuild()
        XCTAssertTrue(report.published)
        XCTAssertTrue(report.changedOutputs.contains("backups.html"), "\(report.changedOutputs)")
        XCTAssertFalse(report.changedOutputs.contains("flavors.html"))
        try await assertServesAFreshBuild()
    }
}

/// An os-api-ref tree's samples sit beside its source folder (`doc/api_samples` next to
/// `api-ref/source`): serve watches the folders a build read from as well as the input.
final class WatchedFolderTests: XCTestCase {
    func testFoldersReadOutsideTheInputAreWatchedOnce() {
        let folders = PreviewSession.foldersOutside(
            "/repo/api-ref/source", root: "/repo",
            read: ["api-ref/source/index.rst", "api-ref/source/parameters.yaml",
                   "doc/api_samples/flavors/flavor-get-resp.json", "doc/api_samples/flavors/v2.55/flavor-get-resp.json",
                   "doc/api_samples/servers/server-get-resp.json", "doc/api_samples/flavors/flavors-list-resp.json"])
        XCTAssertEqual(folders, ["/repo/doc/api_samples/flavors", "/repo/doc/api_samples/servers"])
        XCTAssertEqual(PreviewSession.foldersOutside("/p/api-ref", root: "/p/api-ref", read: ["pages/a.md", "samples/x.json"]), [])
    }
}
