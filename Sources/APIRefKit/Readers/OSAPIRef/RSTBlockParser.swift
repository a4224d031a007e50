/// Splits reStructuredText lines into blocks (docutils' body elements and, at the top of a
/// document, section titles). Unknown or malformed input never fails: it becomes a paragraph
/// or a comment, and the Markdown writer reports what it cannot convert.
struct RSTBlockParser {
    private let lines: [RSTLine]
    private var index = 0
    private let allowsHeadings: Bool
    /// Adornment styles in order of first use; a style's position + 1 is its section level.
    private var styles: [HeadingStyle] = []

    private struct HeadingStyle: Equatable {
        let character: Character
        let overlined: Bool
    }

    /// A whole file: section titles are recognised.
    static func parseDocument(_ lines: [RSTLine]) -> [RSTBlock] {
        var parser = RSTBlockParser(lines: lines, allowsHeadings: true)
        return parser.parseBlocks()
    }

    /// Nested content (a list item, a directive body): no section titles.
    static func parse(_ lines: [RSTLine]) -> [RSTBlock] {
        var parser = RSTBlockParser(lines: lines, allowsHeadings: false)
        return parser.parseBlocks()
    }

    private init(lines: [RSTLine], allowsHeadings: Bool) {
        self.lines = lines
        self.allowsHeadings = allowsHeadings
    }

    private mutating func parseBlocks() -> [RSTBlock] {
        var blocks: [RSTBlock] = []
        while index < lines.count {
            let line = lines[index]
            if line.isBlank { index += 1; continue }
            if line.indent > 0 {
                blocks.append(.blockQuote(RSTBlockParser.parse(indentedBlock(from: index).dedented())))
                continue
            }
            if allowsHeadings, let heading = heading() { blocks.append(.heading(heading)); continue }
            let text = line.text
            if Self.isExplicitMarkup(text) { blocks.append(explicitMarkup()); continue }
            if text.hasBytePrefix("__ ") {
                // The short form of an anonymous target: `__ https://...`.
                let url = ([String(text.dropFirst(3))] + indentedBlock(from: index + 1).map { String($0.text) })
                    .joined().filter { !$0.isWhitespace }
                blocks.append(.target(RSTTarget(name: nil, url: url, at: line)))
                continue
            }
            if let bullet = Self.bullet(text) { blocks.append(bulletList(bullet)); continue }
            if let enumerator = RSTEnumerator.parse(text) { blocks.append(enumeratedList(enumerator)); continue }
            if RSTFieldMarker.parse(text) != nil { blocks.append(fieldList()); continue }
            if Self.isLineBlockLine(text) { blocks.append(lineBlock()); continue }
            if RSTTableParser.isGridBorder(text) || RSTTableParser.isSimpleBorder(text) {
                let start = index
                if let table = RSTTableParser.parse(lines, at: &index) {
                    blocks.append(.table(table))
                } else {
                    // A table this parser cannot lay out is kept as literal text.
                    index = start
                    var end = start
                    while end < lines.count, !lines[end].isBlank { end += 1 }
                    blocks.append(.directive(RSTDirective(name: "unsupported-table", marker: line, argument: nil,
                                                          body: Array(lines[start..<end]))))
                    index = end
                }
                continue
            }
            if isTransition(line) { blocks.append(.transition(line)); index += 1; continue }
            blocks += paragraph()
        }
        return blocks
    }

    /// Lines from `start` that are blank or indented, without trailing blank lines; moves past them.
    private mutating func indentedBlock(from start: Int) -> [RSTLine] {
        var end = start
        while end < lines.count, lines[end].isBlank || lines[end].indent > 0 { end += 1 }
        var last = end
        while last > start, lines[last - 1].isBlank { last -= 1 }
        index = last
        return Array(lines[start..<last])
    }

    // MARK: Section titles

    private mutating func heading() -> RSTHeading? {
        let line = lines[index]
        if let character = Self.adornment(line), index + 2 < lines.count {
            let title = lines[index + 1], under = lines[index + 2]
            if !title.isBlank, Self.adornment(title) == nil, Self.adornment(under) == character {
                index += 3
                return RSTHeading(level: level(of: HeadingStyle(character: character, overlined: true)), title: title)
            }
        }
        guard Self.adornment(line) == nil, index + 1 < lines.count, isUnderline(lines[index + 1], for: line),
              let character = Self.adornment(lines[index + 1])
        else { return nil }
        index += 2
        return RSTHeading(level: level(of: HeadingStyle(character: character, overlined: false)), title: line)
    }

