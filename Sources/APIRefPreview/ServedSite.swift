import APIRefKit

/// One file as the preview server sends it.
struct ServedFile: Sendable {
    let bytes: [UInt8]
    let contentType: String
    /// Strong validator: a hash of the bytes, quoted as HTTP wants.
    let etag: String

    init(bytes: [UInt8], path: String) {
        self.bytes = bytes
        self.contentType = ContentTypes.forPath(path)
        self.etag = "\"" + ContentHash.hex(bytes) + "\""
    }
}

/// The site as currently served, plus the findings of the last build, which are shown in an
/// overlay on every page until fixed. Replaced as a whole on every rebuild.
struct ServedSite: Sendable {
    var files: [String: ServedFile] = [:]
    /// Findings of the most recent build (empty when it was clean).
    var problems: [PreviewProblem] = []
    /// Counts builds; pages embed it so a reload after a missed event still shows the newest.
    var generation = 0
    /// HTML files with the reload client and overlay injected, by path.
    var pages: [String: [UInt8]] = [:]

    func file(at sitePath: String) -> ServedFile? { files[sitePath] }
}

/// A diagnostic as the overlay shows it: already formatted, never HTML.
public struct PreviewProblem: Sendable, Equatable {
    public let severity: String
    public let code: String
    public let location: String
    public let message: String

    public init(severity: String, code: String, location: String, message: String) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
    }
}

enum ContentTypes {
    static func forPath(_ path: String) -> String {
        let ext = path.split(separator: ".").last.map { $0.lowercased() } ?? ""
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "txt": return "text/plain; charset=utf-8"
        case "yaml", "yml": return "application/yaml"
        default: return "application/octet-stream"
        }
    }
}

enum ContentHash {
    /// 64-bit FNV-1a over 8-byte words (then the last bytes one by one): fast (the pages an
    /// edit changes are hashed before the reload), and plenty to tell two versions of one
    /// file apart.
    static func hex(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        let prime: UInt64 = 0x0000_0100_0000_01B3
        bytes.withUnsafeBytes { raw in
            let words = raw.count / 8
            for index in 0..<words {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) &* prime
                hash ^= hash >> 29
            }
            for index in (words * 8)..<raw.count {
                hash = (hash ^ UInt64(raw[index])) &* prime
            }
        }
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
