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
        // Each finding is laid out on its own (nova has ~700, with excerpts): across the cores.
        let diagnostics = engine.diagnostics
        return Parallel.map(diagnostics.count) { render(diagnostics[$0]) }.joined(separator: "\n")
    }

    private func paint(_ text: String, _ code: String) -> String {
        color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    private func severityColor(_ severity: Severity) -> String {
        switch severity {
        case .error: "1;31"
        case .warning: "1;33"
        case .note: "1;36"
        }
    }

    func render(_ diagnostic: Diagnostic) -> String {
        let range = diagnostic.range
        let gutterWidth = String(range.start.line).count
        let gutter = String(repeating: " ", count: gutterWidth)
        let bar = paint("|", "1;34")
        var lines: [String] = []
        lines.append(paint("\(diagnostic.severity.rawValue)[\(diagnostic.code)]", severityColor(diagnostic.severity))
                     + paint(": \(diagnostic.message)", "1"))
        lines.append("\(gutter)\(paint("-->", "1;34")) \(PathUtilities.join(pathPrefix, range.file)):\(range.start)")
        if let excerpt = excerpt(range, label: diagnostic.label, severity: diagnostic.severity, gutter: gutter, bar: bar) {
            lines += excerpt
        }
        for note in diagnostic.notes {
            let place = note.range.map { " (\(PathUtilities.join(pathPrefix, $0.file)):\($0.start))" } ?? ""
            lines.append("\(gutter) \(paint("=", "1;34")) \(paint("note", "1")): \(note.message)\(place)")
        }
        if let help = diagnostic.help {
            lines.append("\(gutter) \(paint("=", "1;34")) \(paint("help", "1")): \(help)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func excerpt(_ range: SourceRange, label: String?, severity: Severity, gutter: String, bar: String) -> [String]? {
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
        let carets = String(repeating: " ", count: column - 1) + String(repeating: "^", count: length)
        return [
            "\(gutter) \(bar)",
            "\(paint(String(range.start.line), "1;34")) \(bar) \(shown)",
            "\(gutter) \(bar) \(paint(carets + (label.map { " " + $0 } ?? ""), severityColor(severity)))",
        ]
    }
}
