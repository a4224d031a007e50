/// A JSON value to write, keeping member order (Foundation's encoder does not).
public indirect enum JSONOutput: Sendable {
    case object([(String, JSONOutput)])
    case array([JSONOutput])
    case string(String)
    case int(Int)
    case bool(Bool)
    case null

    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(into: &out, pretty: pretty, indent: 0)
        return out
    }

    private func write(into out: inout String, pretty: Bool, indent: Int) {
        // Appended piece by piece: no temporary strings per member (the search index has
        // ~10,000 values).
        func newline(_ level: Int) {
            guard pretty else { return }
            out.append("\n")
            for _ in 0..<level { out.append("  ") }
        }
        switch self {
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append("{")
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out.append(",") }
                newline(indent + 1)
                Self.quote(key, into: &out)
                out.append(pretty ? ": " : ":")
                value.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(indent)
            out.append("}")
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            out.append("[")
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(",") }
                newline(indent + 1)
                item.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(indent)
            out.append("]")
        case .string(let text): Self.quote(text, into: &out)
        case .int(let number): out.append(String(number))
        case .bool(let flag): out.append(flag ? "true" : "false")
        case .null: out.append("null")
        }
    }

    /// Whether `text` is quoted as it is: most text needs no escape (checked by bytes, in
    /// place when contiguous), and is then copied whole.
    private static func needsNoEscape(_ text: String) -> Bool {
        func plain(_ byte: UInt8) -> Bool { byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x3C && byte != 0xE2 }
        return text.utf8.withContiguousStorageIfAvailable({ $0.allSatisfy(plain) }) ?? text.utf8.allSatisfy(plain)
    }

    /// `quote(_:into:)` for output built as bytes.
    static func quote(_ text: String, into out: ByteWriter) {
        if needsNoEscape(text) {
            out.append(UInt8(ascii: "\""))
            out.append(text)
            out.append(UInt8(ascii: "\""))
        } else {
            var quoted = ""
            quote(text, into: &quoted)
            out.append(quoted)
        }
    }

    static func quote(_ text: String, into out: inout String) {
        if needsNoEscape(text) {
            out.append("\"")
            out.append(text)
            out.append("\"")
            return
        }
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"  // safe to embed in HTML <script> blocks
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}
