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
            guard bytes.contains(where: { replacement(for: $0) != nil }) else { return nil }
            let writer = ByteWriter(capacity: bytes.count + 16)
            writer.appendEscapingHTML(bytes)
            return writer.text(from: 0)
        }
        switch escaped {
        case .some(.some(let text)): result += text
        case .some(.none): result += text
        case .none:
            // Text not stored contiguously (bridged): scalar by scalar.
            for scalar in text.unicodeScalars {
                if scalar.isASCII, let replacement = replacement(for: UInt8(scalar.value)) {
                    result += replacement.description
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
    }

    /// What `escape` writes for a byte of UTF-8 text: the entity of `& < > " '`, nil for any
    /// other byte (written as it is).
    @inline(__always)
    static func replacement(for byte: UInt8) -> StaticString? {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        case 0x27: "&#39;"
        default: nil
        }
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
