
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
