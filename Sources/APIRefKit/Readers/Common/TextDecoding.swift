/// Turns file bytes into text, reporting (not crashing on) what is not UTF-8.
enum TextDecoding {
    static func decode(_ bytes: [UInt8], file: String, into collector: DiagnosticCollector) -> String? {
        if let text = String(validating: bytes, as: UTF8.self) {
            return text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        }
        // Locate the first bad byte for the message: decode until the first error.
        var line = 1, column = 1
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        collector.report(ReadFailure.make("file is not valid UTF-8 text",
                                          at: SourceRange(file: file, line: line, column: column)))
        return nil
    }
}

extension TextDecoding {
    /// `decode`, with `serve`'s cache: a file whose bytes are those it had at the last build
    /// keeps its text and the key made of it (not decoded and hashed again). `absolute` names
    /// the file in the cache. Without a cache the key is nil.
    static func decodeKept(_ bytes: [UInt8], file: String, absolute: String,
                           into collector: DiagnosticCollector) -> (text: String, key: TextKey?)? {
        guard let cache = ReadCache.current else { return decode(bytes, file: file, into: collector).map { ($0, nil) } }
        return cache.keptWhileSameBytes(LastDecoded(path: absolute), bytes) { () -> (text: String, key: TextKey?)? in
            decode(bytes, file: file, into: collector).map { ($0, TextKey($0)) }
        }
    }

    private struct LastDecoded: Hashable {
        let path: String
    }
}

/// Reads a file of the description through the file system, reporting failures as AR000.
struct SourceLoader {
    let fileSystem: any FileSystem
    let root: String
    /// Larger files are refused: no real description file comes near the default.
    var maxFileSize: Int { ReadLimits.current.maxFileSize }

    func absolute(_ relative: String) -> String { PathUtilities.join(root, relative) }

    func exists(_ relative: String) -> Bool { fileSystem.kind(at: absolute(relative)) == .file }

    /// The root-relative paths of what changed at or below `folders` (absolute) after the
    /// file system's `generation`; nil when it cannot tell, or when a change is one of those
    /// folders or above them.
    func changes(since generation: Int, inside folders: [String]) -> [String]? {
        guard let changed = fileSystem.changes(since: generation) else { return nil }
        let root = PathUtilities.canonical(self.root)
        let folders = folders.map { PathUtilities.canonical($0) }
        var paths: [String] = []
        for path in changed {
            if folders.contains(where: { PathUtilities.isInside($0, root: path) }) { return nil }
            guard folders.contains(where: { PathUtilities.isInside(path, root: $0) }) else { continue }
            guard PathUtilities.isInside(path, root: root), path.utf8.count > root.utf8.count else { return nil }
            let start = path.utf8.index(path.utf8.startIndex, offsetBy: root == "/" ? 1 : root.utf8.count + 1)
            paths.append(String(path[start...]))
        }
        return paths
    }

    /// The raw bytes of a file, or nil (reported) when it cannot be read or is too large.
    func loadBytes(_ relative: String, reportedAt range: SourceRange? = nil,
                   into collector: DiagnosticCollector) -> [UInt8]? {
        let at = range ?? .file(relative)
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(at: absolute(relative))
        } catch {
            collector.report(ReadFailure.make("'\(relative)' cannot be read: \(error.reason)", at: at))
            return nil
        }
        guard bytes.count <= maxFileSize else {
            collector.report(ReadFailure.make("'\(relative)' is larger than the limit of \(maxFileSize) bytes (see --limit file-size)", at: at))
            return nil
        }
        return bytes
    }

    func load(_ relative: String, reportedAt range: SourceRange? = nil,
              into collector: DiagnosticCollector) -> SourceFile? {
        guard let bytes = loadBytes(relative, reportedAt: range, into: collector) else { return nil }
        guard let cache = ReadCache.current else {
            return TextDecoding.decode(bytes, file: relative, into: collector).map { SourceFile(path: relative, text: $0) }
        }
        // `serve`: an unchanged file is the file of the last build (line index and hash kept).
        return cache.keptWhileSameBytes(LastLoaded(path: absolute(relative), relative: relative), bytes) {
            TextDecoding.decode(bytes, file: relative, into: collector).map { SourceFile(path: relative, text: $0) }
        }
    }

    private struct LastLoaded: Hashable {
        let path: String
        let relative: String
    }
}
