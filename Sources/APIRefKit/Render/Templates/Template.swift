/// A parsed Mustache template: the subset a theme needs, compiled once per build.
///
/// Supported: `{{name}}` (HTML-escaped), `{{{name}}}` and `{{&name}}` (raw), dotted names and
/// `{{.}}`, sections `{{#name}}…{{/name}}`, inverted sections `{{^name}}…{{/name}}`, partials
/// `{{>name}}`, comments `{{! … }}`, with the spec's standalone-line rules (a section, partial
/// or comment tag alone on its line takes the line with it). Anything else (changed
/// delimiters, inheritance, lambdas, transforms) is a syntax error with its line and column,
/// rather than text that silently renders as nothing.
///
/// apiref renders with its own engine instead of a general Mustache library because view
/// models are typed (`TemplateObject`): lookups are table hits, not reflection and dynamic
/// casts, and escaping works on UTF-8. On nova the general library took 57% of `build`.
struct Template: Sendable {
    indirect enum Node: Sendable {
        case text(String)
        /// `path` is the dotted name split at dots; `["."]` is the current object.
        case variable(path: [TemplateName], escaped: Bool)
        /// `ordinal`: the section's place among the template's sections, which names it (with
        /// the template's name) when its output is kept (see `TemplateFragment`).
        case section(path: [TemplateName], inverted: Bool, body: [Node], ordinal: Int)
        case partial(name: String, indentation: String)
    }

    let nodes: [Node]

    /// The names of the partials the template uses, in order of first use.
    var partialNames: [String] {
        var names: [String] = []
        func collect(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .partial(let name, _) where !names.contains(name): names.append(name)
                case .section(_, _, let body, _): collect(body)
                default: break
                }
            }
        }
        collect(nodes)
        return names
    }

    init(_ text: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(Array(text.utf8))
        nodes = try parser.parse()
    }
}

struct TemplateSyntaxError: Error, Sendable, CustomStringConvertible {
    let line: Int
    let column: Int
    let message: String
    var description: String { "\(line):\(column): \(message)" }
}

/// Turns template bytes into nodes. Works on UTF-8 bytes: tags and whitespace are ASCII.
private struct TemplateParser {
    private let bytes: [UInt8]
    private var position = 0
    /// Open sections, innermost last: name, where the tag started, nodes so far.
    private var open: [(name: String, tagStart: Int, path: [TemplateName], inverted: Bool, nodes: [Template.Node])] = []
    private var nodes: [Template.Node] = []
    private var text: [UInt8] = []
    private var sectionCount = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func parse() throws(TemplateSyntaxError) -> [Template.Node] {
        while position < bytes.count {
            guard let tagStart = nextTagStart() else {
                text += bytes[position...]
                position = bytes.count
                break
            }
            text += bytes[position..<tagStart]
            position = tagStart
            try tag()
        }
        if let section = open.last {
            throw error(at: section.tagStart, "section '\(section.name)' is never closed; add {{/\(section.name)}}")
        }
        flushText()
        return nodes
    }

