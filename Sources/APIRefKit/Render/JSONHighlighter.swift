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
        return printer.output
    }

    /// Highlighted HTML for JSON text, or nil when it does not parse.
    static func html(source: String) -> String? {
        guard let value = try? JSONReader.parse(source) else { return nil }
        return html(value)
    }

    private struct Printer {
        var output = ""

        mutating func value(_ value: JSONValue, indent: Int) {
            switch value.kind {
            case .object(let members):
                guard !members.isEmpty else { return punctuation("{}") }
                punctuation("{")
                for (index, member) in members.enumerated() {
                    newline(indent + 1)
                    output += "<span class=\"k\">"
                    quoted(member.key)
                    output += "</span>"
                    punctuation(":")
                    output += " "
                    self.value(member.value, indent: indent + 1)
                    if index < members.count - 1 { punctuation(",") }
                }
                newline(indent)
                punctuation("}")
            case .array(let elements):
                guard !elements.isEmpty else { return punctuation("[]") }
                if let inline = inlineArray(elements) {
                    output += inline
                    return
                }
                punctuation("[")
                for (index, element) in elements.enumerated() {
                    newline(indent + 1)
                    self.value(element, indent: indent + 1)
                    if index < elements.count - 1 { punctuation(",") }
                }
                newline(indent)
                punctuation("]")
            case .string(let text):
                output += "<span class=\"s\">"
                quoted(text)
                output += "</span>"
            case .number(let number):
                output += "<span class=\"n\">\(HTML.escape(number.literal))</span>"
            case .bool(let flag):
                output += "<span class=\"b\">\(flag)</span>"
            case .null:
                output += "<span class=\"z\">null</span>"
            }
        }

        /// `["a", "b"]` on one line when every element is a scalar and it is short.
        private func inlineArray(_ elements: [JSONValue]) -> String? {
            var width = 2
            for element in elements {
                switch element.kind {
                case .object, .array: return nil
                case .string(let text): width += text.count + 4
                case .number(let number): width += number.literal.count + 2
                case .bool, .null: width += 6
                }
                if width > JSONHighlighter.inlineArrayWidth { return nil }
            }
            var printer = Printer()
            printer.punctuation("[")
            for (index, element) in elements.enumerated() {
                if index > 0 {
                    printer.punctuation(",")
                    printer.output += " "
                }
                printer.value(element, indent: 0)
            }
            printer.punctuation("]")
            return printer.output
        }

        /// Punctuation stays unwrapped: it takes the text colour, and a span per comma would
        /// double the size of a sample.
        mutating func punctuation(_ text: String) {
            output += text
        }

        private mutating func newline(_ indent: Int) {
            output += "\n"
            output += String(repeating: "  ", count: indent)
        }

        /// A JSON string literal for `text`, HTML-escaped.
        private mutating func quoted(_ text: String) {
            output += "&quot;"
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": output += "\\&quot;"
                case "\\": output += "\\\\"
                case "\n": output += "\\n"
                case "\r": output += "\\r"
                case "\t": output += "\\t"
                case "&": output += "&amp;"
                case "<": output += "&lt;"
                case ">": output += "&gt;"
                case "'": output += "&#39;"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        output.unicodeScalars.append(scalar)
                    }
                }
            }
            output += "&quot;"
        }
    }
}
