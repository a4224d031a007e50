/// Syntax-highlighted HTML for a JSON value, made at build time so the site needs no
/// highlighting library. The value is re-printed from the parsed tree (two-space indent, short
/// scalar arrays on one line), so every sample reads the same whatever its source layout.
///
/// Classes: `k` key, `s` string, `n` number, `b` true/false, `z` null.
enum JSONHighlighter {
    /// Arrays of scalars shorter than this stay on one line.
    static let inlineArrayWidth = 60

    static func html(_ value: JSONValue) -> String {
        var printer = Printer()
        printer.value(value, indent: 0)
        return String(decoding: printer.output, as: UTF8.self)
    }

    /// Highlighted HTML for JSON text, or nil when it does not parse.
    static func html(source: String) -> String? {
        guard let value = try? JSONReader.parse(source) else { return nil }
        return html(value)
    }

    /// Writes UTF-8 bytes: every sample of a site goes through here, and appending to a
    /// `String` scalar by scalar was a tenth of `build` on nova.
    private struct Printer {
        var output: [UInt8] = []

        mutating func value(_ value: JSONValue, indent: Int) {
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
        private mutating func append(_ text: StaticString) {
            text.withUTF8Buffer { output.append(contentsOf: $0) }
        }

        private mutating func newline(_ indent: Int) {
            output.append(0x0A)
            output.append(contentsOf: repeatElement(0x20, count: 2 * indent))
        }

        private mutating func escaped(_ text: String) {
            for byte in text.utf8 {
                switch byte {
                case 0x26: append("&amp;")
                case 0x3C: append("&lt;")
                case 0x3E: append("&gt;")
                case 0x22: append("&quot;")
                case 0x27: append("&#39;")
                default: output.append(byte)
                }
            }
        }

        /// A JSON string literal for `text`, HTML-escaped. Bytes of non-ASCII characters pass
        /// through unchanged; everything escaped is ASCII.
        private mutating func quoted(_ text: String) {
            append("&quot;")
            for byte in text.utf8 {
                switch byte {
                case 0x22: append("\\&quot;")
                case 0x5C: append("\\\\")
                case 0x0A: append("\\n")
                case 0x0D: append("\\r")
                case 0x09: append("\\t")
                case 0x26: append("&amp;")
                case 0x3C: append("&lt;")
                case 0x3E: append("&gt;")
                case 0x27: append("&#39;")
                case ..<0x20:
                    let hex = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                default:
                    output.append(byte)
                }
            }
            append("&quot;")
        }
    }
}
