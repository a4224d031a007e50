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

    init(_ text: String) {
        var line = 1, column = 1
        var previous: Unicode.Scalar = "\0"
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where previous == "\r":
                break   // CR LF is one break
            case "\n", "\r":
                line += 1
                column = 1
                starts.append((line, column))
            case "\u{85}", "\u{2028}", "\u{2029}":
                column += 1
                starts.append((line, column))
            default:
                column += 1
            }
            previous = scalar
        }
        end = (line, column)
    }

    /// The file position of a libyaml mark (1-based line and column, columns in scalars).
    func position(of mark: YAMLMark) -> (line: Int, column: Int) {
        guard mark.line >= 1, mark.line <= starts.count else { return end }
        let start = starts[mark.line - 1]
        return (start.line, start.column + max(mark.column, 1) - 1)
    }
}
