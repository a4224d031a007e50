import Foundation
import XCTest
@testable import APIRefKit

/// The demo site, page by page, against Golden/site/. Re-record with
/// `RECORD_GOLDEN=1 swift test --filter Render` and review the diff like code.
final class RenderGoldenTests: XCTestCase {
    /// What is compared: every page and the search index. The assets are compared with
    /// templates/ by RenderThemeTests.
    private func goldenFiles(_ site: RenderedSite) -> [OutputFile] {
        site.files.filter { !$0.path.hasPrefix(SiteLayout.assetsFolder) }
    }

    func testDemoSiteMatchesGoldenFiles() throws {
        let site = try RenderFixtures.demoSite()
        let folder = Fixtures.goldenDirectory.appendingPathComponent("site")
        if Golden.recording {
            // Pages that no longer exist must not linger as golden files.
            try? FileManager.default.removeItem(at: folder)
        }
        for file in goldenFiles(site) {
            if let problem = Golden.check(String(decoding: file.bytes, as: UTF8.self), against: "site/" + file.path) {
                XCTFail(problem)
            }
        }
        let recorded = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let rendered = Set(goldenFiles(site).map(\.path))
        for name in recorded where !rendered.contains(name) {
            XCTFail("Golden/site/\(name) is no longer rendered: re-record with RECORD_GOLDEN=1")
        }
    }

    func testDemoSiteHasOnePagePerResourceGroupPlusIndexAndHistory() throws {
        let site = try RenderFixtures.demoSite()
        let pages = site.files.map(\.path).filter { $0.hasSuffix(".html") }.sorted()
        XCTAssertEqual(pages, ["backups.html", "configurations.html", "databases.html", "flavors.html",
                               "history.html", "index.html", "instances.html", "users.html"])
        XCTAssertEqual(site.pageCount, RenderFixtures.demo.pages.count + 1)
    }

    /// One rendering with filter attributes, not one per microversion: the whole site (assets
    /// and search index included) stays well under three times its pages.
    func testSiteDoesNotGrowWithTheNumberOfVersions() throws {
        let site = try RenderFixtures.demoSite()
        let pageBytes = site.files.filter { $0.path.hasSuffix(".html") }.reduce(0) { $0 + $1.bytes.count }
        XCTAssertLessThan(site.byteCount, 2 * pageBytes)
        XCTAssertLessThan(site.byteCount, 600_000)
    }

    func testDemoPagesHaveNoEmptyRequiredParts() throws {
        let site = try RenderFixtures.demoSite()
        for file in site.files where file.path.hasSuffix(".html") {
            let html = String(decoding: file.bytes, as: UTF8.self)
            for empty in ["<title></title>", "<h1></h1>", "href=\"\"", "<h2 class=\"endpoint-title\"><a href=\"#\">",
                          "<code class=\"path\"></code>", "class=\"method m-\"", "{{>", "{{#", "{{/"] {
                XCTAssertFalse(html.contains(empty), "\(file.path) contains \(empty)")
            }
        }
        let instances = RenderFixtures.html(site, "instances.html")
        XCTAssertEqual(instances.components(separatedBy: "<section class=\"endpoint\"").count - 1, 7)
    }

    func testRenderingTheDemoIsFast() throws {
        let clock = ContinuousClock()
        _ = try RenderFixtures.demoSite()
        let elapsed = clock.measure { _ = try? RenderFixtures.demoSite() }
        // Generous for a debug build on a shared machine; release is far below.
        XCTAssertLessThan(elapsed, .seconds(2))
    }
}
