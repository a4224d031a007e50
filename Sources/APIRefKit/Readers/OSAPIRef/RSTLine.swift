/// One line of reStructuredText as the block parser sees it: the text from some column on
/// (a nested block drops its indentation), and where that text sits in the file.
struct RSTLine: Sendable {
    /// 1-based line number in the file.
    let number: Int
    /// 1-based column (in scalars) of `text`'s first character.
    let column: Int
    /// The rest of the line, without its line ending; may start with spaces (relative indent).
    let text: Substring

    /// Leading spaces (tabs were expanded when the file was split).
    var indent: Int {
        var count = 0
        for byte in text.utf8 {
            guard byte == 0x20 else { break }
            count += 1
        }
        return count
    }

    var isBlank: Bool { text.utf8.allSatisfy { $0 == 0x20 } }

    /// The text without its leading spaces.
    var content: Substring {
        let indent = indent
        return indent == 0 ? text : text[text.utf8.index(text.startIndex, offsetBy: indent)...]
    }

    /// This line with its first `count` characters removed (indentation or a list marker).
    /// Those are nearly always ASCII, stepped over by byte; counting characters (grapheme
    /// breaking) was a tenth of reading nova.
    func dropping(_ count: Int) -> RSTLine {
        let utf8 = text.utf8
        var index = utf8.startIndex, dropped = 0
        while dropped < count, index < utf8.endIndex, utf8[index] < 0x80 {
            index = utf8.index(after: index)
            dropped += 1
        }
        var rest = text[index...]
        if dropped < count {
            let more = min(count - dropped, rest.count)
            rest = rest.dropFirst(more)
            dropped += more
        }
        return RSTLine(number: number, column: column + dropped, text: rest)
    }

    /// The content with trailing spaces removed.
    var trimmed: Substring { text.trimmingSpaces() }

    func range(in file: String, length: Int = 1) -> SourceRange {
        SourceRange(file: file, line: number, column: column + indent, length: length)
    }

    /// Splits a file into lines: `\n`, `\r\n` and `\r` end a line; tabs in the indentation
    /// become spaces up to the next multiple of 8, as docutils does. The first line is numbered
    /// `firstLine` and every line starts at `column` (a text cut out of a file: a description).
    static func lines(of text: String, firstLine: Int = 1, column: Int = 1) -> [RSTLine] {
        var text = text
        text.makeContiguousUTF8()
        // Line ends are found on the bytes (a loop over `UTF8View` indices cost ~50
        // instructions a byte); the substrings are then cut at those offsets, which for
        // contiguous UTF-8 are O(1) indices.
        var bounds: [(start: Int, end: Int, hasTab: Bool)] = []
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var start = 0, position = 0, hasTab = false
            let count = bytes.count
            while position < count {
                let byte = bytes[position]
                if byte == 0x0A || byte == 0x0D {
                    bounds.append((start, position, hasTab))
                    hasTab = false
                    position += byte == 0x0D && position + 1 < count && bytes[position + 1] == 0x0A ? 2 : 1
                    start = position
                } else {
                    if byte == 0x09 { hasTab = true }
                    position += 1
                }
            }
            if start < count { bounds.append((start, count, hasTab)) }
        }
        let utf8 = text.utf8
        var lines: [RSTLine] = []
        lines.reserveCapacity(bounds.count)
        for (number, bound) in bounds.enumerated() {
            let line = text[utf8.index(utf8.startIndex, offsetBy: bound.start)..<utf8.index(utf8.startIndex, offsetBy: bound.end)]
            lines.append(RSTLine(number: firstLine + number, column: column, text: bound.hasTab ? expandingTabs(line) : line))
        }
        return lines
    }

    private static func expandingTabs(_ line: Substring) -> Substring {
        var result = ""
        var column = 0
        var inIndent = true
        for character in line {
            if character == "\t", inIndent {
                let spaces = 8 - column % 8
                result += String(repeating: " ", count: spaces)
                column += spaces
            } else {
                if character != " " { inIndent = false }
                result.append(character)
                column += 1
            }
        }
        return Substring(result)
    }
}

extension Array where Element == RSTLine {
    /// The lines with their common indentation removed (blank lines do not count).
    /// One pass to measure, one to cut (no intermediate arrays; a blank line is one whose
    /// indentation is all of it), and the common indentation cut by offset: it is spaces.
    func dedented() -> [RSTLine] {
        var common = Int.max
        for line in self {
            let indent = line.indent
            if indent < common, indent < line.text.utf8.count { common = indent }
        }
        guard common != Int.max, common > 0 else { return self }
        return map { line in
            let utf8 = line.text.utf8
            guard line.indent < utf8.count else { return RSTLine(number: line.number, column: line.column, text: "") }
            return RSTLine(number: line.number, column: line.column + common,
                           text: line.text[utf8.index(utf8.startIndex, offsetBy: common)...])
        }
    }

    /// The lines without leading and trailing blank lines.
    func trimmingBlankLines() -> ArraySlice<RSTLine> {
        var slice = self[...]
        while let first = slice.first, first.isBlank { slice = slice.dropFirst() }
        while let last = slice.last, last.isBlank { slice = slice.dropLast() }
        return slice
    }
}
