/// Turns libyaml's line:column marks into the lines and columns of the text as a file.
///
/// libyaml follows YAML 1.1, which also breaks lines at NEL, LS and PS (U+0085, U+2028,
/// U+2029); the file's lines (`SourceFile`, editors, cmark) break only at LF, CR LF and CR.
/// libyaml also puts the end of a text whose last line has no line break on a line after it,
/// which the file does not have. Without this map, a text holding such characters gets
/// diagnostics on the wrong line, or past the end of the file.
struct YAMLLineMap {
    /// The file line and column of each libyaml line's start, in order.
    private var starts: [(line: Int, column: Int)] = [(1, 1)]
    /// The file line and column just after the text's last character.
    private var end = (line: 1, column: 1)

    /// Lines when every libyaml line is the file's (no CR, NEL, LS or PS: nearly every text);
    /// `starts` is then not made (nova's parameters.yaml: 7,700 lines).
    private var identityLines: Int?

    init(_ text: String) {
        var text = text
        if let lines = text.withUTF8(Self.plainLineCount) {
            identityLines = lines.count
            end = (lines.count, lines.lastColumn)
        } else {
            (starts, end) = Self.starts(of: text)
        }
    }

    /// The lines and the column after the last character, when only LF breaks lines.
    private static func plainLineCount(_ bytes: UnsafeBufferPointer<UInt8>) -> (count: Int, lastColumn: Int)? {
        var lines = 1, lastStart = 0
        for index in bytes.indices {
            switch bytes[index] {
            case 0x0A:
                lines += 1
                lastStart = index + 1
            case 0x0D:
                return nil
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85:
                return nil
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                return nil
            default:
                continue
            }
        }
        var column = 1
        for index in lastStart..<bytes.count where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return (lines, column)
    }

    private static func starts(of text: String) -> (starts: [(line: Int, column: Int)], end: (line: Int, column: Int)) {
        // By bytes: columns count scalars, so continuation bytes (10xxxxxx) are skipped; NEL is
        // C2 85, LS and PS are E2 80 A8 and E2 80 A9 (each counted once, at its first byte).
        var line = 1, column = 1
        var starts: [(line: Int, column: Int)] = [(1, 1)]
        var text = text
        text.withUTF8 { bytes in
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if byte == 0x0A {
                    line += 1
                    column = 1
                    starts.append((line, column))
                } else if byte == 0x0D {
                    if index + 1 < count, bytes[index + 1] == 0x0A { index += 1 }   // CR LF is one break
                    line += 1
                    column = 1
                    starts.append((line, column))
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                    if (byte == 0xC2 && index + 1 < count && bytes[index + 1] == 0x85)
                        || (byte == 0xE2 && index + 2 < count && bytes[index + 1] == 0x80
                            && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9)) {
                        starts.append((line, column))
                    }
                }
                index += 1
            }
        }
        return (starts, (line, column))
    }

    /// The file position of a libyaml mark (1-based line and column, columns in scalars).
    func position(of mark: YAMLMark) -> (line: Int, column: Int) {
        if let identityLines {
            guard mark.line >= 1, mark.line <= identityLines else { return end }
            return (mark.line, max(mark.column, 1))
        }
        guard mark.line >= 1, mark.line <= starts.count else { return end }
        let start = starts[mark.line - 1]
        return (start.line, start.column + max(mark.column, 1) - 1)
    }
}
