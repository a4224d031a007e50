
/// Reads `parameters.yaml` (os-api-ref compatible, plus `enum`, `nullable`, `items`, `format`).
enum ParametersReader {
    static let keys = ["in", "type", "required", "description", "min_version", "max_version",
                       "enum", "nullable", "items", "format"]

    static func read(_ source: SourceFile, collector: DiagnosticCollector,
                     strictKeys: Bool = true) -> [ParameterDefinition] {
        readTable(source, collector: collector, strictKeys: strictKeys).definitions
    }

    /// The definitions, and whether the file could be read as a table at all: when it could
    /// not (a syntax error, a limit, not a mapping), its definitions are unknown rather than
    /// absent, and nothing is checked against them (see `APIModel.definitionsAreComplete`).
    static func readTable(_ source: SourceFile, collector: DiagnosticCollector,
                          strictKeys: Bool = true) -> (definitions: [ParameterDefinition], isReadable: Bool) {
        let text = removingDuplicateDefinitions(source, collector: collector)
        // `serve`: definition by definition, so that an edit composes one of them again.
        if ReadCache.current != nil, let chunks = definitionChunks(of: text) {
            let local = DiagnosticCollector()
            if let definitions = readChunks(chunks, file: source.path, collector: local, strictKeys: strictKeys) {
                collector.report(local.diagnostics)
                return (definitions, true)
            }
        }
        let origin = YAMLOrigin(file: source.path, text: text)
        guard let node = YAMLLoader.compose(text, origin: origin, into: collector) else { return ([], false) }
        if case .scalar(let scalar) = node, scalar.string.isEmpty { return ([], true) }
        guard let map = YAMLMapping(node, origin: origin, context: "parameters.yaml", collector: collector) else {
            return ([], false)
        }
        return (map.entries.compactMap { entry in
            definition(entry, origin: origin, collector: collector, strictKeys: strictKeys)
        }, true)
    }

    static func definition(_ entry: YAMLMapping.Entry, origin: YAMLOrigin, collector: DiagnosticCollector,
                           strictKeys: Bool) -> ParameterDefinition? {
        let keyRange = origin.range(of: entry.keyNode)
        let context = "definition '\(entry.key)'"
        guard let map = YAMLMapping(entry.value, origin: origin, context: context, collector: collector) else {
            return nil
        }
        if strictKeys { map.reportUnknownKeys(allowed: keys) }
        map.requireKeys(["in", "type", "required", "description"], at: keyRange, allowed: keys)

        var location: ParameterLocation?
        if let raw = map.string("in") {
            location = ParameterLocation(rawValue: raw.value.lowercased())
            if location == nil { collector.report(InvalidLocation.make(value: raw.value, at: raw.range)) }
        }
        let type = valueType(map.string("type"), collector: collector)
        let items = valueType(map.string("items"), collector: collector)
        let low = map.version("min_version")
        let high = map.version("max_version")
        if let low, let high, low.value > high.value {
            collector.report(InvertedRange.make(min: low, max: high, subject: context))
        }
        let isComplete = location != nil && type != nil
            && (low != nil || map.entry("min_version") == nil) && (high != nil || map.entry("max_version") == nil)
        // A definition whose location or type is unusable cannot be checked against; it is
        // still reported above, and references to it are not reported again as undefined.
        return ParameterDefinition(
            key: entry.key,
            location: location ?? .body,
            type: type ?? .string,
            required: map.bool("required")?.value ?? false,
            description: map.markdown("description"),
            versions: VersionRange(min: low?.value, max: high?.value),
            enumValues: map.stringList("enum")?.map(\.value),
            nullable: map.bool("nullable")?.value ?? false,
            items: items,
            format: map.string("format")?.value,
            range: keyRange,
            minVersionRange: low?.range,
            maxVersionRange: high?.range,
            isComplete: isComplete
        )
    }

    private static func valueType(_ raw: Located<String>?, collector: DiagnosticCollector) -> ValueType? {
        guard let raw else { return nil }
        guard let type = ValueTypeNames.parse(raw.value) else {
            collector.report(UnknownType.make(value: raw.value, at: raw.range))
            return nil
        }
        return type
    }

