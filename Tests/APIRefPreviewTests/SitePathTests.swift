import XCTest
@testable import APIRefPreview
import APIRefKit
import Foundation

final class SitePathTests: XCTestCase {
    func testMapsFoldersToIndexAndRefusesEscapes() {
        XCTAssertEqual(SitePath.resolve("/"), "index.html")
        XCTAssertEqual(SitePath.resolve("/pages/"), "pages/index.html")
        XCTAssertEqual(SitePath.resolve("/a/b.html?mv=1.7"), "a/b.html")
        XCTAssertEqual(SitePath.resolve("/caf%C3%A9.html"), "café.html")
        for hostile in ["/../x", "/a/../../x", "/%2e%2e/x", "/%2E%2E/x", "/a%2fb", "/%00", "/a\\b", "/%zz", "/%c3%28", "/%25%32%65"] {
            XCTAssertNil(SitePath.resolve(hostile), hostile)
        }
    }

    func testOverlayEscapesProblems() {
        let html = Overlay.inject(into: Array("<html><body><p>x</p></body></html>".utf8),
                                  problems: [PreviewProblem(severity: "error", code: "AR025", location: "a.json:1:2",
                                                            message: "field '<script>alert(1)</script>' is bad")],
                                  generation: 3)
        let text = String(decoding: html, as: UTF8.self)
        XCTAssertTrue(text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        XCTAssertFalse(text.contains("<script>alert(1)"))
        XCTAssertTrue(text.hasSuffix("</body></html>"))
        XCTAssertTrue(text.contains("var g=3"))
    }
}

final class TemplateSymlinkTests: XCTestCase {
    /// The stock file middleware follows symlinks out of its root; the preview serves only what
    /// the build rendered, and the build refuses theme files that are symlinks leading out.
    func testSymlinkOutOfTheTemplatesFolderIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("apiref-theme-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("assets/leak.css").path,
                                                   withDestinationPath: "/etc/passwd")
        XCTAssertThrowsError(try Theme.builtIn.overridden(byFolder: folder.path)) { error in
            XCTAssertTrue("\(error)".contains("symlink"), "\(error)")
        }
        // A link that stays inside the folder is fine.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("assets/leak.css"))
        try "body{}".write(to: folder.appendingPathComponent("assets/real.css"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("assets/alias.css").path,
                                                   withDestinationPath: "real.css")
        XCTAssertNoThrow(try Theme.builtIn.overridden(byFolder: folder.path))
    }
}
