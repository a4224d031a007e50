import Foundation
import XCTest
@testable import APIRefKit

/// What the pages say: escaping, Markdown, windows, samples, links, search.
final class RenderContentTests: XCTestCase {
    private func widgetsSite(baseURL: String? = nil) throws -> RenderedSite {
        let (model, diagnostics) = try RenderFixtures.model(RenderFixtures.widgets)
        XCTAssertEqual(diagnostics.filter { $0.severity == .error }.map(\.message), [])
        return try SiteRenderer.render(model: model, options: RenderOptions(baseURL: baseURL, generator: "apiref"))
    }

    func testTextFromTheDescriptionIsEscaped() throws {
        let site = try widgetsSite()
        let index = RenderFixtures.html(site, "index.html")
        XCTAssertTrue(index.contains("<title>Widget &lt;API&gt; &amp; &quot;Co&quot;</title>"))
        XCTAssertFalse(index.contains("<API>"))
        // Raw HTML in Markdown is dropped by cmark's safe mode.
        XCTAssertFalse(index.contains("<script>alert"))
        XCTAssertTrue(index.contains("<strong>bold</strong>"))
        let widgets = RenderFixtures.html(site, "widgets.html")
        XCTAssertFalse(widgets.contains("<b>are</b>"))
        XCTAssertFalse(RenderFixtures.html(site, "other.html").contains("<i>heading</i>"))
        // Sample strings are escaped inside the highlighted JSON.
        XCTAssertTrue(widgets.contains("<span class=\"s\">&quot;&lt;old&gt;&quot;</span>"))
    }

    func testWindowsAreShownAndFilterable() throws {
        let widgets = RenderFixtures.html(try widgetsSite(), "widgets.html")
        XCTAssertTrue(widgets.contains("id=\"show-widget-resp-widget.colour\" data-min=\"1.10\""))
        XCTAssertTrue(widgets.contains("id=\"show-widget-resp-widget.legacy\" data-max=\"1.9\""))
        XCTAssertTrue(widgets.contains(">New in 1.10</a>"))
        XCTAssertTrue(widgets.contains(">Until 1.9</a>"))
        XCTAssertTrue(widgets.contains("title=\"Removed in microversion 1.10\""))
        // The endpoint's own window: 1.2 to 1.9 inside an API of 1.0 to 1.12.
        XCTAssertTrue(widgets.contains("<section class=\"endpoint\" id=\"list-widgets\" data-min=\"1.2\" data-max=\"1.9\">"))
        XCTAssertTrue(widgets.contains("Microversions 1.2–1.9"))
        // A field as old as its endpoint says nothing.
        XCTAssertFalse(widgets.contains("id=\"show-widget-resp-widget\" data-"))
    }

