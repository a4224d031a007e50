/// Writing YAML scalars by hand: plain when that reads back as the same string, else
/// double-quoted.
enum YAMLText {
    static func scalar(_ text: String) -> String {
        isPlainSafe(text) ? text : quoted(text)
    }

    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 {
                    result += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]

    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.first, !text.isEmpty, text.trimmingSpaces() == Substring(text) else { return false }
        if "-?:,[]{}#&*!|>'\"%@`".contains(first) { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        if text.contains("{") || text.contains("}") || text.contains("[") || text.contains("]") { return false }
        if reserved.contains(text.lowercased()) { return false }
        // Numbers (and microversions such as 2.10) must stay strings.
        if text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E" }) { return false }
        return !text.contains { $0 == "\n" || $0 == "\t" }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }

    func trimmingSpaces() -> Substring { Substring(self).trimmingSpaces() }
}
