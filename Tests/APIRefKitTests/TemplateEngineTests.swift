@testable import APIRefKit
import XCTest

/// The theme's Mustache engine: spec behaviour for the tags themes use, and clear errors for
/// the ones apiref does not support.
final class TemplateEngineTests: XCTestCase {
    private struct Item: TemplateObject {
        let name: String
        let note: String?
        static let fields: TemplateFields<Self> = TemplateFields([
            "name": { TemplateValue($0.name) },
            "note": { TemplateValue(orNull($0.note)) },
        ])
    }

    private struct Page: TemplateObject {
        let title: String
        let items: [Item]
        let flag: Bool
        let count: Int
        let tags: [String]
        static let fields: TemplateFields<Self> = TemplateFields([
            "title": { TemplateValue($0.title) },
            "items": { TemplateValue($0.items) },
            "first": { TemplateValue($0.items.first) },
            "flag": { TemplateValue($0.flag) },
            "count": { TemplateValue($0.count) },
            "tags": { TemplateValue($0.tags) },
        ])
    }

    private let page = Page(title: "A <b> & \"c\" 'd'", items: [Item(name: "x", note: "n1"), Item(name: "y", note: nil)],
                            flag: false, count: 3, tags: ["p", "q"])

    private func render(_ templates: [String: String], _ name: String = "main") throws -> (String, Set<String>) {
        let library = TemplateLibrary(templates: try templates.mapValues { try Template($0) })
        let unknown = UnknownNames()
        let rendered = try library.render(TemplateRoot(layers: [page], unknown: unknown), template: name)
        let html = try XCTUnwrap(rendered)
        return (html, unknown.names)
    }

    private func render(_ text: String) throws -> String { try render(["main": text]).0 }

    func testVariablesEscapeUnlessTripleOrAmpersand() throws {
        XCTAssertEqual(try render("{{title}}|{{{title}}}|{{& title}}|{{count}}|{{flag}}"),
                       "A &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;|A <b> & \"c\" 'd'|A <b> & \"c\" 'd'|3|false")
    }

    func testSectionsIterateTestAndEnterObjects() throws {
        XCTAssertEqual(try render("{{#items}}[{{name}}{{#note}}:{{.}}{{/note}}{{^note}}-{{/note}}]{{/items}}"), "[x:n1][y-]")
        XCTAssertEqual(try render("{{#flag}}yes{{/flag}}{{^flag}}no{{/flag}}"), "no")
        XCTAssertEqual(try render("{{#tags}}<{{.}}>{{/tags}}"), "<p><q>")
        XCTAssertEqual(try render("{{#first}}{{name}}{{/first}} {{first.name}} {{first.missing}}"), "x x ")
        // An inner object's missing name climbs to the outer one.
        XCTAssertEqual(try render("{{#items}}{{title}};{{/items}}"), "A &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;;A &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;;")
    }

    func testStandaloneTagsTakeTheirLineWithThem() throws {
        XCTAssertEqual(try render("a\n{{#items}}\n- {{name}}\n{{/items}}\nb\n"), "a\n- x\n- y\nb\n")
        XCTAssertEqual(try render("a\n  {{! comment }}  \r\nb"), "a\nb")
        XCTAssertEqual(try render("a {{#flag}}x{{/flag}} b\n"), "a  b\n")  // not alone on the line
        XCTAssertEqual(try render("{{#flag}}\nx\n{{/flag}}"), "")  // the last line has no line break
    }

    func testPartialsRenderInContextAndIndentStandaloneLines() throws {
        let (html, _) = try render(["main": "<ul>\n  {{>item}}\n</ul>\n{{#items}}{{>leaf}}{{/items}}",
                                    "item": "<li>{{title}}</li>\n<li>2</li>\n", "leaf": "{{name}}."])
        XCTAssertEqual(html, "<ul>\n  <li>A &lt;b&gt; &amp; &quot;c&quot; &#39;d&#39;</li>\n  <li>2</li>\n</ul>\nx.y.")
    }

    func testUnknownNamesAreRecordedAtTheRoot() throws {
        let (html, unknown) = try render(["main": "{{titel}}{{#items}}{{nmae}}{{/items}}"])
        XCTAssertEqual(html, "")
        XCTAssertEqual(unknown, ["titel", "nmae"])
    }

    func testUnsupportedAndMalformedTagsAreLocatedErrors() {
        func message(_ text: String) -> String {
            do { _ = try Template(text); return "parsed" } catch { return error.description }
        }
        XCTAssertEqual(message("a\n {{#items}}x"), "2:2: section 'items' is never closed; add {{/items}}")
        XCTAssertEqual(message("{{#a}}{{/b}}"), "1:7: {{/b}} closes section 'a'; close it with {{/a}}")
        XCTAssertEqual(message("{{/a}}"), "1:1: {{/a}} closes no section")
        XCTAssertEqual(message("x {{title"), "1:3: unclosed tag; close it with }}")
        XCTAssertEqual(message("{{=<% %>=}}"), "1:1: '{{=' tags (delimiters, inheritance) are not supported by apiref themes")
        XCTAssertEqual(message("{{<base}}{{/base}}"), "1:1: '{{<' tags (delimiters, inheritance) are not supported by apiref themes")
        XCTAssertEqual(message("{{upper(title)}}"), "1:1: 'upper(title)' is not a name; write a field name like `title` or `window.range`")
        XCTAssertEqual(message("{{a..b}}"), "1:1: 'a..b' is not a name; write a field name like `title` or `window.range`")
    }

