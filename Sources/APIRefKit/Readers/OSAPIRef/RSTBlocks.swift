/// The block structure of a reStructuredText file, as far as API reference trees use it.
/// Inline markup stays raw text here; `RSTInline` converts it when Markdown is written.
indirect enum RSTBlock: Sendable {
    /// A section title. Only at the top level of a document.
    case heading(RSTHeading)
    case paragraph([RSTLine])
    case bulletList([RSTListItem])
    case enumeratedList([RSTListItem], start: Int)
    /// Terms with their indented definitions; also field lists (`:name: body`).
    case definitionList([RSTDefinition], isFieldList: Bool)
    case directive(RSTDirective)
    /// `.. _name: url`, `.. _name:` (an internal label), `.. __: url` (anonymous).
    case target(RSTTarget)
    /// `.. |name| replace:: text` and other substitution definitions.
    case substitution(name: String, directive: RSTDirective)
    /// `.. [1] text`: footnotes and citations.
    case footnote(label: String, body: [RSTBlock], at: RSTLine)
    case comment(RSTLine)
    /// A literal block after `::`; its lines keep their relative indentation.
    case literal([RSTLine], at: RSTLine)
    case lineBlock([RSTLine])
    case table(RSTTable)
    case blockQuote([RSTBlock])
    case transition(RSTLine)
}

struct RSTHeading: Sendable {
    /// 1 for the document's first adornment style, 2 for the next new one, and so on.
    let level: Int
    let title: RSTLine
    var text: String { String(title.trimmed) }
}

struct RSTListItem: Sendable {
    let marker: RSTLine
    let body: [RSTBlock]
}

struct RSTDefinition: Sendable {
    let term: RSTLine
    let body: [RSTBlock]
}

struct RSTTarget: Sendable {
    /// Nil for an anonymous target (`.. __: url`).
    let name: String?
    /// Nil for an internal label that points at the next element.
    let url: String?
    let at: RSTLine
}

/// `.. name:: argument` with its options and content.
struct RSTDirective: Sendable {
    /// Lowercased, as directive names are case-insensitive.
    let name: String
    /// The `..` line.
    let marker: RSTLine
    /// Text after `::` on the first line, if any (its column is that of the text).
    let argument: RSTLine?
    /// The indented block below the first line, dedented.
    let body: [RSTLine]

    var argumentText: String { argument.map { String($0.trimmed) } ?? "" }

    /// `:name: value` lines at the top of the body.
    var options: [(name: String, value: String, line: RSTLine)] {
        var result: [(String, String, RSTLine)] = []
        for line in body {
            guard !line.isBlank, line.indent == 0, let field = RSTFieldMarker.parse(line.text) else { break }
            result.append((field.name, String(field.rest.trimmingSpaces()), line))
        }
        return result
    }

    /// The first option `name`'s value (the options before it are not made).
    func option(_ name: String) -> String? {
        for line in body {
            guard !line.isBlank, line.indent == 0, let field = RSTFieldMarker.parse(line.text) else { break }
            if field.name == name { return String(field.rest.trimmingSpaces()) }
        }
        return nil
    }

    /// The body after the options: the directive's content.
    var content: [RSTLine] {
        let skip = options.count
        return Array(Array(body.dropFirst(skip)).trimmingBlankLines()).dedented()
    }

    /// The first-line text followed by the body, as one block (admonitions and `rest_method`
    /// put content right after `::`).
    var argumentAndBody: [RSTLine] {
        guard let argument else { return Array(body.trimmingBlankLines()) }
        let first = RSTLine(number: argument.number, column: argument.column + argument.indent, text: argument.content)
        return [first] + body
    }
}

/// A table with its cells as raw lines (cells may hold several blocks).
struct RSTTable: Sendable {
    let header: [[RSTTableCell]]
    let rows: [[RSTTableCell]]
    let at: RSTLine
}

struct RSTTableCell: Sendable {
    let lines: [RSTLine]
}

/// `:name: rest` at the start of a line (field lists, directive options).
enum RSTFieldMarker {
    /// `:name: rest`. Stepped by byte (asked of every line that starts with a colon, ~3,900 on
    /// nova; stepping by character was most of it); differs from a walk by character only where
    /// a colon or space is followed by a combining mark.
    static func parse(_ text: Substring) -> (name: String, rest: Substring)? {
        let utf8 = text.utf8
        guard utf8.first == UInt8(ascii: ":"), text.first == ":" else { return nil }
        let nameStart = utf8.index(after: utf8.startIndex)
        var index = nameStart
        var escaped = false
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\\") {
                escaped.toggle()
            } else if byte == UInt8(ascii: ":") && !escaped {
                let name = text[nameStart..<index]
                let after = utf8.index(after: index)
                guard index > nameStart, utf8[nameStart] != 0x20, !name.utf8.contains(0x60),
                      after == utf8.endIndex || utf8[after] == 0x20 else { return nil }
                return (String(name), text[after...])
            } else {
                escaped = false
            }
            index = utf8.index(after: index)
        }
        return nil
    }
}

extension Substring {
    /// The first occurrence of an ASCII `needle`, found on UTF-8 bytes (no Foundation
    /// search: this runs on every line of a tree).
    func firstRange(ofASCII needle: String) -> Range<Index>? {
        // Scanned as offsets into contiguous bytes; the needle (a short literal) is read in
        // place rather than copied into an array at every call.
        var needle = needle
        let bytes = utf8
        let found: Range<Int>?? = needle.withUTF8 { pattern in
            bytes.withContiguousStorageIfAvailable { text -> Range<Int>? in
                guard let head = pattern.first, pattern.count <= text.count else { return nil }
                var offset = 0
                while offset <= text.count - pattern.count {
                    if text[offset] == head {
                        var matched = 1
                        while matched < pattern.count, text[offset + matched] == pattern[matched] { matched += 1 }
                        if matched == pattern.count { return offset..<(offset + pattern.count) }
                    }
                    offset += 1
                }
                return nil
            }
        }
        switch found {
        case .some(.some(let range)):
            return bytes.index(bytes.startIndex, offsetBy: range.lowerBound)..<bytes.index(bytes.startIndex, offsetBy: range.upperBound)
        case .some(.none):
            return nil
        case .none:
            return Self.slowFirstRange(of: Array(needle.utf8), in: self)
        }
    }

    /// `firstRange(ofASCII:)` for text not stored contiguously.
    private static func slowFirstRange(of pattern: [UInt8], in text: Substring) -> Range<Index>? {
        guard let head = pattern.first else { return nil }
        let bytes = text.utf8
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == head {
                var probe = index
                var matched = 0
                while matched < pattern.count, probe < bytes.endIndex, bytes[probe] == pattern[matched] {
                    probe = bytes.index(after: probe)
                    matched += 1
                }
                if matched == pattern.count { return index..<probe }
            }
            index = bytes.index(after: index)
        }
        return nil
    }

    /// The number of characters, counted by bytes when all are ASCII (most RST is).
    var characterCount: Int {
        // Over the contiguous bytes when there are (a loop over `UTF8View` costs ~15
        // instructions a byte; this runs for every parameter item's name and key).
        let isASCII = utf8.withContiguousStorageIfAvailable { $0.allSatisfy { $0 < 0x80 } } ?? utf8.allSatisfy { $0 < 0x80 }
        return isASCII ? utf8.count : count
    }

    func trimmingSpaces() -> Substring { trimmingBytes { $0 == 0x20 } }
}
