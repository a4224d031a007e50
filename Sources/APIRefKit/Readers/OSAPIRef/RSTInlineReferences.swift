import Foundation

/// References and roles: `name`_, `text <url>`__, :ref:, :doc:, :code: and friends.
extension RSTInline {
    mutating func reference(_ content: String, anonymous: Bool, range: SourceRange) {
        var text = content
        var target: RSTLinkTarget?
        // `text <url>`_ : an embedded URI (or `text <name_>`_, an embedded alias).
        if content.hasSuffix(">"), let open = content.lastIndex(of: "<") {
            var embedded = String(content[content.index(after: open)..<content.index(before: content.endIndex)])
            // Whitespace (a URI wrapped over lines) goes; most have none, and are kept whole.
            if !embedded.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x80 }) { embedded = embedded.filter { !$0.isWhitespace } }
            text = Self.trimmingWhitespace(content[..<open])
            if embedded.hasSuffix("_"), !embedded.contains("://") {
                target = context.namedTarget(String(embedded.dropLast()))
            } else {
                target = .url(embedded)
            }
            if text.isEmpty { text = embedded }
        } else if anonymous {
            target = context.nextAnonymousTarget().map { .url($0) }
        } else {
            target = context.namedTarget(content)
        }
        guard let target else {
            context.unresolved("reference '\(content)'", at: range)
            emitText(text)
            return
        }
        link(text: text, to: target, range: range)
    }

    mutating func link(text: String, to target: RSTLinkTarget, range: SourceRange) {
        let destination = context.destination(of: target)
        context.recordLink(destination, at: range)
        emitRaw("[")
        emitText(text)
        emitRaw("](\(Self.linkDestination(destination)))")
    }

    /// The text without leading and trailing white space; by bytes when it starts and ends
    /// with visible ASCII (nearly always), by Foundation's definition otherwise.
    static func trimmingWhitespace(_ text: Substring) -> String {
        if let first = text.utf8.first, let last = text.utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return String(text)
        }
        // By scalar: bridging to `NSString` cost ~14,000 instructions a call.
        return String(text.trimmingScalars(where: isWhitespaceOrNewline))
    }

    /// Foundation's `CharacterSet.whitespacesAndNewlines`, scalar for scalar (a test compares
    /// every scalar): Zs, tab, U+000A-U+000D, U+0085, U+2028, U+2029, and U+200B, which
    /// Foundation still counts though Unicode no longer does.
    static func isWhitespaceOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x85, 0x200B, 0x2028, 0x2029: return true
        default: return scalar.properties.generalCategory == .spaceSeparator
        }
    }

    static func linkDestination(_ destination: String) -> String {
        let needsBrackets = destination.utf8.contains { $0 == 0x20 || $0 == 0x28 || $0 == 0x29 }
        let cleaned = destination.utf8.contains { $0 == 0x3C || $0 == 0x3E }
            ? destination.replacingOccurrences(of: "<", with: "%3C").replacingOccurrences(of: ">", with: "%3E") : destination
        return needsBrackets ? "<\(cleaned)>" : cleaned
    }

    mutating func role(_ name: String?, _ content: String, range: SourceRange) {
        switch name {
        case nil, "title-reference", "title", "t", "emphasis", "dfn":
            emitRaw("*"); emitText(content, inline: true); emitRaw("*")
        case "strong", "guilabel", "menuselection":
            emitRaw("**"); emitText(content, inline: true); emitRaw("**")
        case "literal", "code", "file", "samp", "command", "program", "envvar", "option", "kbd",
             "makevar", "mimetype", "regexp", "math", "class", "func", "meth", "attr", "mod",
             "py:class", "py:func", "py:meth", "py:attr", "py:mod", "exc", "obj", "data", "const":
            emitCode(content.utf8)
        case "ref":
            let (text, label) = Self.explicitTarget(content)
            guard let target = context.label(label.lowercased()) else {
                context.unresolved(":ref: label '\(label)'", at: range)
                emitText(text ?? label)
                return
            }
            if case .page(_, _, let title) = target { link(text: text ?? title, to: target, range: range) }
        case "doc":
            let (text, path) = Self.explicitTarget(content)
            guard let target = context.document(path) else {
                emitText(text ?? path)
                return
            }
            if case .page(_, _, let title) = target { link(text: text ?? title, to: target, range: range) } else { emitText(text ?? path) }
        case "rfc", "pep":
            let (text, number) = Self.explicitTarget(content)
            let digits = number.prefix { $0.isNumber }
            let url = name == "rfc" ? "https://datatracker.ietf.org/doc/html/rfc\(digits)"
                : "https://peps.python.org/pep-\(String(repeating: "0", count: max(0, 4 - digits.count)))\(digits)/"
            link(text: text ?? "\(name == "rfc" ? "RFC" : "PEP") \(number)", to: .url(url), range: range)
        case "abbr", "term", "sub", "sup", "index":
            emitText(content)
        default:
            context.unsupported("role ':\(name ?? ""):'", at: range)
            emitText(content)
        }
    }

    /// `text <target>` in a role: (text, target); a bare target gives (nil, target).
    static func explicitTarget(_ content: String) -> (String?, String) {
        guard content.hasSuffix(">"), let open = content.lastIndex(of: "<") else { return (nil, content) }
        let target = String(content[content.index(after: open)..<content.index(before: content.endIndex)])
        let text = content[..<open].trimmingCharacters(in: .whitespacesAndNewlines)
        return (text.isEmpty ? nil : text, target)
    }
}
