import Foundation

/// The structure of one document before any prose is converted: which sections are
/// endpoints (a section whose body starts with `.. rest_method::`), and the anchor of every
/// section title, so cross-references between pages can be resolved first.
struct RSTOutline {
    /// Block index of each section title -> its anchor (an endpoint's subsections share the
    /// endpoint's anchor: that is where the reader lands).
    private(set) var headingAnchors: [Int: String] = [:]
    /// Block index of each `rest_method` -> the endpoint's id, unique within the page.
    private(set) var endpointIDs: [Int: String] = [:]
    /// Block index of each title that opens an endpoint.
    private(set) var endpointHeadings: Set<Int> = []
    /// The page title: the first section title, as plain text.
    private(set) var title: String?

    init(_ blocks: [RSTBlock]) {
        var used = Set<String>()
        var endpointLevel: Int?
        var currentEndpoint: String?
        var lastHeading: String?
        var pendingEndpointHeading: Int?
        for (index, block) in blocks.enumerated() {
            switch block {
            case .heading(let heading):
                let text = RSTPlainText.of(heading.title.trimmed)
                if title == nil { title = text }
                if let level = endpointLevel, heading.level > level, let currentEndpoint {
                    headingAnchors[index] = currentEndpoint
                    continue
                }
                endpointLevel = nil
                currentEndpoint = nil
                lastHeading = text
                headingAnchors[index] = Slug.make(text)
                // os-api-ref wants `rest_method` first in its section, but renders it anywhere
                // before the first subsection (nova puts deprecation warnings above it).
                if Self.sectionHasRestMethod(blocks, after: index) {
                    endpointHeadings.insert(index)
                    endpointLevel = heading.level
                    pendingEndpointHeading = index
                }
            case .directive(let directive) where directive.name == "rest_method":
                let id = Self.unique(Slug.make(lastHeading ?? directive.argumentText), &used)
                endpointIDs[index] = id
                currentEndpoint = id
                if let heading = pendingEndpointHeading {
                    headingAnchors[heading] = id
                    pendingEndpointHeading = nil
                }
            default:
                continue
            }
        }
    }

    private static func sectionHasRestMethod(_ blocks: [RSTBlock], after index: Int) -> Bool {
        for block in blocks[(index + 1)...] {
            if case .heading = block { return false }
            if case .directive(let directive) = block, directive.name == "rest_method" { return true }
        }
        return false
    }

    static func unique(_ base: String, _ used: inout Set<String>) -> String {
        var candidate = base
        var counter = 2
        while used.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }
}

/// Every target a reference in prose can name, across the whole tree (Sphinx treats the
/// entry document and its includes as one document, and `:ref:` labels as global).
final class RSTReferenceIndex {
    /// `:ref:` labels (lowercased): `.. _label:` before a section title.
    private(set) var labels: [String: RSTLinkTarget] = [:]
    /// Section titles as implicit targets, by normalised name.
    private(set) var sections: [String: RSTLinkTarget] = [:]
    /// `.. _name: url` targets, by normalised name.
    private(set) var urls: [String: String] = [:]
    /// Anonymous targets of each file (source-relative path), in order.
    private(set) var anonymous: [String: [String]] = [:]
    /// `.. |name| replace:: text` substitutions.
    private(set) var substitutions: [String: String] = [:]
    /// Pages by document name (source-relative path without suffix) for `:doc:`.
    private(set) var documents: [String: RSTLinkTarget] = [:]

    /// Everything a reference may resolve to, hashed: what converting RST with this index
    /// depends on (serve keeps conversions while it is unchanged).
    var fingerprint: Int {
        var hasher = Hasher()
        hasher.combine(labels)
        hasher.combine(sections)
        hasher.combine(urls)
        hasher.combine(anonymous)
        hasher.combine(substitutions)
        hasher.combine(documents)
        return hasher.finalize()
    }

