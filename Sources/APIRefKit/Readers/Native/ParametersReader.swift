
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
            guard let line = source.line(number), let first = line.utf8.first,
                  first != 0x20, first != 0x09, first != 0x23, first != 0x2D,
                  let key = topLevelKey(line)
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
        var starts: [(index: String.Index, line: Int)] = []
        let bytes = text.utf8
        // Lines are cut at `\n` only: a file with YAML's other line breaks (CR, NEL, LS, PS),
        // or a byte order mark inside (which only a stream's start may hold), is composed whole.
        guard !Self.hasOtherBreaks(text) else { return nil }
        var lineStart = bytes.startIndex, line = 1
        let indicators = Array("{[-?&*!%|>@`:,]}\"'".utf8)
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            let first = bytes[lineStart]
            // Indented, a comment or blank: within the entry above; before the first, only
            // comments and blank lines.
            if starts.isEmpty, first == 0x20 || first == 0x09,
               bytes[lineStart..<lineEnd].contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) { return nil }
            if first != 0x20, first != 0x09, first != 0x23, first != 0x0A, first != 0x0D {
                // A plain key (`a:`, `os-availability-zone:availability_zone:`), not one of
                // YAML's indicators (flow collections, sequences, anchors, tags, quotes...).
                // `<<` merges into the file's mapping, which only composing it whole can do.
                guard !indicators.contains(first), Self.isPlainKeyLine(bytes[lineStart..<lineEnd]),
                      !bytes[lineStart..<lineEnd].starts(with: "<<".utf8) else { return nil }
                starts.append((lineStart, line))
            }
            lineStart = lineEnd == bytes.endIndex ? lineEnd : bytes.index(after: lineEnd)
            line += 1
        }
        guard !starts.isEmpty else { return nil }
        // The comments before the first entry go with it: every byte is composed (a control
        // character in a comment fails the file).
        starts[0] = (text.startIndex, 1)
        let pieces = starts.indices.map { index in
            text[starts[index].index..<(index + 1 < starts.count ? starts[index + 1].index : text.endIndex)]
        }
        // The earlier entries each one names an anchor of (words after `&` and `*`, also in
        // prose: composing one entry too many is harmless), and theirs in turn.
        var anchoredIn: [Substring: Int] = [:]
        var needs: [[Int]] = []
        for (index, piece) in pieces.enumerated() {
            var needed = Set<Int>()
            for (isAnchor, name) in Self.anchorsAndAliases(piece) {
                if isAnchor {
                    anchoredIn[name] = index
                } else if let defining = anchoredIn[name], defining != index, needed.insert(defining).inserted {
                    needed.formUnion(needs[defining])
                }
            }
            needs.append(needed.sorted())
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

    /// Whether `text` holds a CR, NEL, LS, PS or byte order mark (by bytes: it is the whole file).
    private static func hasOtherBreaks(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for index in bytes.indices {
                switch bytes[index] {
                case 0x0D: return true
                case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85: return true
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    return true
                case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF: return true
                default: continue
                }
            }
            return false
        }
    }

    /// A line that is a plain key and a colon, with a value or not.
    private static func isPlainKeyLine(_ line: Substring.UTF8View) -> Bool {
        var previous: UInt8 = 0
        for byte in line {
            if previous == 0x3A, byte == 0x20 || byte == 0x09 { return true }
            previous = byte
        }
        return previous == 0x3A
    }

    /// The names after `&` and `*` in a text (true: an anchor).
    private static func anchorsAndAliases(_ text: Substring) -> [(Bool, Substring)] {
        var found: [(Bool, Substring)] = []
        let bytes = text.utf8
        var index = bytes.startIndex
        while let mark = bytes[index...].firstIndex(where: { $0 == 0x26 || $0 == 0x2A }) {
            let nameStart = bytes.index(after: mark)
            let nameEnd = bytes[nameStart...].firstIndex { byte in
                !(byte >= 0x30 && byte <= 0x39 || byte >= 0x41 && byte <= 0x5A || byte >= 0x61 && byte <= 0x7A
                  || byte == 0x5F || byte == 0x2D || byte == 0x2E || byte >= 0x80)
            } ?? bytes.endIndex
            if nameEnd > nameStart { found.append((bytes[mark] == 0x26, text[nameStart..<nameEnd])) }
            index = nameEnd
        }
        return found
    }

    /// The definitions of the pieces, each composed and read on its own (kept by `serve`'s
    /// cache while its text and place are the same); nil when one does not compose as a
    /// mapping (the whole file then reports what is wrong, as one document).
    private static func readChunks(_ chunks: [(text: Substring, line: Int)], file: String, collector: DiagnosticCollector,
                                   strictKeys: Bool) -> [ParameterDefinition]? {
        let budget = YAMLAliasBudget()
        var definitions: [ParameterDefinition] = []
        // Two entries of one key are an error of the file as one mapping (those the duplicate
        // pre-scan recognizes are gone already).
        var keys = Set<String>()
        for chunk in chunks {
            let text = String(chunk.text)
            let step = DefinitionChunkStep(file: file, text: TextKey(text), line: chunk.line, strictKeys: strictKeys)
            let read = ReadCache.memoized(step, reportingInto: collector) { collector -> (key: String, definition: ParameterDefinition?)? in
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
            // A piece that is not one entry alone: read the file whole.
            guard let read, keys.insert(read.key).inserted else { return nil }
            if let definition = read.definition { definitions.append(definition) }
        }
        return definitions
    }

    /// Top-level entries of a parameters file, read as definitions.
    private struct DefinitionChunkStep: Hashable {
        let file: String
        let text: TextKey
        let line: Int
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