    /// YAML loaders refuse (Yams) or silently merge (PyYAML) duplicate top-level keys. Find
    /// them in the text, report each, and blank the later copies (keeping line numbers) so
    /// the rest of the file is still read.
    static func removingDuplicateDefinitions(_ source: SourceFile, collector: DiagnosticCollector) -> String {
        var firstSeen: [String: Int] = [:]
        var blankFrom: [Int] = []
        for number in 1...max(source.lineCount, 1) {
            // Most lines are indented: their first byte rules them out.
            guard let first = source.firstByte(ofLine: number),
                  first != 0x20, first != 0x09, first != 0x23, first != 0x2D, first != 0x0A, first != 0x0D,
                  let line = source.line(number), let key = topLevelKey(line)
            else { continue }
            if let previous = firstSeen[key] {
                collector.report(DuplicateDefinition.make(
                    key: key, at: SourceRange(file: source.path, line: number, column: 1, length: key.count),
                    first: SourceRange(file: source.path, line: previous, column: 1, length: key.count)))
                blankFrom.append(number)
            } else {
                firstSeen[key] = number
            }
        }
        guard !blankFrom.isEmpty else { return source.text }
        var lines = (1...source.lineCount).map { String(source.line($0) ?? "") }
        for start in blankFrom {
            lines[start - 1] = ""
            var next = start + 1
            while next <= lines.count, lines[next - 1].first.map({ $0 == " " || $0 == "\t" || $0 == "#" }) ?? true {
                lines[next - 1] = ""
                next += 1
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The file cut into its top-level entries, each with the lines up to the next (comments
    /// and blank lines included), and the line each starts on; an entry naming an anchor of
    /// earlier ones (`<<: *cores`) comes with them, so that each piece composes alone.
    /// Nil when the file is not plainly a mapping of such entries (a document marker, a flow
    /// collection, anything but comments before the first key...): it is then composed whole.
    static func definitionChunks(of text: String) -> [(text: Substring, line: Int)]? {
        var contiguous = text
        // By bytes, in place: `serve` cuts the whole file on every edit of it (nova's: 215 KB).
        guard let scan = contiguous.withUTF8(Self.scanEntries) else { return nil }
        let utf8 = text.utf8
        func index(_ offset: Int) -> String.Index { utf8.index(utf8.startIndex, offsetBy: offset) }
        var starts = scan.starts.map { (index: index($0.offset), line: $0.line) }
        // The comments before the first entry go with it: every byte is composed (a control
        // character in a comment fails the file).
        starts[0] = (text.startIndex, 1)
        let pieces = starts.indices.map { index in
            text[starts[index].index..<(index + 1 < starts.count ? starts[index + 1].index : text.endIndex)]
        }
        // The earlier entries each one names an anchor of (words after `&` and `*`, also in
        // prose: composing one entry too many is harmless), and theirs in turn. Without an
        // anchor in the file, no entry needs another (an alias of none fails to compose alone
        // as it does in the whole).
        var needs = [[Int]](repeating: [], count: pieces.count)
        if scan.marks.contains(where: \.isAnchor) {
            var anchoredIn: [Substring: Int] = [:]
            var needed = Set<Int>(), piece = 0
            func finishPiece() {
                needs[piece] = needed.sorted()
                needed = []
                piece += 1
            }
            for mark in scan.marks {
                while piece < pieces.count - 1, mark.offset >= scan.starts[piece + 1].offset { finishPiece() }
                let name = text[index(mark.offset)..<index(mark.offset + mark.length)]
                if mark.isAnchor {
                    anchoredIn[name] = piece
                } else if let defining = anchoredIn[name], defining != piece, needed.insert(defining).inserted {
                    needed.formUnion(needs[defining])
                }
            }
            while piece < pieces.count { finishPiece() }
        }
        // Each entry alone; one that needs others is composed with them in place, the lines
        // between left blank, so that every mark keeps its line.
        return pieces.indices.map { index in
            guard !needs[index].isEmpty else { return (pieces[index], starts[index].line) }
            let members = needs[index] + [index]
            var joined = ""
            for (position, member) in members.enumerated() {
                joined += pieces[member]
                if position + 1 < members.count {
                    joined += String(repeating: "\n", count: starts[members[position + 1]].line - starts[member + 1].line)
                }
            }
            return (Substring(joined), starts[members[0]].line)
        }
    }

    /// Where the top-level entries of a file start (byte offset and line), and the names after
    /// each `&` and `*` (byte offset and length); nil when the file cannot be cut into entries
    /// (see `definitionChunks`).
    private static func scanEntries(_ bytes: UnsafeBufferPointer<UInt8>)
        -> (starts: [(offset: Int, line: Int)], marks: [(isAnchor: Bool, offset: Int, length: Int)])? {
        var starts: [(offset: Int, line: Int)] = []
        var marks: [(isAnchor: Bool, offset: Int, length: Int)] = []
        let count = bytes.count
        var lineStart = 0, line = 1
        while lineStart < count {
            var lineEnd = lineStart
            while lineEnd < count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let first = bytes[lineStart]
            var blank = true
            var position = lineStart
            while position < lineEnd {
                let byte = bytes[position]
                switch byte {
                // Lines are cut at `\n` only: a file with YAML's other line breaks (CR, NEL, LS,
                // PS), or a byte order mark inside (which only a stream's start may hold), is
                // composed whole.
                case 0x0D: return nil
                case 0xC2 where position + 1 < count && bytes[position + 1] == 0x85: return nil
                case 0xE2 where position + 2 < count && bytes[position + 1] == 0x80
                        && (bytes[position + 2] == 0xA8 || bytes[position + 2] == 0xA9):
                    return nil
                case 0xEF where position + 2 < count && bytes[position + 1] == 0xBB && bytes[position + 2] == 0xBF: return nil
                case 0x26, 0x2A:
                    // The name's bytes are still looked at for line breaks.
                    var nameEnd = position + 1
                    while nameEnd < lineEnd, Self.isAnchorNameByte(bytes[nameEnd]) { nameEnd += 1 }
                    if nameEnd > position + 1 { marks.append((byte == 0x26, position + 1, nameEnd - position - 1)) }
                    blank = false
                case 0x20, 0x09: break
                default: blank = false
                }
                position += 1
            }
            // Indented, a comment or blank: within the entry above; before the first, only
            // comments and blank lines.
            if starts.isEmpty, first == 0x20 || first == 0x09, !blank { return nil }
            if first != 0x20, first != 0x09, first != 0x23, first != 0x0A {
                // A plain key (`a:`, `os-availability-zone:availability_zone:`), not one of
                // YAML's indicators (flow collections, sequences, anchors, tags, quotes...).
                // `<<` merges into the file's mapping, which only composing it whole can do.
                let keyLine = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                guard !Self.indicators.contains(first), Self.isPlainKeyLine(keyLine),
                      !keyLine.starts(with: [0x3C, 0x3C]) else { return nil }
                starts.append((lineStart, line))
            }
            lineStart = lineEnd + 1
            line += 1
        }
        return starts.isEmpty ? nil : (starts, marks)
    }

    private static let indicators = Array("{[-?&*!%|>@`:,]}\"'".utf8)

    /// A byte of an anchor's name as `definitionChunks` reads it (generously: ASCII letters,
    /// digits, `_-.` and any non-ASCII byte).
    private static func isAnchorNameByte(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39 || byte >= 0x41 && byte <= 0x5A || byte >= 0x61 && byte <= 0x7A
            || byte == 0x5F || byte == 0x2D || byte == 0x2E || byte >= 0x80
    }

    /// The lines of the entry a piece is for: its last entry's (see `definitionChunks`).
    private static func ownLines(of chunk: Substring, from line: Int) -> Range<Int> {
        var start = line, current = line
        var atLineStart = true
        for byte in chunk.utf8 {
            if atLineStart, byte != 0x20, byte != 0x09, byte != 0x23, byte != 0x0A, byte != 0x0D { start = current }
            atLineStart = byte == 0x0A
            if atLineStart { current += 1 }
        }
        return start..<(current + 1)
    }

    /// A line that is a plain key and a colon, with a value or not.
    private static func isPlainKeyLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0
        for byte in line {
            if previous == 0x3A, byte == 0x20 || byte == 0x09 { return true }
            previous = byte
        }
        return previous == 0x3A
    }

    /// The definitions of the pieces, each composed and read on its own; nil when one does not
    /// compose as one entry alone (the whole file then reports what is wrong, as one document).
    /// `serve` keeps what the last read of the file gave each piece: a piece with the same text
    /// at the same line, found at its place or at its place counted from the end (an entry
    /// added or removed before it), is taken from there. Bytes are compared, not hashed: an
    /// edit of one description compares the file's pieces with their last versions once.
    private static func readChunks(_ chunks: [(text: Substring, line: Int)], file: String, collector: DiagnosticCollector,
                                   strictKeys: Bool) -> [ParameterDefinition]? {
        let lastKey = LastChunks(file: file, strictKeys: strictKeys)
        let last = ReadCache.current?.kept(lastKey, as: [ChunkRead].self, counting: false) ?? []
        let shift = last.count - chunks.count
        func kept(_ chunk: (text: Substring, line: Int), at index: Int) -> ChunkRead? {
            for candidate in shift == 0 ? [index] : [index, index + shift] where last.indices.contains(candidate) {
                let read = last[candidate]
                if read.line == chunk.line, TextKey.sameBytes(read.text, chunk.text) { return read }
            }
            return nil
        }
        let budget = YAMLAliasBudget()
        var reads: [ChunkRead] = []
        reads.reserveCapacity(chunks.count)
        defer { ReadCache.current?.keep(lastKey, reads, counting: false) }
        var definitions: [ParameterDefinition] = []
        // Two entries of one key are an error of the file as one mapping (those the duplicate
        // pre-scan recognizes are gone already).
        var keys = Set<String>()
        for (index, chunk) in chunks.enumerated() {
            let read = kept(chunk, at: index) ?? {
                let own = DiagnosticCollector()
                let entry = readChunk(chunk, file: file, budget: budget, collector: own, strictKeys: strictKeys)
                return ChunkRead(text: chunk.text, line: chunk.line, entry: entry, diagnostics: own.diagnostics)
            }()
            reads.append(read)
            collector.report(read.diagnostics)
            // A piece that is not one entry alone: read the file whole.
            guard let entry = read.entry, keys.insert(entry.key).inserted else { return nil }
            if let definition = entry.definition { definitions.append(definition) }
        }
        return definitions
    }

    /// The entry of one piece (its key, and its definition unless unusable); nil when the piece
    /// is not one entry alone.
    private static func readChunk(_ chunk: (text: Substring, line: Int), file: String, budget: YAMLAliasBudget,
                                  collector: DiagnosticCollector, strictKeys: Bool) -> (key: String, definition: ParameterDefinition?)? {
        let text = String(chunk.text)
        let origin = YAMLOrigin(file: file, lineOffset: chunk.line - 1, text: text, aliasBudget: budget)
        let probe = DiagnosticCollector()
        guard let node = YAMLLoader.compose(text, origin: origin, into: probe), probe.diagnostics.isEmpty,
              let map = YAMLMapping(node, origin: origin, context: "parameters.yaml", collector: probe),
              probe.diagnostics.isEmpty else { return nil }
        // Only the piece's own entry: those it was composed with are read in their own.
        let own = ownLines(of: chunk.text, from: chunk.line)
        let entries = map.entries.filter { own.contains(origin.range(of: $0.keyNode).start.line) }
        guard entries.count == 1 else { return nil }
        return (entries[0].key, definition(entries[0], origin: origin, collector: collector, strictKeys: strictKeys))
    }

    /// One piece of a parameters file as its last read (`serve`) found it. A class: kept
    /// pieces are passed on, not copied field by field.
    private final class ChunkRead {
        let text: Substring
        let line: Int
        let entry: (key: String, definition: ParameterDefinition?)?
        let diagnostics: [Diagnostic]

        init(text: Substring, line: Int, entry: (key: String, definition: ParameterDefinition?)?, diagnostics: [Diagnostic]) {
            self.text = text
            self.line = line
            self.entry = entry
            self.diagnostics = diagnostics
        }
    }

    /// The pieces of a parameters file as last read, in `serve`'s cache.
    private struct LastChunks: Hashable {
        let file: String
        let strictKeys: Bool
    }

    /// The key of a line like `server_id:` or `"odd key":  # comment`, if it is one.
    private static func topLevelKey(_ line: Substring) -> String? {
        // By bytes: every line of the file is tested (nova's has ~7000).
        let utf8 = line.utf8
        if let quote = utf8.first, quote == 0x22 || quote == 0x27 {
            let afterQuote = utf8.index(after: utf8.startIndex)
            guard let close = utf8[afterQuote...].firstIndex(of: quote) else { return nil }
            let rest = utf8[utf8.index(after: close)...].drop { $0 == 0x20 }
            return rest.first == 0x3A ? String(line[afterQuote..<close]) : nil
        }
        guard let colon = utf8.firstIndex(of: 0x3A) else { return nil }
        let after = utf8.index(after: colon)
        guard after == utf8.endIndex || utf8[after] == 0x20 || utf8[after] == 0x09 else { return nil }
        let key = line[..<colon].trimmingTrailingSpaces()
        return key.isEmpty || key == "<<" ? nil : String(key)
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}