    /// docutils' `fully_normalize_name`: case-insensitive, whitespace collapsed.
    static func normalize(_ name: String) -> String {
        // By bytes when ASCII (every section title passes here): ASCII whitespace is tab to
        // carriage return and space.
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else {
            return name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        var result: [UInt8] = []
        result.reserveCapacity(name.utf8.count)
        var pendingSpace = false
        for byte in name.utf8 {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                pendingSpace = true
                continue
            }
            if pendingSpace, !result.isEmpty { result.append(0x20) }
            pendingSpace = false
            result.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// `urlTargets` are the file's, when already found (`urlTargets(in:)`, run for all files at once).
    func add(_ document: RSTDocument, outline: RSTOutline, page: String, urlTargets: URLTargets? = nil) {
        let title = outline.title ?? page
        let name = document.path.hasSuffix(".rst") || document.path.hasSuffix(".inc")
            ? String(document.path.dropLast(4)) : document.path
        documents[name] = .page(page, anchor: nil, title: title)
        var pendingLabels: [String] = []
        var currentAnchor: String?
        for (index, block) in document.blocks.enumerated() {
            switch block {
            case .target(let target) where target.url == nil:
                if let name = target.name { pendingLabels.append(name.lowercased()) }
            case .comment, .target:
                continue
            case .heading(let heading):
                let anchor = outline.headingAnchors[index]
                let text = RSTPlainText.of(heading.title.trimmed)
                let link = RSTLinkTarget.page(page, anchor: anchor, title: text)
                for label in pendingLabels where labels[label] == nil { labels[label] = link }
                pendingLabels = []
                let key = Self.normalize(text)
                if sections[key] == nil { sections[key] = link }
                currentAnchor = anchor
            case .substitution(let name, let directive) where directive.name == "replace":
                substitutions[name] = RSTPlainText.of(Substring(directive.argumentAndBody.map { String($0.trimmed) }
                    .joined(separator: " ")))
            default:
                for label in pendingLabels where labels[label] == nil {
                    labels[label] = .page(page, anchor: currentAnchor, title: title)
                }
                pendingLabels = []
            }
        }
        let targets = urlTargets ?? Self.urlTargets(in: document)
        for (key, url) in targets.named where urls[key] == nil { urls[key] = url }
        anonymous[document.path] = targets.anonymous
    }

    /// The URL targets of one file, in order.
    struct URLTargets: Sendable {
        var named: [(key: String, url: String)] = []
        var anonymous: [String] = []
    }

    /// Named and anonymous URL targets anywhere in the file (they may sit inside a note).
    static func urlTargets(in document: RSTDocument) -> URLTargets {
        var targets = URLTargets()
        let lines = document.lines
        for (position, line) in lines.enumerated() {
            // Cheap test first, on the line as it is (every line of every file comes here):
            // targets start with `..` or `__` after the indentation.
            guard let first = line.text.utf8.first(where: { $0 != 0x20 }),
                  first == UInt8(ascii: ".") || first == UInt8(ascii: "_") else { continue }
            let content = line.content
            var rest: Substring
            var name: String?
            if content.hasBytePrefix(".. __:") {
                rest = content.dropFirst(6)
            } else if content.hasBytePrefix("__ ") {
                rest = content.dropFirst(3)
            } else if content.hasBytePrefix(".. _"), !content.hasBytePrefix(".. __") {
                let body = content.dropFirst(4)
                guard let split = Self.targetNameEnd(body) else { continue }
                // Backslashes dropped, backquotes trimmed, by byte (both ASCII).
                let unescaped = String(decoding: body[..<split.nameEnd].utf8.filter { $0 != UInt8(ascii: "\\") }, as: UTF8.self)
                name = String(unescaped[...].trimmingBytes { $0 == UInt8(ascii: "`") })
                rest = body[split.restStart...]
            } else {
                continue
            }
            var url = String(rest)
            var next = position + 1
            while next < lines.count, !lines[next].isBlank, lines[next].indent > line.indent {
                url += lines[next].text
                next += 1
            }
            url = url.filter { !$0.isWhitespace }
            guard !url.isEmpty else { continue }
            if let name {
                targets.named.append((Self.normalize(name), url))
            } else {
                targets.anonymous.append(url)
            }
        }
        return targets
    }

    private static func targetNameEnd(_ text: Substring) -> (nameEnd: Substring.Index, restStart: Substring.Index)? {
        var index = text.startIndex
        var escaped = false
        var quoted = false
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" { escaped.toggle() } else {
                if character == "`" { quoted.toggle() }
                if character == ":", !escaped, !quoted {
                    let after = text.index(after: index)
                    if after == text.endIndex || text[after] == " " { return (index, after) }
                }
                escaped = false
            }
            index = text.index(after: index)
        }
        return nil
    }
}