    private func isUnderline(_ candidate: RSTLine, for title: RSTLine) -> Bool {
        guard allowsHeadings, title.indent == 0, Self.adornment(title) == nil,
              Self.adornment(candidate) != nil else { return false }
        // Counted by byte when ASCII (`characterCount`): grapheme breaking every title was
        // ~800 instructions a heading.
        let length = candidate.trimmed.characterCount
        // docutils: an underline shorter than its title still counts from four characters on.
        return length >= 4 || length >= title.trimmed.characterCount
    }

    private mutating func level(of style: HeadingStyle) -> Int {
        if let position = styles.firstIndex(of: style) { return position + 1 }
        styles.append(style)
        return styles.count
    }

    /// The repeated punctuation character of an adornment line (`=====`), if it is one.
    static func adornment(_ line: RSTLine) -> Character? {
        let utf8 = line.text.utf8
        guard let first = utf8.first, first != 0x20, isAdornmentByte(first) else { return nil }
        // Over the contiguous bytes when there are (adornment lines are long runs).
        let count = utf8.withContiguousStorageIfAvailable { adornmentLength($0, of: first) } ?? adornmentLength(utf8, of: first)
        return count >= 2 ? Character(Unicode.Scalar(first)) : nil
    }

    /// How many times `first` repeats, spaces allowed only at the end; 0 when anything else occurs.
    private static func adornmentLength<Bytes: Sequence<UInt8>>(_ bytes: Bytes, of first: UInt8) -> Int {
        var count = 0
        var trailingSpaces = false
        for byte in bytes {
            if byte == 0x20 { trailingSpaces = true; continue }
            guard byte == first, !trailingSpaces else { return 0 }
            count += 1
        }
        return count
    }

    /// docutils' adornment characters: ASCII punctuation.
    private static func isAdornmentByte(_ byte: UInt8) -> Bool {
        (byte >= 0x21 && byte <= 0x2F) || (byte >= 0x3A && byte <= 0x40) || (byte >= 0x5B && byte <= 0x60)
            || (byte >= 0x7B && byte <= 0x7E)
    }

    private func isTransition(_ line: RSTLine) -> Bool {
        guard Self.adornment(line) != nil, line.trimmed.characterCount >= 4 else { return false }
        return index + 1 >= lines.count || lines[index + 1].isBlank
    }

    // MARK: Explicit markup

    static func isExplicitMarkup(_ text: Substring) -> Bool {
        guard text.hasBytePrefix("..") else { return false }
        let after = text.utf8.dropFirst(2)
        return after.isEmpty || after.first == 0x20
    }

    private mutating func explicitMarkup() -> RSTBlock {
        let first = lines[index]
        index += 1
        let body = indentedBlock(from: index).dedented()
        let afterDots = first.dropping(2)
        let rest = afterDots.dropping(afterDots.indent)
        let text = rest.text
        if text.isEmpty { return .comment(first) }
        if text.first == "_" { return target(rest, body: body, marker: first) }
        if text.first == "|", let substitution = substitution(rest, body: body, marker: first) { return substitution }
        if text.first == "[", let close = text.firstIndex(of: "]") {
            let label = String(text[text.index(after: text.startIndex)..<close])
            let afterLabel = rest.dropping(text.distance(from: text.startIndex, to: close) + 1)
            let content = (afterLabel.isBlank ? [] : [afterLabel.dropping(afterLabel.indent)]) + body
            return .footnote(label: label, body: RSTBlockParser.parse(content), at: first)
        }
        if let directive = Self.directive(rest, body: body, marker: first) { return .directive(directive) }
        return .comment(first)
    }

