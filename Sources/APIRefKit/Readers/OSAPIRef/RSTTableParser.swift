/// Grid tables (`+---+---+`) and simple tables (`===  ===`). Tables with spanning cells are
/// refused (nil), and the caller keeps them as literal text with a warning.
enum RSTTableParser {
    static func isGridBorder(_ text: Substring) -> Bool {
        guard text.utf8.first == 0x2B else { return false }
        let trimmed = text.trimmingSpaces().utf8
        return text.utf8.count >= 3 && text.utf8.first == 0x2B && trimmed.last == 0x2B
            && trimmed.allSatisfy { $0 == 0x2B || $0 == 0x2D || $0 == 0x3D }
    }

    static func isSimpleBorder(_ text: Substring) -> Bool {
        // Asked of every paragraph's first line: most do not start with `=`.
        guard text.utf8.first == 0x3D || text.utf8.first == 0x20 else { return false }
        let trimmed = text.trimmingSpaces()
        guard trimmed.first == "=", trimmed.allSatisfy({ $0 == "=" || $0 == " " }) else { return false }
        // At least two columns: a single run is a section adornment or a transition.
        return trimmed.split(separator: " ").count >= 2
    }

    static func parse(_ lines: [RSTLine], at index: inout Int) -> RSTTable? {
        isGridBorder(lines[index].text) ? grid(lines, at: &index) : simple(lines, at: &index)
    }

    // MARK: Grid tables

    private static func grid(_ lines: [RSTLine], at index: inout Int) -> RSTTable? {
        let start = index
        var end = start
        while end < lines.count, !lines[end].isBlank, lines[end].indent == 0,
              lines[end].text.first == "+" || lines[end].text.first == "|" { end += 1 }
        let rows = lines[start..<end].map { TableLine($0.text) }
        guard let border = rows.first else { return nil }
        let boundaries = (0..<border.count).filter { border.has(UInt8(ascii: "+"), at: $0) }
        guard boundaries.count >= 2 else { return nil }
        var header: [[RSTTableCell]] = []
        var body: [[RSTTableCell]] = []
        var pending: [[RSTLine]] = Array(repeating: [], count: boundaries.count - 1)
        for (offset, row) in rows.enumerated().dropFirst() {
            let line = lines[start + offset]
            if row.has(UInt8(ascii: "+"), at: 0) {
                guard boundaries.allSatisfy({ row.has(UInt8(ascii: "+"), at: $0) }) else { return nil }
                let cells = pending.map { RSTTableCell(lines: Array($0.trimmingBlankLines()).dedented()) }
                if row.contains(UInt8(ascii: "=")) { header += body + [cells]; body = [] } else { body.append(cells) }
                pending = Array(repeating: [], count: boundaries.count - 1)
            } else {
                // A row line must have `|` at every column boundary; otherwise cells span.
                guard boundaries.allSatisfy({ row.has(UInt8(ascii: "|"), at: $0) }) else { return nil }
                for column in 0..<(boundaries.count - 1) {
                    let from = boundaries[column] + 1, to = boundaries[column + 1]
                    pending[column].append(RSTLine(number: line.number, column: line.column + from,
                                                   text: row.cell(from, to)))
                }
            }
        }
        guard end > start + 1, rows.last?.has(UInt8(ascii: "+"), at: 0) == true else { return nil }
        index = end
        return RSTTable(header: header, rows: body, at: lines[start])
    }

    // MARK: Simple tables

    private static func simple(_ lines: [RSTLine], at index: inout Int) -> RSTTable? {
        let start = index
        let border = TableLine(lines[start].text)
        var columns: [Int] = []
        for position in 0..<border.count
        where border.has(UInt8(ascii: "="), at: position) && (position == 0 || border.has(0x20, at: position - 1)) {
            columns.append(position)
        }
        guard columns.count >= 2 else { return nil }
        var borders: [Int] = [start]
        var cursor = start + 1
        while cursor < lines.count {
            let line = lines[cursor]
            if isSimpleBorder(line.text), line.indent == 0 {
                borders.append(cursor)
                if cursor + 1 >= lines.count || lines[cursor + 1].isBlank || borders.count == 3 { break }
            } else if line.trimmed.first == "-", line.trimmed.allSatisfy({ $0 == "-" || $0 == " " }) {
                return nil  // column spans in the header
            }
            cursor += 1
        }
        guard borders.count >= 2, let last = borders.last else { return nil }
        func rows(_ from: Int, _ to: Int) -> [[RSTTableCell]] {
            var result: [[[RSTLine]]] = []
            for number in from..<to {
                let line = lines[number]
                if line.isBlank { continue }
                let row = TableLine(line.text)
                var cells: [RSTLine] = []
                for (column, begin) in columns.enumerated() {
                    let finish = column + 1 < columns.count ? min(columns[column + 1], row.count) : row.count
                    cells.append(RSTLine(number: line.number, column: line.column + begin,
                                         text: begin < row.count ? row.cell(begin, max(begin, finish)) : ""))
                }
                // A row whose first column is empty continues the row above.
                if cells[0].isBlank, var previous = result.popLast() {
                    for column in cells.indices where !cells[column].isBlank { previous[column].append(cells[column]) }
                    result.append(previous)
                } else {
                    result.append(cells.map { $0.isBlank ? [] : [$0] })
                }
            }
            return result.map { $0.map { RSTTableCell(lines: $0.dedented()) } }
        }
        index = last + 1
        if borders.count == 3 {
            return RSTTable(header: rows(borders[0] + 1, borders[1]), rows: rows(borders[1] + 1, borders[2]),
                            at: lines[start])
        }
        return RSTTable(header: [], rows: rows(start + 1, last), at: lines[start])
    }
}

/// A table line cut at character columns: by byte when it is ASCII (nearly always; no
/// grapheme breaking), else by character. Breaking nova's one large grid table's lines into
/// characters, and trimming its padded cells one character at a time, took ~7 M instructions.
private enum TableLine {
    case ascii([UInt8])
    case characters([Character])

    init(_ text: Substring) {
        self = text.utf8.allSatisfy({ $0 < 0x80 }) ? .ascii(Array(text.utf8)) : .characters(Array(text))
    }

    var count: Int {
        switch self {
        case .ascii(let bytes): bytes.count
        case .characters(let characters): characters.count
        }
    }

    /// Whether the character at `column` is the ASCII `byte` (false past the end).
    func has(_ byte: UInt8, at column: Int) -> Bool {
        switch self {
        case .ascii(let bytes): return column < bytes.count && bytes[column] == byte
        case .characters(let characters):
            return column < characters.count && characters[column] == Character(Unicode.Scalar(byte))
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        switch self {
        case .ascii(let bytes): bytes.contains(byte)
        case .characters(let characters): characters.contains(Character(Unicode.Scalar(byte)))
        }
    }

    /// The text of columns `begin..<end`, without trailing spaces.
    func cell(_ begin: Int, _ end: Int) -> Substring {
        switch self {
        case .ascii(let bytes):
            var end = end
            while end > begin, bytes[end - 1] == 0x20 { end -= 1 }
            return Substring(String(decoding: bytes[begin..<end], as: UTF8.self))
        case .characters(let characters):
            var end = end
            while end > begin, characters[end - 1] == " " { end -= 1 }
            return Substring(String(characters[begin..<end]))
        }
    }
}
