import CCmark
import Foundation

/// Renders the description's Markdown with libcmark in safe mode (raw HTML and `javascript:`
/// links dropped), adapted for the site: links between pages lead to the rendered pages,
/// headings carry their permalink anchor, pipe tables become tables, JSON code blocks are
/// highlighted. Each distinct text is parsed and rendered once (pages are built in parallel:
/// the cache is shared under a lock; two threads may render the same text once each).
final class MarkdownRenderer: @unchecked Sendable {
    let links: LinkResolver
    private let lock = NSLock()
    private var cache: [CacheKey: String] = [:]

    /// Hashed once when made: the dictionary rehashes every key as it grows, and hashing a
    /// description's text (by canonical equivalence, as `String` does) at each lookup and
    /// each growth was a tenth of building the pages' view models.
    private struct CacheKey: Hashable {
        let text: TextKey
        let file: String
        let root: String
        let dropTitle: String?
        private let hash: Int

        init(text: String, file: String, root: String, dropTitle: String?) {
            self.text = TextKey(text)
            self.file = file
            self.root = root
            self.dropTitle = dropTitle
            var hasher = Hasher()
            hasher.combine(self.text)
            hasher.combine(file)
            hasher.combine(root)
            hasher.combine(dropTitle)
            hash = hasher.finalize()
        }

        static func == (left: CacheKey, right: CacheKey) -> Bool {
            left.hash == right.hash && left.file == right.file && left.root == right.root
                && left.dropTitle == right.dropTitle && left.text == right.text
        }

        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    init(links: LinkResolver) {
        self.links = links
    }

    /// Texts rendered so far.
    var cachedCount: Int { lock.withLock { cache.count } }

    /// Block HTML for `markdown`, written in the description file `file`, for a page whose
    /// links to the site root start with `root`. A first level-1 heading reading `dropTitle`
    /// is left out (the template shows the page title itself).
    func html(_ markdown: String, file: String, root: String, dropTitle: String? = nil) -> String {
        let key = CacheKey(text: markdown, file: file, root: root, dropTitle: dropTitle)
        if let cached = lock.withLock({ cache[key] }) { return cached }
        let rendered = render(markdown, file: file, root: root, dropTitle: dropTitle)
        lock.withLock { cache[key] = rendered }
        return rendered
    }

    func html(_ markdown: MarkdownText, root: String, dropTitle: String? = nil) -> String {
        html(markdown.text, file: markdown.range.file, root: root, dropTitle: dropTitle)
    }

    /// HTML for a short text that belongs inside another element: a lone paragraph loses its
    /// `<p>`.
    func inlineHTML(_ markdown: String, file: String, root: String) -> String {
        let block = html(markdown, file: file, root: root)
        let trimmed = block.hasSuffix("\n") ? String(block.dropLast()) : block
        if trimmed.hasPrefix("<p>"), trimmed.hasSuffix("</p>"),
           trimmed.utf8.count >= 7, !trimmed.dropFirst(3).contains("<p>") {
            return String(trimmed.dropFirst(3).dropLast(4))
        }
        return block
    }

    /// The plain text of the first paragraph, for `<meta name="description">`.
    static func firstParagraphText(_ markdown: String) -> String? {
        CMark.withDocument(markdown) { document in
            document.children.first { $0.type == CMARK_NODE_PARAGRAPH }?.plainText
        }
    }

    // MARK: Rendering