    func testPartialsThatIncludeEachOtherForeverFail() throws {
        XCTAssertThrowsError(try render(["main": "{{>a}}", "a": "a{{>b}}", "b": "b{{>a}}"])) { error in
            XCTAssertEqual("\(error)", "partials nest deeper than 32 levels: 'main' > 'a' > 'b' > 'a' > ...")
        }
    }

    /// A page holding one fragment (`serve` keeps its section's output by its key).
    private struct FragmentPage: TemplateObject {
        let title: String
        let tags: [String]
        let fragment: TemplateFragment
        static let fields: TemplateFields<Self> = TemplateFields([
            "title": { TemplateValue($0.title) },
            "tags": { TemplateValue($0.tags) },
            "fragment": { TemplateValue($0.fragment) },
        ])
    }

    /// Renders `main` with a fragment of key 1 showing `Item(name: item)`; `made` counts the
    /// fragment's view models made.
    private func renderFragment(_ main: String, title: String, item: String, memo: RenderMemo, made: inout Int) throws -> String {
        let library = TemplateLibrary(templates: ["main": try Template(main)])
        var count = 0
        let fragment = TemplateFragment(key: 1) {
            count += 1
            return Item(name: item, note: nil)
        }
        let page = FragmentPage(title: title, tags: [title], fragment: fragment)
        let html = try XCTUnwrap(library.render(TemplateRoot(layers: [page], unknown: UnknownNames()), template: "main", fragments: memo))
        made += count
        return html
    }

    private struct SharedPage: TemplateObject {
        let title: String
        let tags: [String]
        let list: SharedList
        static let fields: TemplateFields<Self> = TemplateFields([
            "title": { TemplateValue($0.title) },
            "tags": { TemplateValue($0.tags) },
            "list": { .shared($0.list) },
        ])
    }

    private func renderShared(_ main: String, title: String, list: SharedList, tags: [String] = []) throws -> String {
        let library = TemplateLibrary(templates: ["main": try Template(main)])
        let page = SharedPage(title: title, tags: tags, list: list)
        return try XCTUnwrap(library.render(TemplateRoot(layers: [page], unknown: UnknownNames()), template: "main"))
    }

    /// A shared list renders as any list; its section's output is used again on a page whose
    /// names outside the list read the same, and rendered anew where they differ.
    func testASharedListIsRenderedOnceWhileWhatItReadsOutsideItIsTheSame() throws {
        let list = SharedList([Item(name: "x", note: "n"), Item(name: "y", note: nil)].map(\.templateValue))
        let main = "<{{#list}}{{name}}{{#note}}:{{.}}{{/note}}@{{title}};{{/list}}>{{^list}}none{{/list}}"
        XCTAssertEqual(try renderShared(main, title: "A", list: list), "<x:n@A;y@A;>")
        // Kept: the same bytes again (the kept output is what is checked, not a new render).
        XCTAssertEqual(try renderShared(main, title: "A", list: list), "<x:n@A;y@A;>")
        // What the body read outside the list changed: rendered again, not the kept bytes.
        XCTAssertEqual(try renderShared(main, title: "B", list: list), "<x:n@B;y@B;>")
        XCTAssertEqual(try renderShared(main, title: "A", list: list), "<x:n@A;y@A;>")
        XCTAssertEqual(try renderShared(main, title: "A", list: SharedList([])), "<>none")
    }

    /// A body that reads a list outside the shared list (nothing a key can compare) is never
    /// kept: each page renders it with its own values.
    func testASharedListReadingAListOutsideItIsNotKept() throws {
        let list = SharedList([Item(name: "x", note: nil).templateValue])
        let main = "{{#list}}{{name}}{{#tags}}-{{.}}{{/tags}}{{/list}}"
        XCTAssertEqual(try renderShared(main, title: "A", list: list, tags: ["p"]), "x-p")
        XCTAssertEqual(try renderShared(main, title: "A", list: list, tags: ["q"]), "x-q")
    }

    func testAFragmentIsKeptByItsKeyWhileWhatItReadsOutsideItIsTheSame() throws {
        let memo = RenderMemo()
        var made = 0
        let main = "<{{#fragment}}{{name}} in {{title}}{{/fragment}}>"
        XCTAssertEqual(try renderFragment(main, title: "A", item: "x", memo: memo, made: &made), "<x in A>")
        XCTAssertEqual(made, 1)
        // Same key: kept, though the item differs (the key stands for everything it shows).
        XCTAssertEqual(try renderFragment(main, title: "A", item: "changed", memo: memo, made: &made), "<x in A>")
        XCTAssertEqual(made, 1, "kept: its view model is not made")
        // What it read outside itself changed: rendered again.
        XCTAssertEqual(try renderFragment(main, title: "B", item: "y", memo: memo, made: &made), "<y in B>")
        XCTAssertEqual(made, 2)
        // Without a memo (`build`), fragments are plain sections.
        let library = TemplateLibrary(templates: ["main": try Template(main)])
        let page = FragmentPage(title: "C", tags: [], fragment: TemplateFragment(key: 1) { Item(name: "z", note: nil) })
        XCTAssertEqual(try library.render(TemplateRoot(layers: [page], unknown: UnknownNames()), template: "main"), "<z in C>")
    }

    func testAFragmentReadingAListOrAnUnknownNameOutsideItIsNotKept() throws {
        for main in ["{{#fragment}}{{name}}{{#tags}}{{.}}{{/tags}}{{/fragment}}", "{{#fragment}}{{name}}{{missing}}{{/fragment}}"] {
            let memo = RenderMemo()
            var made = 0
            _ = try renderFragment(main, title: "A", item: "x", memo: memo, made: &made)
            _ = try renderFragment(main, title: "A", item: "y", memo: memo, made: &made)
            XCTAssertEqual(made, 2, "\(main): rendered each time")
        }
    }
}
