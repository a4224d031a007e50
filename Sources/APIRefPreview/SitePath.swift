/// Maps a request path to a file of the served site, refusing anything that could leave it.
/// The site lives in memory, so there is no file system to escape into; this still rejects
/// `..`, encoded separators and NUL bytes outright rather than normalising them, so hostile
/// paths never match a file by accident.
enum SitePath {
    static func resolve(_ requestPath: String) -> String? {
        let pathOnly = requestPath.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let decoded = percentDecode(String(pathOnly)) else { return nil }
        if decoded.contains("\0") || decoded.contains("\\") { return nil }
        var segments: [Substring] = []
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: true) {
            if segment == "." || segment == ".." { return nil }
            segments.append(segment)
        }
        var path = segments.joined(separator: "/")
        if path.isEmpty || decoded.hasSuffix("/") {
            path = path.isEmpty ? "index.html" : path + "/index.html"
        }
        return path
    }

    /// Percent-decodes once; an encoded `/` is refused (it would hide a separator), as is bad
    /// encoding or invalid UTF-8.
    static func percentDecode(_ text: String) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            let decoded = high << 4 | low
            if decoded == UInt8(ascii: "/") || decoded == UInt8(ascii: "%") { return nil }
            bytes.append(decoded)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
