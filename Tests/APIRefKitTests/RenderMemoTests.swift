@testable import APIRefKit
import XCTest

/// What `serve`'s render memo keeps between renders beside whole pages.
final class RenderMemoTests: XCTestCase {
    /// One render: asks for the renderer, renders `texts` with it.
    private func render(_ memo: RenderMemo, links: LinkResolver, texts: [String]) -> MarkdownRenderer {
        memo.begin()
        let renderer = memo.markdownRenderer(links: links)
        for text in texts { _ = renderer.html(text, file: "pages/a.md", root: "") }
        memo.end()
        return renderer
    }

    func testTheMarkdownRendererIsKeptWhileLinksResolveTheSame() {
        let memo = RenderMemo()
        let links = LinkResolver(pages: ["pages/a.md": "a.html"])
        let first = render(memo, links: links, texts: ["One.", "Two."])
        XCTAssertTrue(render(memo, links: links, texts: ["One."]) === first, "kept: its texts are not rendered again")
        XCTAssertEqual(first.cachedCount, 2)
        let moved = render(memo, links: LinkResolver(pages: ["pages/a.md": "other.html"]), texts: ["One."])
        XCTAssertFalse(moved === first, "links resolve otherwise: rendered anew")
    }

    func testTheMarkdownRendererIsDroppedWhenOldTextsPileUp() {
        let memo = RenderMemo()
        let links = LinkResolver(pages: [:])
        let first = render(memo, links: links, texts: ["Base."])
        // Edits add versions of a text: past twice the first render's texts and 1024 more,
        // the renderer is dropped after the render.
        let edited = render(memo, links: links, texts: (0...1026).map { "Edit \($0)." })
        XCTAssertTrue(edited === first)
        XCTAssertFalse(render(memo, links: links, texts: []) === first)
    }
}