    /// Letters, digits and `-_.:+`; by bytes when ASCII (every directive passes here).
    private static func isDirectiveName(_ name: Substring) -> Bool {
        let isASCII = name.utf8.allSatisfy { $0 < 0x80 }
        guard isASCII else { return name.allSatisfy { $0.isLetter || $0.isNumber || "-_.:+".contains($0) } }
        return name.utf8.allSatisfy { byte in
            let lower = byte | 0x20
            return (lower >= 0x61 && lower <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2D || byte == 0x5F || byte == 0x2E || byte == 0x3A || byte == 0x2B
        }
    }

    static func directive(_ rest: RSTLine, body: [RSTLine], marker: RSTLine) -> RSTDirective? {
        let text = rest.text
        guard let range = text.firstRange(ofASCII: "::") else { return nil }
        let name = text[..<range.lowerBound]
        guard !name.isEmpty, Self.isDirectiveName(name) else { return nil }
        let afterColons = text[range.upperBound...]
        guard afterColons.isEmpty || afterColons.first == " " else { return nil }
        let offset = text[..<range.upperBound].characterCount
        let argument = rest.dropping(offset)
        return RSTDirective(name: name.lowercased(), marker: marker,
                            argument: argument.isBlank ? nil : argument.dropping(argument.indent), body: body)
    }

    private func target(_ rest: RSTLine, body: [RSTLine], marker: RSTLine) -> RSTBlock {
        var text = rest.text.dropFirst()
        var name: String?
        if text.hasPrefix("_:") || text.hasPrefix("_ :") {
            text = text.drop { $0 != ":" }.dropFirst()
        } else if text.first == "`", let close = text.dropFirst().firstIndex(of: "`") {
            name = String(text[text.index(after: text.startIndex)..<close])
            text = text[close...].drop { $0 != ":" }.dropFirst()
        } else {
            var cursor = text.startIndex
            var escaped = false
            while cursor < text.endIndex {
                let character = text[cursor]
                if character == "\\" { escaped.toggle() } else if character == ":" && !escaped {
                    let after = text.index(after: cursor)
                    if after == text.endIndex || text[after] == " " { break }
                } else { escaped = false }
                cursor = text.index(after: cursor)
            }
            guard cursor < text.endIndex else { return .comment(marker) }
            name = String(text[..<cursor]).replacingOccurrences(of: "\\", with: "")
            text = text[text.index(after: cursor)...]
        }
        // docutils removes all whitespace from a URI split over lines.
        let url = ([String(text)] + body.map { String($0.text) }).joined().filter { !$0.isWhitespace }
        return .target(RSTTarget(name: name, url: url.isEmpty ? nil : url, at: marker))
    }

    private func substitution(_ rest: RSTLine, body: [RSTLine], marker: RSTLine) -> RSTBlock? {
        let text = rest.text
        guard let close = text.dropFirst().firstIndex(of: "|") else { return nil }
        let name = String(text[text.index(after: text.startIndex)..<close])
        let offset = text.distance(from: text.startIndex, to: close) + 1
        let afterName = rest.dropping(offset)
        guard let directive = Self.directive(afterName.dropping(afterName.indent), body: body, marker: marker) else {
            return nil
        }
        return .substitution(name: name, directive: directive)
    }

    // MARK: Lists

    static func bullet(_ text: Substring) -> Character? {
        // Asked of nearly every line: most start with a byte no bullet starts with (• is E2 80 A2).
        guard let byte = text.utf8.first, byte == 0x2D || byte == 0x2A || byte == 0x2B || byte == 0xE2 else { return nil }
        guard let first = text.first, "-*+•".contains(first) else { return nil }
        let second = text.dropFirst().first
        return second == nil || second == " " ? first : nil
    }

    private mutating func bulletList(_ bullet: Character) -> RSTBlock {
        var items: [RSTListItem] = []
        while index < lines.count, Self.bullet(lines[index].text) == bullet, lines[index].indent == 0 {
            let marker = lines[index]
            let width = 1 + marker.text.dropFirst().prefix { $0 == " " }.count
            items.append(RSTListItem(marker: marker, body: listItemBody(markerWidth: width)))
            guard skipBlankLines(ifNextMatches: { Self.bullet($0.text) == bullet }) else { break }
        }
        return .bulletList(items)
    }

    private mutating func enumeratedList(_ first: RSTEnumerator) -> RSTBlock {
        var items: [RSTListItem] = []
        while index < lines.count, lines[index].indent == 0, let enumerator = RSTEnumerator.parse(lines[index].text),
              enumerator.style == first.style {
            let marker = lines[index]
            items.append(RSTListItem(marker: marker, body: listItemBody(markerWidth: enumerator.width)))
            guard skipBlankLines(ifNextMatches: { RSTEnumerator.parse($0.text)?.style == first.style }) else { break }
        }
        return .enumeratedList(items, start: first.value ?? 1)
    }

    /// The body of a list item or field: the first line after its marker, then the indented
    /// lines below (dedented on their own, as docutils does).
    private mutating func listItemBody(markerWidth: Int) -> [RSTBlock] {
        let first = lines[index].dropping(markerWidth)
        index += 1
        let rest = indentedBlock(from: index).dedented()
        let content = (first.isBlank ? [] : [first.dropping(first.indent)]) + rest
        return RSTBlockParser.parse(content)
    }

    /// Skips blank lines when the next non-blank line continues the current list; returns
    /// whether it does.
    private mutating func skipBlankLines(ifNextMatches matches: (RSTLine) -> Bool) -> Bool {
        var next = index
        while next < lines.count, lines[next].isBlank { next += 1 }
        guard next < lines.count, lines[next].indent == 0, matches(lines[next]) else { return false }
        index = next
        return true
    }

    private mutating func fieldList() -> RSTBlock {
        var fields: [RSTDefinition] = []
        while index < lines.count, lines[index].indent == 0, let field = RSTFieldMarker.parse(lines[index].text) {
            let marker = lines[index]
            let width = marker.text.count - field.rest.count
            let term = RSTLine(number: marker.number, column: marker.column + 1, text: Substring(field.name))
            fields.append(RSTDefinition(term: term, body: listItemBody(markerWidth: width)))
            guard skipBlankLines(ifNextMatches: { RSTFieldMarker.parse($0.text) != nil }) else { break }
        }
        return .definitionList(fields, isFieldList: true)
    }

    static func isLineBlockLine(_ text: Substring) -> Bool {
        guard text.utf8.first == UInt8(ascii: "|") else { return false }
        return text == "|" || text.hasPrefix("| ")
    }

    private mutating func lineBlock() -> RSTBlock {
        var result: [RSTLine] = []
        while index < lines.count, !lines[index].isBlank {
            let line = lines[index]
            if line.indent == 0, Self.isLineBlockLine(line.text) {
                let content = line.dropping(1)
                result.append(content.dropping(min(1, content.indent)))
            } else if line.indent > 0, let last = result.popLast() {
                // A continuation line joins the line above.
                result.append(RSTLine(number: last.number, column: last.column,
                                      text: Substring(String(last.text) + " " + String(line.content))))
            } else {
                break
            }
            index += 1
        }
        return .lineBlock(result)
    }

    // MARK: Paragraphs

    private mutating func paragraph() -> [RSTBlock] {
        var text: [RSTLine] = [lines[index]]
        index += 1
        while index < lines.count {
            let line = lines[index]
            if line.isBlank { break }
            if line.indent > 0 {
                if text.count == 1 { return definitionList(firstTerm: text[0]) }
                break
            }
            if index + 1 < lines.count, isUnderline(lines[index + 1], for: line) { break }
            text.append(line)
            index += 1
        }
        var blocks: [RSTBlock] = [.paragraph(text)]
        if let last = text.last, last.trimmed.hasByteSuffix("::") {
            var next = index
            while next < lines.count, lines[next].isBlank { next += 1 }
            if next < lines.count, lines[next].indent > 0 {
                let literal = indentedBlock(from: next).dedented()
                blocks.append(.literal(literal, at: lines[next]))
            }
        }
        return blocks
    }

    /// A term line directly followed by indented lines: a definition list (possibly of several
    /// terms separated by blank lines).
    private mutating func definitionList(firstTerm: RSTLine) -> [RSTBlock] {
        var items: [RSTDefinition] = []
        var term = firstTerm
        while true {
            let body = RSTBlockParser.parse(indentedBlock(from: index).dedented())
            items.append(RSTDefinition(term: term, body: body))
            var next = index
            while next < lines.count, lines[next].isBlank { next += 1 }
            guard next + 1 < lines.count, lines[next].indent == 0, !lines[next + 1].isBlank,
                  lines[next + 1].indent > 0, !Self.isExplicitMarkup(lines[next].text),
                  Self.bullet(lines[next].text) == nil, RSTEnumerator.parse(lines[next].text) == nil,
                  RSTFieldMarker.parse(lines[next].text) == nil
            else { break }
            term = lines[next]
            index = next + 1
        }
        return [.definitionList(items, isFieldList: false)]
    }
}

/// An enumerated list marker: `1.`, `1)`, `(1)`, `#.`.
struct RSTEnumerator {
    enum Style: Equatable { case period, parenthesis, enclosed }
    let value: Int?
    let style: Style
    /// Characters up to the item's text.
    let width: Int

    static func parse(_ text: Substring) -> RSTEnumerator? {
        // Asked of nearly every line: an enumerator starts with `(`, `#` or a digit.
        guard let byte = text.utf8.first, byte == 0x28 || byte == 0x23 || (byte >= 0x30 && byte <= 0x39) else { return nil }
        var rest = text
        var enclosed = false
        if rest.first == "(" { enclosed = true; rest = rest.dropFirst() }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        var value: Int?
        if digits.isEmpty {
            guard rest.first == "#" else { return nil }
            rest = rest.dropFirst()
        } else {
            guard digits.count <= 9 else { return nil }
            value = Int(digits)
            rest = rest.dropFirst(digits.count)
        }
        guard let close = rest.first else { return nil }
        let style: Style
        switch (close, enclosed) {
        case (")", true): style = .enclosed
        case (")", false): style = .parenthesis
        case (".", false): style = .period
        default: return nil
        }
        rest = rest.dropFirst()
        guard rest.isEmpty || rest.first == " " else { return nil }
        let spaces = rest.prefix { $0 == " " }.count
        return RSTEnumerator(value: value, style: style, width: text.count - rest.count + spaces)
    }
}
