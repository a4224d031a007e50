/// Syntax-highlighted HTML for a JSON value, made at build time so the site needs no
/// highlighting library. The value is re-printed from the parsed tree (two-space indent, short
/// scalar arrays on one line), so every sample reads the same whatever its source layout.
///
/// Classes: `k` key, `s` string, `n` number, `b` true/false, `z` null.
enum JSONHighlighter {
    /// Arrays of scalars shorter than this stay on one line.
    static let inlineArrayWidth = 60

    static func html(_ value: JSONValue) -> String {
        let printer = Printer()
        printer.value(value, indent: 0)
        return printer.output.text(from: 0)
    }

    /// Highlighted HTML for JSON text, or nil when it does not parse.
    static func html(source: String) -> String? {
        guard let value = try? JSONReader.parse(source) else { return nil }
        return html(value)
    }

    /// Writes UTF-8 bytes: every sample of a site goes through here, and appending to a
    /// `String` scalar by scalar was a tenth of `build` on nova.
    private struct Printer {
        let output = ByteWriter()

        func value(_ value: JSONValue, indent: Int) {
            switch value.kind {
            case .object(let members):
                guard !members.isEmpty else { return append("{}") }
                append("{")
                for (index, member) in members.enumerated() {
                    newline(indent + 1)
                    append("<span class=\"k\">")
                    quoted(member.key)
                    append("</span>: ")
                    self.value(member.value, indent: indent + 1)
                    if index < members.count - 1 { append(",") }
                }
                newline(indent)
                append("}")
            case .array(let elements):
                guard !elements.isEmpty else { return append("[]") }
                if inlineFits(elements) {
                    append("[")
                    for (index, element) in elements.enumerated() {
                        if index > 0 { append(", ") }
                        self.value(element, indent: 0)
                    }
                    append("]")
                    return
                }
                append("[")
                for (index, element) in elements.enumerated() {
                    newline(indent + 1)
                    self.value(element, indent: indent + 1)
                    if index < elements.count - 1 { append(",") }
                }
                newline(indent)
                append("]")
            case .string(let text):
                append("<span class=\"s\">")
                quoted(text)
                append("</span>")
            case .number(let number):
                append("<span class=\"n\">")
                escaped(number.literal)
                append("</span>")
            case .bool(let flag):
                append(flag ? "<span class=\"b\">true</span>" : "<span class=\"b\">false</span>")
            case .null:
                append("<span class=\"z\">null</span>")
            }
        }

        /// Whether `["a", "b"]` stays on one line: every element is a scalar and it is short.
        private func inlineFits(_ elements: [JSONValue]) -> Bool {
            var width = 2
            for element in elements {
                switch element.kind {
                case .object, .array: return false
                case .string(let text): width += text.count + 4
                case .number(let number): width += number.literal.count + 2
                case .bool, .null: width += 6
                }
                if width > JSONHighlighter.inlineArrayWidth { return false }
            }
            return true
        }

        /// Punctuation stays unwrapped: it takes the text colour, and a span per comma would
        /// double the size of a sample.
        private func append(_ text: StaticString) {
            output.append(literal: text)
        }

        private func newline(_ indent: Int) {
            output.append(0x0A)
            output.append(0x20, count: 2 * indent)
        }

        private func escaped(_ text: String) {
            output.appendEscapingHTML(text)
        }

        /// A JSON string literal for `text`, HTML-escaped. Bytes of non-ASCII characters pass
        /// through unchanged; everything escaped is ASCII. The runs between escapes are copied
        /// whole.
        private func quoted(_ text: String) {
            append("&quot;")
            var text = text
            text.withUTF8 { bytes in
                var runStart = 0
                for index in bytes.indices {
                    let byte = bytes[index]
                    guard byte < 0x20 || byte == 0x22 || byte == 0x5C || HTML.replacement(for: byte) != nil else { continue }
                    output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                    runStart = index + 1
                    switch byte {
                    case 0x22: append("\\&quot;")
                    case 0x5C: append("\\\\")
                    case 0x0A: append("\\n")
                    case 0x0D: append("\\r")
                    case 0x09: append("\\t")
                    case ..<0x20:
                        let hex: StaticString = "0123456789abcdef"
                        append("\\u00")
                        output.append(hex.utf8Start[Int(byte >> 4)])
                        output.append(hex.utf8Start[Int(byte & 0x0F)])
                    default:
                        if let replacement = HTML.replacement(for: byte) { output.append(literal: replacement) }
                    }
                }
                output.append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
            }
            append("&quot;")
        }
    }
}
