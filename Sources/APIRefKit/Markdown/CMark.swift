import CCmark
import Foundation

/// A thin, safe wrapper over libcmark: parsing with source positions, walking, and rendering
/// HTML in cmark's safe mode (raw HTML and `javascript:` links dropped).
enum CMark {
    struct Node {
        let pointer: OpaquePointer

        var type: cmark_node_type { cmark_node_get_type(pointer) }
        var startLine: Int { Int(cmark_node_get_start_line(pointer)) }
        var startColumn: Int { Int(cmark_node_get_start_column(pointer)) }
        var endLine: Int { Int(cmark_node_get_end_line(pointer)) }
        var literal: String? { cmark_node_get_literal(pointer).map { String(cString: $0) } }
        var fenceInfo: String? { cmark_node_get_fence_info(pointer).map { String(cString: $0) } }
        var url: String? { cmark_node_get_url(pointer).map { String(cString: $0) } }
        var headingLevel: Int { Int(cmark_node_get_heading_level(pointer)) }

        var children: [Node] {
            var result: [Node] = []
            var child = cmark_node_first_child(pointer)
            while let current = child {
                result.append(Node(pointer: current))
                child = cmark_node_next(current)
            }
            return result
        }

        /// The plain text of the node's inline content (for heading titles and slugs),
        /// gathered with cmark's iterator: no recursion, whatever the nesting.
        var plainText: String {
            var text = ""
            CMark.walk(self) { node in
                switch node.type {
                case CMARK_NODE_TEXT, CMARK_NODE_CODE: text += node.literal ?? ""
                case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
                default: break
                }
            }
            return text
        }
    }

    /// Parses `text` and hands the document root to `body`; the tree is freed afterwards.
    static func withDocument<T>(_ text: String, _ body: (Node) throws -> T) rethrows -> T {
        let document = text.withCString { cmark_parse_document($0, strlen($0), CMARK_OPT_DEFAULT) }
        guard let document else { preconditionFailure("cmark_parse_document returned NULL (out of memory)") }
        defer { cmark_node_free(document) }
        return try body(Node(pointer: document))
    }

    /// Every node of the tree in document order, depth first.
    static func walk(_ root: Node, _ visit: (Node) -> Void) {
        let iterator = cmark_iter_new(root.pointer)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
                visit(Node(pointer: node))
            }
        }
    }

    /// HTML for a Markdown text in safe mode with smart punctuation.
    static func html(_ markdown: String) -> String {
        markdown.withCString { source in
            guard let rendered = cmark_markdown_to_html(source, strlen(source), CMARK_OPT_DEFAULT | CMARK_OPT_SMART) else {
                return ""
            }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }
}

/// Anchor slugs: lowercased, runs of anything but letters and digits collapsed to one `-`.
public enum Slug {
    public static func make(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return ascii(text) }
        var slug = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty { slug += "-" }
                pendingDash = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "section" : slug
    }

    /// `make` for ASCII text, by bytes: the alphabetic scalars are the letters, and Unicode
    /// property lookups cost more than the rest of a page's outline.
    private static func ascii(_ text: String) -> String {
        var slug: [UInt8] = []
        slug.reserveCapacity(text.utf8.count)
        var pendingDash = false
        for byte in text.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) {
                if pendingDash, !slug.isEmpty { slug.append(0x2D) }
                pendingDash = false
                slug.append(lower)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "section" : String(decoding: slug, as: UTF8.self)
    }
}
