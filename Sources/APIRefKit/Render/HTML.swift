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
        let escaped: String?? = text.utf8.withContiguousStorageIfAvailable { bytes in
            // Fast path: most text has nothing to escape.
            guard let first = bytes.firstIndex(where: needsEscape) else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            out.append(contentsOf: bytes[..<first])
            for byte in bytes[first...] {
                switch byte {
                case 0x26: out.append(contentsOf: "&amp;".utf8)
                case 0x3C: out.append(contentsOf: "&lt;".utf8)
                case 0x3E: out.append(contentsOf: "&gt;".utf8)
                case 0x22: out.append(contentsOf: "&quot;".utf8)
                case 0x27: out.append(contentsOf: "&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        switch escaped {
        case .some(.some(let text)): result += text
        case .some(.none): result += text
        case .none:
            // Text not stored contiguously (bridged): scalar by scalar.
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
    }

    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
    }

    /// A URL path template with its `{name}` placeholders wrapped for highlighting.
    static func pathTemplate(_ path: String) -> String {
        // By UTF-8 offsets: a path is ASCII but for the odd placeholder name, and walking it by
        // Character made a String of each one (nova: 9.7 M instructions a build).
        var result = ""
        result.reserveCapacity(path.utf8.count + 64)
        var rest = Substring(path)
        while let open = rest.utf8.firstIndex(of: UInt8(ascii: "{")),
              let close = rest.utf8[open...].firstIndex(of: UInt8(ascii: "}")) {
            escape(rest[..<open], into: &result)
            result += "<span class=\"path-param\">{"
            escape(rest[rest.utf8.index(after: open)..<close], into: &result)
            result += "}</span>"
            rest = rest[rest.utf8.index(after: close)...]
        }
        // What is left, with a `{` never closed, as text.
        escape(rest, into: &result)
        return result
    }
}