    private func render(_ markdown: String, file: String, root: String, dropTitle: String?) -> String {
        let options = CMARK_OPT_DEFAULT | CMARK_OPT_SMART
        let parsed = markdown.withCString { cmark_parse_document($0, strlen($0), options) }
        guard let document = parsed else { return "" }
        defer { cmark_node_free(document) }

        var lines: [Substring]?
        // A delimiter row has a hyphen: a text with none has no table to look for.
        lazy var mayHoldTable = markdown.utf8.contains(UInt8(ascii: "-"))
        var slugs = Set<String>()
        var titleDropped = dropTitle == nil
        for node in CMark.Node(pointer: document).children {
            switch node.type {
            case CMARK_NODE_HEADING:
                if !titleDropped, node.headingLevel == 1 {
                    titleDropped = true
                    if node.plainText == dropTitle {
                        cmark_node_unlink(node.pointer)
                        cmark_node_free(node.pointer)
                        continue
                    }
                }
                anchorHeading(node, slugs: &slugs)
            case CMARK_NODE_PARAGRAPH:
                // A table has a header and a delimiter line: a one-line paragraph is none.
                guard node.endLine > node.startLine, mayHoldTable else { continue }
                if lines == nil { lines = markdown.sourceLines() }
                if let table = pipeTable(node, lines: lines ?? [], file: file, root: root) {
                    replace(node, withHTML: table)
                }
            case CMARK_NODE_CODE_BLOCK:
                if let info = node.fenceInfo, info.split(separator: " ").first == "json",
                   let highlighted = JSONHighlighter.html(source: node.literal ?? "") {
                    replace(node, withHTML: "<pre class=\"code json\"><code>\(highlighted)</code></pre>")
                }
            default:
                break
            }
        }
        rewriteLinks(in: document, file: file, root: root)

        guard let rendered = cmark_render_html(document, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(rendered) }
        return String(cString: rendered)
    }

    private func rewriteLinks(in document: OpaquePointer, file: String, root: String) {
        var nodes: [CMark.Node] = []
        CMark.walk(CMark.Node(pointer: document)) { node in
            if node.type == CMARK_NODE_LINK { nodes.append(node) }
        }
        for node in nodes {
            guard let url = node.url, let target = links.resolve(url, from: file, root: root), target != url
            else { continue }
            cmark_node_set_url(node.pointer, target)
        }
    }

    /// Wraps a heading in a custom block that gives it an id and a permalink. Custom blocks
    /// are the renderer's own HTML: cmark's safe mode only drops raw HTML from the source.
    private func anchorHeading(_ heading: CMark.Node, slugs: inout Set<String>) {
        let base = Slug.make(heading.plainText)
        var slug = base
        var counter = 2
        while !slugs.insert(slug).inserted {
            slug = "\(base)-\(counter)"
            counter += 1
        }
        let level = min(max(heading.headingLevel, 1), 6)
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        let id = HTML.escape(slug)
        cmark_node_set_on_enter(block, "<h\(level) id=\"\(id)\">")
        cmark_node_set_on_exit(block, "<a class=\"anchor\" href=\"#\(id)\" aria-label=\"Link to this section\">#</a></h\(level)>")
        cmark_node_insert_before(heading.pointer, block)
        cmark_node_unlink(heading.pointer)
        for child in heading.children {
            cmark_node_unlink(child.pointer)
            cmark_node_append_child(block, child.pointer)
        }
        cmark_node_free(heading.pointer)
    }

    private func replace(_ node: CMark.Node, withHTML html: String) {
        guard let block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(block, html)
        cmark_node_set_on_exit(block, "")
        cmark_node_insert_before(node.pointer, block)
        cmark_node_unlink(node.pointer)
        cmark_node_free(node.pointer)
    }

    // MARK: Pipe tables

