import Foundation
import XCTest
@testable import APIRefKit

final class RenderThemeTests: XCTestCase {
    /// DefaultTheme.swift is generated from templates/ by scripts/embed-theme.sh.
    func testEmbeddedThemeEqualsTemplatesFolder() throws {
        let folder = Fixtures.packageRoot.appendingPathComponent("templates").path
        let onDisk = try Theme(files: [:]).overridden(byFolder: folder)
        XCTAssertEqual(Set(onDisk.files.keys), Set(DefaultTheme.files.keys),
                       "templates/ and the embedded theme list different files: run scripts/embed-theme.sh")
        for (path, text) in DefaultTheme.files {
            XCTAssertTrue(onDisk.files[path] == Array(text.utf8), "\(path) differs from templates/: run scripts/embed-theme.sh")
        }
    }

    func testFolderOverridesSameNamedFilesOnly() throws {
        let fileSystem = InMemoryFileSystem(files: [
            "/theme/bottom.mustache": "<footer>custom {{siteTitle}}</footer></main></div></body></html>\n",
            "/theme/assets/extra.css": "body{}",
            "/theme/notes.txt": "ignored",
        ])
        let theme = try Theme.builtIn.overridden(byFolder: "/theme", fileSystem: fileSystem)
        XCTAssertEqual(theme.files["assets/extra.css"], Array("body{}".utf8))
        XCTAssertNil(theme.files["notes.txt"])
        XCTAssertEqual(theme.files["resource.mustache"], Theme.builtIn.files["resource.mustache"])
        let site = try SiteRenderer.render(model: RenderFixtures.demo, theme: theme, options: RenderFixtures.options)
        XCTAssertTrue(RenderFixtures.html(site, "flavors.html").contains("<footer>custom Tessera Database Service API</footer>"))
        XCTAssertNotNil(site["assets/extra.css"])
        XCTAssertNotNil(site["assets/apiref.css"])
    }

    func testMissingTemplatesFolderIsAnError() {
        XCTAssertThrowsError(try Theme.builtIn.overridden(byFolder: "/nowhere", fileSystem: InMemoryFileSystem()))
    }

    func testUnknownVariableFailsTheRender() throws {
        var files = Theme.builtIn.files
        files["status.mustache"] = Array("<li>{{code}} {{reasonHtml}}</li>\n".utf8)
        XCTAssertThrowsError(try SiteRenderer.render(model: RenderFixtures.demo, theme: Theme(files: files))) { error in
            XCTAssertTrue("\(error)".contains("'reasonHtml'"), "\(error)")
        }
    }

    func testMissingPartialFailsTheRender() {
        var files = Theme.builtIn.files
        files["resource.mustache"] = Array("{{>head}}{{>top}}{{>nonesuch}}{{>bottom}}".utf8)
        XCTAssertThrowsError(try SiteRenderer.render(model: RenderFixtures.demo, theme: Theme(files: files))) { error in
            XCTAssertTrue("\(error)".contains("'nonesuch'"), "\(error)")
        }
    }

    func testMissingPageTemplateAndSyntaxErrorAreReported() {
        var files = Theme.builtIn.files
        files["history.mustache"] = nil
        XCTAssertThrowsError(try SiteRenderer.render(model: RenderFixtures.demo, theme: Theme(files: files))) { error in
            XCTAssertTrue("\(error)".contains("history.mustache"), "\(error)")
        }
        files = Theme.builtIn.files
        files["status.mustache"] = Array("{{#code}}unclosed".utf8)
        XCTAssertThrowsError(try SiteRenderer.render(model: RenderFixtures.demo, theme: Theme(files: files))) { error in
            XCTAssertTrue("\(error)".contains("status.mustache"), "\(error)")
        }
    }

    /// Every name a default template uses is a field of some view model, including names in
    /// sections the demo never enters (rendering fails on the others).
    func testEveryNameInTheDefaultTemplatesIsAViewModelField() {
        let types: [any TemplateObject.Type] = [
            ChromeView.self, VersionOptionView.self, NavPageView.self, NavEndpointView.self, BlockView.self,
            ResourcePageView.self, IndexPageView.self, OverviewGroupView.self, OverviewEndpointView.self,
            EndpointView.self, ParameterTableView.self, ParameterRowView.self, StatusView.self, SampleView.self,
            WindowView.self, BadgeView.self, HistoryPageView.self, VersionEntryView.self, EndpointChangeView.self,
            FieldChangeView.self,
        ]
        let known = Set(types.flatMap { $0.fieldNames })
        for (path, text) in DefaultTheme.files where path.hasSuffix(".mustache") {
            for name in Self.tagNames(text) where name != "." {
                for segment in name.split(separator: ".") {
                    XCTAssertTrue(known.contains(String(segment)), "\(path) uses '\(name)', which no view model has")
                }
            }
        }
    }

    /// Names in `{{x}}`, `{{{x}}}`, `{{#x}}`, `{{^x}}`, `{{&x}}` tags.
    static func tagNames(_ text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "{{") {
            rest = rest[open.upperBound...]
            guard let close = rest.range(of: "}}") else { break }
            var tag = rest[..<close.lowerBound]
            rest = rest[close.upperBound...]
            if tag.hasPrefix("{") { tag = tag.dropFirst() }
            guard let first = tag.first, !">!/=<$".contains(first) else { continue }
            if "#^&".contains(first) { tag = tag.dropFirst() }
            names.append(tag.trimmingCharacters(in: .whitespaces))
        }
        return names
    }
}

extension TemplateObject {
    static var fieldNames: [String] { fields.names }
}