    private func nextTagStart() -> Int? {
        var index = position
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") { return index }
            index += 1
        }
        return nil
    }

    private mutating func tag() throws(TemplateSyntaxError) {
        let tagStart = position
        var index = position + 2
        guard index < bytes.count else { throw error(at: tagStart, "unclosed tag; close it with }}") }
        let sigil = bytes[index]
        var closing: [UInt8] = Array("}}".utf8)
        switch sigil {
        case UInt8(ascii: "{"): closing = Array("}}}".utf8); index += 1
        case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "&"),
             UInt8(ascii: "!"):
            index += 1
        case UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: "$"):
            throw error(at: tagStart, "'{{\(Character(Unicode.Scalar(sigil)))' tags (delimiters, inheritance) are not supported by apiref themes")
        default: break
        }
        guard let close = find(closing, from: index) else {
            throw error(at: tagStart, "unclosed tag; close it with \(String(decoding: closing, as: UTF8.self))")
        }
        let content = String(decoding: bytes[index..<close], as: UTF8.self)
        let tagEnd = close + closing.count
        position = tagEnd
        let name = content.trimmingASCIISpaces()

        let standaloneKinds: [UInt8] = Array("#^/>!".utf8)
        var indentation = ""
        if standaloneKinds.contains(sigil), let lineEnd = standaloneLineEnd(tagStart: tagStart, tagEnd: tagEnd) {
            // The tag is alone on its line: the line's leading blanks and its line break go.
            let lineStart = text.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            indentation = String(decoding: text[lineStart...], as: UTF8.self)
            text.removeSubrange(lineStart...)
            position = lineEnd
        }

        switch sigil {
        case UInt8(ascii: "!"):
            return
        case UInt8(ascii: "#"), UInt8(ascii: "^"):
            let path = try self.path(name, tagStart: tagStart)
            flushText()
            open.append((name, tagStart, path, sigil == UInt8(ascii: "^"), nodes))
            nodes = []
        case UInt8(ascii: "/"):
            guard let section = open.popLast() else {
                throw error(at: tagStart, "{{/\(name)}} closes no section")
            }
            guard section.name == name else {
                throw error(at: tagStart, "{{/\(name)}} closes section '\(section.name)'; close it with {{/\(section.name)}}")
            }
            flushText()
            let body = nodes
            nodes = section.nodes
            nodes.append(.section(path: section.path, inverted: section.inverted, body: body, ordinal: sectionCount))
            sectionCount += 1
        case UInt8(ascii: ">"):
            guard !name.isEmpty, name.utf8.allSatisfy(Self.isNameByte) else {
                throw error(at: tagStart, "'\(name)' is not a partial name")
            }
            flushText()
            nodes.append(.partial(name: name, indentation: indentation))
        default:
            let escaped = sigil != UInt8(ascii: "{") && sigil != UInt8(ascii: "&")
            let path = try self.path(name, tagStart: tagStart)
            flushText()
            nodes.append(.variable(path: path, escaped: escaped))
        }
    }

    /// Where the line after a standalone tag starts, or nil when the tag shares its line with
    /// anything but blanks.
    private func standaloneLineEnd(tagStart: Int, tagEnd: Int) -> Int? {
        var before = tagStart
        while before > 0, bytes[before - 1] == UInt8(ascii: " ") || bytes[before - 1] == UInt8(ascii: "\t") { before -= 1 }
        guard before == 0 || bytes[before - 1] == UInt8(ascii: "\n") else { return nil }
        var after = tagEnd
        while after < bytes.count, bytes[after] == UInt8(ascii: " ") || bytes[after] == UInt8(ascii: "\t") { after += 1 }
        if after == bytes.count { return after }
        if bytes[after] == UInt8(ascii: "\n") { return after + 1 }
        if bytes[after] == UInt8(ascii: "\r"), after + 1 < bytes.count, bytes[after + 1] == UInt8(ascii: "\n") { return after + 2 }
        return nil
    }

    private func path(_ name: String, tagStart: Int) throws(TemplateSyntaxError) -> [TemplateName] {
        if name == "." { return ["."] }
        let parts = name.split(ascii: ".", omittingEmptySubsequences: false)
        guard !name.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(Self.isNameByte) }) else {
            throw error(at: tagStart, "'\(name)' is not a name; write a field name like `title` or `window.range`")
        }
        return parts.map { TemplateName(String($0)) }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    private mutating func flushText() {
        guard !text.isEmpty else { return }
        nodes.append(.text(String(decoding: text, as: UTF8.self)))
        text = []
    }

    private func error(at offset: Int, _ message: String) -> TemplateSyntaxError {
        var line = 1, lineStart = 0
        for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let column = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).unicodeScalars.count + 1
        return TemplateSyntaxError(line: line, column: column, message: message)
    }
}

extension String {
    func trimmingASCIISpaces() -> String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }),
              let last = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D })
        else { return "" }
        return String(self[first...last])
    }
}