    /// A GitHub-style pipe table, which plain CommonMark reads as a paragraph. Each cell goes
    /// through cmark (safe mode) on its own; only the table structure is ours.
    private func pipeTable(_ paragraph: CMark.Node, lines: [Substring], file: String, root: String) -> String? {
        let first = paragraph.startLine, last = paragraph.endLine
        guard first >= 1, last - first >= 1, last <= lines.count else { return nil }
        // The delimiter line first: most paragraphs of several lines are prose, not tables.
        guard PipeTable.mayBeDelimiterRow(lines[first]),
              let alignments = PipeTable.alignments(PipeTable.cells(lines[first])),
              PipeTable.cells(lines[first - 1]).count == alignments.count
        else { return nil }
        let rows = lines[(first - 1)...(last - 1)].map { PipeTable.cells($0) }
        var html = "<div class=\"table-wrap\"><table>\n<thead>\n<tr>"
        func cell(_ tag: String, _ text: Substring, _ alignment: String?) {
            html += alignment.map { "<\(tag) style=\"text-align:\($0)\">" } ?? "<\(tag)>"
            html += inlineHTML(String(text), file: file, root: root)
            html += "</\(tag)>"
        }
        for (index, text) in rows[0].enumerated() { cell("th", text, alignments[index]) }
        html += "</tr>\n</thead>\n<tbody>\n"
        for row in rows.dropFirst(2) {
            html += "<tr>"
            for index in alignments.indices {
                cell("td", index < row.count ? row[index] : "", alignments[index])
            }
            html += "</tr>\n"
        }
        html += "</tbody>\n</table></div>"
        return html
    }
}

enum PipeTable {
    /// A quick test before `alignments(cells(line))`, true of every delimiter row: it has a
    /// hyphen and no ASCII byte but `|`, `-`, `:`, space and tab (a Unicode space between the
    /// cells is left to the full test). Prose fails it at its first letter.
    static func mayBeDelimiterRow(_ line: Substring) -> Bool {
        var hasHyphen = false
        for byte in line.utf8 {
            switch byte {
            case UInt8(ascii: "-"): hasHyphen = true
            case UInt8(ascii: "|"), UInt8(ascii: ":"), 0x20, 0x09, 0x80...: continue
            default: return false
            }
        }
        return hasHyphen
    }

    /// The cells of one table line: outer pipes optional, `\|` is a literal pipe.
    static func cells(_ line: Substring) -> [Substring] {
        var text = line.trimmingWhitespace()
        if text.hasPrefix("|") { text = text.dropFirst() }
        if text.hasSuffix("|"), !text.hasSuffix("\\|") { text = text.dropLast() }
        var cells: [Substring] = []
        var start = text.startIndex
        var index = text.startIndex
        var escaped = false
        let utf8 = text.utf8
        while index < text.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "|"), !escaped {
                cells.append(text[start..<index])
                start = utf8.index(after: index)
            }
            escaped = byte == UInt8(ascii: "\\") && !escaped
            index = utf8.index(after: index)
        }
        cells.append(text[start..<text.endIndex])
        return cells.map { $0.trimmingWhitespace() }
    }

    /// The alignments of a delimiter row (`| --- | :-: |`), or nil if it is not one.
    static func alignments(_ cells: [Substring]) -> [String?]? {
        var result: [String?] = []
        for cell in cells {
            let left = cell.hasPrefix(":"), right = cell.hasSuffix(":")
            let dashes = cell.drop(while: { $0 == ":" }).reversed().drop(while: { $0 == ":" })
            guard !dashes.isEmpty, dashes.allSatisfy({ $0 == "-" }) else { return nil }
            result.append(left && right ? "center" : right ? "right" : left ? "left" : nil)
        }
        return result.isEmpty ? nil : result
    }
}

/// Where a link written in the description leads on the site: `instances.md#show-instance`
/// becomes `instances.html#show-instance`; other links are left as written.
struct LinkResolver: Equatable {
    /// Description page path (`pages/instances.md`) -> site path (`instances.html`).
    let pages: [String: String]

    func resolve(_ destination: String, from file: String, root: String) -> String? {
        if destination.hasPrefix("#") || destination.hasPrefix("/") || destination.isEmpty { return nil }
        let pathEnd = destination.firstIndex(where: { $0 == "#" || $0 == "?" }) ?? destination.endIndex
        let path = destination[..<pathEnd]
        if path.contains(":") { return nil }  // a scheme: http:, mailto:, ...
        guard path.hasSuffix(".md") else { return nil }
        let folder = file.split(separator: "/").dropLast().joined(separator: "/")
        guard let relative = PathUtilities.normalizeRelative(PathUtilities.join(folder, String(path))),
              let target = pages[relative]
        else { return nil }
        return root + target + destination[pathEnd...]
    }
}