    func testVersionsAreOrderedNumerically() throws {
        let widgets = RenderFixtures.html(try widgetsSite(), "widgets.html")
        XCTAssertTrue(widgets.contains("data-versions=\"1.12 1.11 1.10 1.9 1.8 1.7 1.6 1.5 1.4 1.3 1.2 1.1 1.0 \""))
        let picker = widgets.components(separatedBy: "<option value=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        XCTAssertEqual(picker.prefix(5), ["", "1.12", "1.11", "1.10", "1.9"])
    }

    func testAFieldListedTwiceKeepsItsFirstAnchor() throws {
        let widgets = RenderFixtures.html(try widgetsSite(), "widgets.html")
        XCTAssertTrue(widgets.contains("id=\"show-widget-resp-widget.size\" data-max=\"1.9\""))
        XCTAssertTrue(widgets.contains("id=\"show-widget-resp-widget.size-widget_size_m\" data-min=\"1.10\""))
    }

    func testSamplesAreLabelledAndStandForTheirVersions() throws {
        let widgets = RenderFixtures.html(try widgetsSite(), "widgets.html")
        XCTAssertTrue(widgets.contains("<details class=\"sample\" data-max=\"1.9\">"))
        XCTAssertTrue(widgets.contains("<details class=\"sample\" data-min=\"1.10\" open>"))
        XCTAssertTrue(widgets.contains("<span class=\"sample-version\">1.10</span><span class=\"sample-range\">for 1.10–1.12</span>"))
        XCTAssertTrue(widgets.contains("<span class=\"sample-range\">for 1.0–1.9</span>"))
        XCTAssertTrue(widgets.contains("<span class=\"k\">&quot;colour&quot;</span>: <span class=\"s\">&quot;red&quot;</span>"))
        XCTAssertTrue(widgets.contains("<span class=\"n\">0.03</span>"))
    }

    func testMarkdownLinksHeadingsAndTables() throws {
        let site = try widgetsSite()
        let widgets = RenderFixtures.html(site, "widgets.html")
        XCTAssertTrue(widgets.contains("<a href=\"other.html#x\">more</a>"))
        XCTAssertTrue(widgets.contains("<a href=\"#show-widget\">show a widget</a>"))
        XCTAssertTrue(widgets.contains("<th style=\"text-align:center\">Meaning</th>"))
        XCTAssertTrue(widgets.contains("<td><code>a</code></td>"))
        XCTAssertTrue(widgets.contains("<a href=\"widgets.html#show-widget\">first</a>"))
        // The page title is the template's h1, not repeated from the prose.
        XCTAssertEqual(widgets.components(separatedBy: "<h1").count - 1, 1)
        let other = RenderFixtures.html(site, "other.html")
        XCTAssertTrue(other.contains("<h2 id=\"x\">"))
        // A link in a parameter description resolves from parameters.yaml's folder.
        XCTAssertTrue(widgets.contains("<a href=\"widgets.html#list-widgets\">the list</a>"))
    }

    func testStatusCodesHaveReasonsAndPhrases() throws {
        let widgets = RenderFixtures.html(try widgetsSite(), "widgets.html")
        XCTAssertTrue(widgets.contains("<span class=\"status-code\">404</span><span class=\"status-phrase\">Not Found</span><span class=\"status-reason\">No such <code>widget</code>.</span>"))
    }

    func testBaseURLPrefixesSiteLinks() throws {
        let site = try widgetsSite(baseURL: "/docs/widgets")
        let widgets = RenderFixtures.html(site, "widgets.html")
        XCTAssertTrue(widgets.contains("data-root=\"/docs/widgets/\""))
        XCTAssertTrue(widgets.contains("href=\"/docs/widgets/assets/apiref.css?v="))
        XCTAssertTrue(widgets.contains("<a href=\"/docs/widgets/other.html#x\">more</a>"))
    }

    func testSearchIndexListsEndpointsAndFields() throws {
        let site = try widgetsSite()
        let script = RenderFixtures.html(site, "search-index.js")
        XCTAssertTrue(script.hasPrefix("self.APIREF_SEARCH_INDEX={"))
        let json = Data(script.dropFirst("self.APIREF_SEARCH_INDEX=".count).dropLast(2).utf8)
        let index = try XCTUnwrap(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let endpoints = try XCTUnwrap(index["endpoints"] as? [[String: Any]])
        XCTAssertEqual(endpoints.map { $0["t"] as? String }, ["Show widget", "List widgets"])
        let fields = try XCTUnwrap(endpoints[0]["f"] as? [[String: Any]])
        let colour = try XCTUnwrap(fields.first { $0["n"] as? String == "widget.colour" })
        XCTAssertEqual(colour["a"] as? String, "show-widget-resp-widget.colour")
        XCTAssertEqual(colour["lo"] as? String, "1.10")
        XCTAssertEqual(endpoints[1]["lo"] as? String, "1.2")
        XCTAssertEqual(endpoints[1]["hi"] as? String, "1.9")
    }

    func testJSONHighlighterKeepsOrderDuplicatesAndLiterals() throws {
        let value = try JSONReader.parse(#"{"b": 1.50, "a": [true, null], "b": "x\"<"}"#)
        XCTAssertEqual(JSONHighlighter.html(value), """
        {
          <span class="k">&quot;b&quot;</span>: <span class="n">1.50</span>,
          <span class="k">&quot;a&quot;</span>: [<span class="b">true</span>, <span class="z">null</span>],
          <span class="k">&quot;b&quot;</span>: <span class="s">&quot;x\\&quot;&lt;&quot;</span>
        }
        """)
    }

    /// Every byte a JSON string escapes, and every one HTML escapes, between runs copied whole;
    /// nested objects indented two spaces a level.
    func testJSONHighlighterEscapesStringsForJSONThenHTML() throws {
        let value = try JSONReader.parse(#"{"k": "a\\b\n\r\t\u0001&>'é\"", "o": {"x": []}}"#)
        XCTAssertEqual(JSONHighlighter.html(value), #"""
        {
          <span class="k">&quot;k&quot;</span>: <span class="s">&quot;a\\b\n\r\t\u0001&amp;&gt;&#39;é\&quot;&quot;</span>,
          <span class="k">&quot;o&quot;</span>: {
            <span class="k">&quot;x&quot;</span>: []
          }
        }
        """#)
    }

    func testPipeTablesNeedADelimiterRowMatchingTheHeader() {
        let renderer = MarkdownRenderer(links: LinkResolver(pages: [:]))
        let table = renderer.html("| a | b |\n| :-- | --: |\n| 1 | 2 |", file: "pages/p.md", root: "")
        XCTAssertTrue(table.contains(#"<th style="text-align:left">a</th><th style="text-align:right">b</th>"#), table)
        XCTAssertTrue(table.contains(#"<td style="text-align:left">1</td><td style="text-align:right">2</td>"#), table)
        let withoutOuterPipes = renderer.html("a | b\n--- | ---\n1 | 2", file: "pages/p.md", root: "")
        XCTAssertTrue(withoutOuterPipes.contains("<th>a</th><th>b</th>"), withoutOuterPipes)
        for prose in ["A first line\nand a well-known second one.", "a | b\n--- | --- | ---", "a | b\n-- x | --"] {
            XCTAssertFalse(renderer.html(prose, file: "pages/p.md", root: "").contains("<table"), prose)
        }
    }

    /// The quick test taken before a line is split into cells lets every delimiter row through.
    func testQuickDelimiterRowTestPassesEveryDelimiterRow() {
        let lines = ["---", "| --- |", ":-:|-", " | :--- | ---: | ", "|\u{00A0}---\u{00A0}|", "- | -", "--|--", "\t:--\t",
                     "| a |", "- x", "-\\|-", "| ---- |x", "::", "|", "", "— | —", "-\u{2003}-"]
        for line in lines {
            let isDelimiterRow = PipeTable.alignments(PipeTable.cells(Substring(line))) != nil
            XCTAssertTrue(!isDelimiterRow || PipeTable.mayBeDelimiterRow(Substring(line)), "'\(line)'")
        }
        XCTAssertFalse(PipeTable.mayBeDelimiterRow("A well-known line"))
        XCTAssertTrue(PipeTable.mayBeDelimiterRow("|\u{00A0}---\u{00A0}|"))
    }

    func testPathTemplatesHighlightParametersAndEscape() {
        XCTAssertEqual(HTML.pathTemplate("/a/{id}/<b>"), "/a/<span class=\"path-param\">{id}</span>/&lt;b&gt;")
        // A `}` before any `{` is text; a `{` inside a placeholder is part of its name; one
        // never closed is text; non-ASCII names are kept.
        XCTAssertEqual(HTML.pathTemplate("/x}/{a{b}/{é&}/{open"),
                       "/x}/<span class=\"path-param\">{a{b}</span>/<span class=\"path-param\">{é&amp;}</span>/{open")
        XCTAssertEqual(HTML.pathTemplate(""), "")
        XCTAssertEqual(HTML.pathTemplate("{}"), "<span class=\"path-param\">{}</span>")
    }
}
