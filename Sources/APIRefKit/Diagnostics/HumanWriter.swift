/// rustc-style output: header, location arrow, source excerpt with carets, notes and help.
public struct HumanWriter: DiagnosticWriter {
    public let sources: SourceStore
    /// Prefix that turns root-relative paths into paths relative to the working directory.
    public let pathPrefix: String
    public let color: Bool

    public init(sources: SourceStore, pathPrefix: String, color: Bool) {
        self.sources = sources
        self.pathPrefix = pathPrefix
        self.color = color
    }

    public func write(_ engine: DiagnosticEngine) -> String {
        // Each finding is laid out on its own (nova has ~700, with excerpts): across the cores,
        // as bytes (string interpolation and appends made ~23,000 instructions a finding).
        let diagnostics = engine.diagnostics
        let rendered = Parallel.map(diagnostics.count) { index -> [UInt8] in
            let out = ByteWriter(capacity: 1024)
            render(diagnostics[index], into: out)
            return out.bytes
        }
        let out = ByteWriter(capacity: rendered.reduce(0) { $0 + $1.count + 1 })
        for (index, bytes) in rendered.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "\n")) }
            bytes.withUnsafeBufferPointer { out.append($0) }
        }
        return out.text(from: 0)
    }

    /// `body` in the colour `code` (an SGR parameter list) when colour is on.
    private func paint(_ code: StaticString, into out: ByteWriter, _ body: () -> Void) {
        if color {
            out.append(literal: "\u{1B}[")
            out.append(literal: code)
            out.append(UInt8(ascii: "m"))
        }
        body()
        if color { out.append(literal: "\u{1B}[0m") }
    }

    private func severityColor(_ severity: Severity) -> StaticString {
        switch severity {
        case .error: "1;31"
        case .warning: "1;33"
        case .note: "1;36"
        }
    }

    /// `path:line:column`, the path relative to the working directory.
    private func place(_ range: SourceRange, into out: ByteWriter) {
        out.append(PathUtilities.join(pathPrefix, range.file))
        out.append(UInt8(ascii: ":"))
        out.append(decimal: range.start.line)
        out.append(UInt8(ascii: ":"))
        out.append(decimal: range.start.column)
    }

    /// The finding's lines, each ending in a line break (`serve` keeps them per finding).
    func render(_ diagnostic: Diagnostic) -> String {
        let out = ByteWriter(capacity: 1024)
        render(diagnostic, into: out)
        return out.text(from: 0)
    }

    func render(_ diagnostic: Diagnostic, into out: ByteWriter) {
        let range = diagnostic.range
        let gutterWidth = String(range.start.line).utf8.count
        let severityColor = severityColor(diagnostic.severity)
        paint(severityColor, into: out) {
            out.append(diagnostic.severity.rawValue)
            out.append(UInt8(ascii: "["))
            out.append(diagnostic.code)
            out.append(UInt8(ascii: "]"))
        }
        paint("1", into: out) {
            out.append(literal: ": ")
            out.append(diagnostic.message)
        }
        out.append(UInt8(ascii: "\n"))
        out.append(0x20, count: gutterWidth)
        paint("1;34", into: out) { out.append(literal: "-->") }
        out.append(UInt8(ascii: " "))
        place(range, into: out)
        out.append(UInt8(ascii: "\n"))
        if let excerpt = excerpt(range) {
            // ` | ` after the gutter (blank, or the line number).
            func bar(_ gutter: () -> Void) {
                gutter()
                out.append(UInt8(ascii: " "))
                paint("1;34", into: out) { out.append(UInt8(ascii: "|")) }
            }
            let blankGutter = { out.append(0x20, count: gutterWidth) }
            bar(blankGutter)
            out.append(UInt8(ascii: "\n"))
            bar { paint("1;34", into: out) { out.append(decimal: range.start.line) } }
            out.append(UInt8(ascii: " "))
            out.append(excerpt.shown)
            out.append(UInt8(ascii: "\n"))
            bar(blankGutter)
            out.append(UInt8(ascii: " "))
            paint(severityColor, into: out) {
                out.append(0x20, count: excerpt.column - 1)
                out.append(UInt8(ascii: "^"), count: excerpt.length)
                if let label = diagnostic.label {
                    out.append(UInt8(ascii: " "))
                    out.append(label)
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        for note in diagnostic.notes {
            trailer("note", note.message, into: out, gutterWidth: gutterWidth)
            if let range = note.range {
                out.append(literal: " (")
                place(range, into: out)
                out.append(UInt8(ascii: ")"))
            }
            out.append(UInt8(ascii: "\n"))
        }
        if let help = diagnostic.help {
            trailer("help", help, into: out, gutterWidth: gutterWidth)
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// `  = note: message` (without its line break).
    private func trailer(_ kind: StaticString, _ message: String, into out: ByteWriter, gutterWidth: Int) {
        out.append(0x20, count: gutterWidth)
        out.append(UInt8(ascii: " "))
        paint("1;34", into: out) { out.append(UInt8(ascii: "=")) }
        out.append(UInt8(ascii: " "))
        paint("1", into: out) { out.append(literal: kind) }
        out.append(literal: ": ")
        out.append(message)
    }

    /// The source line shown under a finding, and where its carets go (1-based column, count).
    private func excerpt(_ range: SourceRange) -> (shown: String, column: Int, length: Int)? {
        guard let file = sources[range.file], let text = file.line(range.start.line) else { return nil }
        // Tabs become one space so that carets stay under their columns; a very long line
        // (minified JSON) is cut to a window around the column.
        let window = 100
        var startColumn = range.start.column
        let shown: String, width: Int
        if text.utf8.count <= window * 2, !text.utf8.contains(0x09) {
            // Most lines: shown as they are (no more scalars than bytes, so none is cut).
            shown = String(text)
            width = text.unicodeScalars.count
        } else {
            var scalars = Array(text.unicodeScalars.map { $0 == "\t" ? " " : $0 })
            if scalars.count > window * 2, startColumn > window / 2 {
                let cut = min(startColumn - window / 2, scalars.count - window)
                scalars = ["…"] + Array(scalars[cut...])
                startColumn -= cut - 1
            }
            if scalars.count > window * 2 { scalars = Array(scalars[..<(window * 2)]) + ["…"] }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            shown = text
            width = scalars.count
        }
        let shift = startColumn - range.start.column
        let column = min(max(startColumn, 1), width + 1)
        let endColumn = range.end.line == range.start.line ? range.end.column + shift : width + 1
        let length = max(1, min(endColumn, width + 1) - column)
        return (shown, column, length)
    }
}
