import Foundation

/// Path arithmetic for os-api-ref trees, whose includes climb out of the source folder
/// (`../../doc/api_samples/...`). Paths here are `/`-separated and may keep leading `..`.
enum OSAPIRefPaths {
    /// `a/./b/../c` -> (0, "a/c"); `../../x` -> (2, "x"): the number of levels the path climbs
    /// above its start, and the rest.
    static func normalize(_ path: String) -> (ups: Int, rest: String) {
        if PathUtilities.isNormalRelative(path) { return (0, path) }
        var ups = 0
        var parts: [Substring] = []
        for segment in path.split(ascii: "/") {
            switch segment {
            case ".": continue
            case "..":
                if parts.isEmpty { ups += 1 } else { parts.removeLast() }
            default: parts.append(segment)
            }
        }
        return (ups, parts.joined(separator: "/"))
    }

    /// `normalize(path).ups` without building the rest: how many folders above its start
    /// `path` reaches.
    static func ups(_ path: String) -> Int {
        if PathUtilities.isNormalRelative(path) { return 0 }
        var ups = 0, depth = 0
        for segment in path.split(ascii: "/") {
            switch segment {
            case ".": continue
            case "..": if depth == 0 { ups += 1 } else { depth -= 1 }
            default: depth += 1
            }
        }
        return ups
    }

    /// The folder part of a relative path (`a/b.inc` -> `a`, `b.inc` -> "").
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[..<slash])
    }

    /// The path `levels` folders above `path`, written as the user wrote `path` (so that it
    /// stays relative to the working directory when it was).
    static func ancestor(of path: String, levels: Int) -> String {
        guard levels > 0 else { return path }
        let absolute = path.hasPrefix("/")
        var parts = path.split(separator: "/").map(String.init).filter { $0 != "." }
        for _ in 0..<levels {
            if let last = parts.last, last != ".." { parts.removeLast() } else if !absolute { parts.append("..") }
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The last `count` components of an absolute path (`/a/b/c`, 2 -> `b/c`).
    static func lastComponents(of path: String, count: Int) -> String {
        path.split(separator: "/").suffix(count).joined(separator: "/")
    }

    /// `to` relative to the folder `from` (both root-relative): `a/b.md`, from `a/c` -> `../b.md`.
    static func relative(_ to: String, from folder: String) -> String {
        let target = to.split(separator: "/")
        let base = folder.split(separator: "/")
        var common = 0
        while common < base.count, common < target.count - 1, base[common] == target[common] { common += 1 }
        let ups = Array(repeating: "..", count: base.count - common)
        return (ups + target[common...].map(String.init)).joined(separator: "/")
    }
}

/// The plain text of a line of RST inline markup, for titles and anchors.
enum RSTPlainText {
    static func of(_ text: Substring) -> String {
        if !text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "*") }) {
            return String(text.trimmingSpaces())
        }
        var result = ""
        var previous: Character = " "
        var escaped = false
        for character in text {
            if escaped { result.append(character); escaped = false; previous = character; continue }
            switch character {
            case "\\": escaped = true
            case "`", "*": break
            case "_" where previous == "`": break
            default: result.append(character)
            }
            previous = character
        }
        return String(result.trimmingWhitespace())
    }
}
