/// HTML text helpers for the fragments the renderer builds itself (highlighted JSON, paths,
/// attributes). Everything else reaches the page through Mustache's `{{x}}`, which escapes.
public enum HTML {
    /// Escapes `& < > " '` so the text is safe in element content and quoted attributes.
    public static func escape(_ text: some StringProtocol) -> String {
        var result = ""
        escape(text, into: &result)
        return result
    }

    static func escape(_ text: some StringProtocol, into result: inout String) {
        // Fast path: most text has nothing to escape.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 })
        else {
            result += text
            return
        }
        result.reserveCapacity(result.utf8.count + text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
    }

    /// A URL path template with its `{name}` placeholders wrapped for highlighting.
    static func pathTemplate(_ path: String) -> String {
        var result = ""
        var placeholder: String?
        for character in path {
            switch character {
            case "{" where placeholder == nil:
                placeholder = ""
            case "}" where placeholder != nil:
                result += "<span class=\"path-param\">{"
                escape(placeholder ?? "", into: &result)
                result += "}</span>"
                placeholder = nil
            default:
                if placeholder != nil {
                    placeholder?.append(character)
                } else {
                    escape(String(character), into: &result)
                }
            }
        }
        if let open = placeholder { escape("{" + open, into: &result) }
        return result
    }
}
