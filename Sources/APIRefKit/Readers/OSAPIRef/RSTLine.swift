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
    var content: Substring { text[text.utf8.index(text.startIndex, offsetBy: indent)...] }

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
    /// become spaces up to the next multiple of 8, as docutils does.
    static func lines(of text: String) -> [RSTLine] {
        var lines: [RSTLine] = []
        var number = 1
        var start = text.startIndex
        let utf8 = text.utf8
        // Tabs are noted while scanning, so that lines without one are not walked again.
        var hasTab = false
        func finish(_ end: String.Index) {
            let line = text[start..<end]
            lines.append(RSTLine(number: number, column: 1, text: hasTab ? expandingTabs(line) : line))
            number += 1
            hasTab = false
        }
        var position = utf8.startIndex
        while position < utf8.endIndex {
            let byte = utf8[position]
            if byte == 0x0A || byte == 0x0D {
                finish(position)
                var next = utf8.index(after: position)
                if byte == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                start = next
                position = next
            } else {
                if byte == 0x09 { hasTab = true }
                position = utf8.index(after: position)
            }
        }
        if start < text.endIndex { finish(text.endIndex) }
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
    func dedented() -> [RSTLine] {
        let common = self.filter { !$0.isBlank }.map(\.indent).min() ?? 0
        guard common > 0 else { return self }
        return map { $0.isBlank ? RSTLine(number: $0.number, column: $0.column, text: "") : $0.dropping(common) }
    }

    /// The lines without leading and trailing blank lines.
    func trimmingBlankLines() -> ArraySlice<RSTLine> {
        var slice = self[...]
        while let first = slice.first, first.isBlank { slice = slice.dropFirst() }
        while let last = slice.last, last.isBlank { slice = slice.dropLast() }
        return slice
    }
}
