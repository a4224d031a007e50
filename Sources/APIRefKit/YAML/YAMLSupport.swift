import Foundation

/// Collects diagnostics while a reader walks its input.
public final class DiagnosticCollector {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }
    public func report(_ many: [Diagnostic]) { diagnostics.append(contentsOf: many) }
}

/// Where a YAML text sits in its file: endpoint blocks are YAML embedded in Markdown.
struct YAMLOrigin {
    let file: String
    /// Lines before the YAML's first line.
    var lineOffset = 0
    /// Columns the YAML is indented by in the file.
    var columnOffset = 0
    /// Where libyaml's lines start in the text, when the text is known (see `YAMLLineMap`).
    private var lineMap: YAMLLineMap?
    /// The nodes the aliases of this text (or file: a page's endpoint blocks share one) may
    /// still repeat (see `YAMLComposer`).
    let aliasBudget: YAMLAliasBudget

    /// `text` is the YAML the marks will come from; give it so that they are mapped to the
    /// file's lines and columns.
    init(file: String, lineOffset: Int = 0, columnOffset: Int = 0, text: String? = nil,
         aliasBudget: YAMLAliasBudget = YAMLAliasBudget()) {
        self.file = file
        self.lineOffset = lineOffset
        self.columnOffset = columnOffset
        self.lineMap = text.map(YAMLLineMap.init)
        self.aliasBudget = aliasBudget
    }

    /// This origin, mapping the marks of `text`.
    func mapping(_ text: String) -> YAMLOrigin {
        guard lineMap == nil else { return self }
        var copy = self
        copy.lineMap = YAMLLineMap(text)
        return copy
    }

    func range(of mark: YAMLMark?, length: Int = 1) -> SourceRange {
        guard let mark else { return SourceRange(file: file, line: lineOffset + 1, column: 1) }
        let (line, column) = lineMap?.position(of: mark) ?? (mark.line, mark.column)
        return SourceRange(file: file, line: line + lineOffset, column: column + columnOffset, length: length)
    }

    /// The scalars in `text`: its bytes but UTF-8 continuation bytes, counted over the
    /// contiguous bytes (a loop the compiler vectorises; descriptions are long).
    static func scalarCount(_ text: String) -> Int {
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
            return count
        } ?? text.unicodeScalars.count
    }

    func range(of node: YAMLNode) -> SourceRange {
        let length = node.scalar.map { Self.scalarCount($0.string) + ($0.style == .plain ? 0 : 2) } ?? 1
        return range(of: node.mark, length: length)
    }
}

/// The nodes the aliases of one YAML file may repeat, `ReadLimits.maxYAMLAliases`: each alias
/// costs the nodes it names. Merge keys (`<<: *name`) copy only what aliases name, so this
/// bounds them too (eight levels of `<<: [*a, *a, ...]` would copy 10^8 entries).
final class YAMLAliasBudget {
    let limit: Int
    var remaining: Int

    init(limit: Int = ReadLimits.current.maxYAMLAliases) {
        self.limit = limit
        self.remaining = limit
    }
}

enum YAMLLoader {
    /// Composes one YAML document; a syntax error is reported as AR001, a text over a read
    /// limit as AR000, and either gives nil. An empty text is an empty mapping.
    static func compose(_ text: String, origin: YAMLOrigin, into collector: DiagnosticCollector) -> YAMLNode? {
        guard let cache = ReadCache.current else { return composeUncached(text, origin: origin, into: collector) }
        return cache.yaml(text) { composeUncached(text, origin: origin, into: collector) }
    }

    private static func composeUncached(_ text: String, origin: YAMLOrigin, into collector: DiagnosticCollector) -> YAMLNode? {
        do {
            return try YAMLComposer.compose(text, limits: ReadLimits.current, aliasBudget: origin.aliasBudget)
        } catch {
            let range = origin.mapping(text).range(of: error.mark)
            switch error.kind {
            case .syntax:
                let notes = error.context.map { [DiagnosticNote("the \($0.what) starts here", at: origin.mapping(text).range(of: $0.mark))] } ?? []
                collector.report(SyntaxError.make(error.message, at: range, notes: notes))
            case .limit(let name):
                collector.report(ReadFailure.make("YAML exceeds a limit: \(error.message) (see --limit \(name))", at: range,
                                                  help: "simplify the YAML there, or raise the limit with --limit \(name)=N"))
            }
            return nil
        }
    }
}

/// A mapping node read key by key, reporting unknown keys, missing keys and wrong kinds
/// against the rule catalogue. Merge keys (`<<: *anchor`) are applied, as os-api-ref's YAML
/// loader does.
struct YAMLMapping {
    struct Entry {
        let key: String
        let keyNode: YAMLNode
        let value: YAMLNode
    }

    let entries: [Entry]
    let node: YAMLNode
    let origin: YAMLOrigin
    /// How the mapping is named in messages, e.g. "definition 'server_id'".
    let context: String
    private let collector: DiagnosticCollector

    init?(_ node: YAMLNode, origin: YAMLOrigin, context: String, collector: DiagnosticCollector) {
        guard case .mapping(let mapping) = node else {
            collector.report(BadValue.make("\(context) must be a mapping", at: origin.range(of: node),
                                           help: "write it as `key: value` lines"))
            return nil
        }
        self.node = node
        self.origin = origin
        self.context = context
        self.collector = collector
        self.entries = Self.flattened(mapping, depth: 0)
    }

    /// The entries with merge keys applied recursively, as PyYAML does: a merged mapping may
    /// merge another in turn (nova: `cores_quota_class_optional` <- `*cores_quota_class` <-
    /// `*cores`). Own keys win, then earlier merges. What merges copy is bounded by the alias
    /// budget the composer applied.
    private static func flattened(_ mapping: YAMLNode.Mapping, depth: Int) -> [Entry] {
        var entries: [Entry] = []
        var merged: [Entry] = []
        for (key, value) in mapping {
            let name = key.scalar?.string ?? ""
            if name == "<<" {
                guard depth < 32 else { continue }
                for source in (value.sequence.map(Array.init) ?? [value]) {
                    guard case .mapping(let base) = source else { continue }
                    merged += flattened(base, depth: depth + 1)
                }
            } else {
                entries.append(Entry(key: name, keyNode: key, value: value))
            }
        }
        guard !merged.isEmpty else { return entries }
        var seen = Set(entries.map(\.key))
        return entries + merged.filter { seen.insert($0.key).inserted }
    }

    func entry(_ key: String) -> Entry? { entries.first { $0.key == key } }

    var range: SourceRange { origin.range(of: node) }

    func reportUnknownKeys(allowed: [String]) {
        let known = Set(allowed)
        for entry in entries where !known.contains(entry.key) {
            collector.report(UnknownKey.make(key: entry.key, in: context, allowed: allowed,
                                             at: origin.range(of: entry.keyNode)))
        }
    }

    /// Keys that look like misspellings of `key` (already reported as unknown).
    private func hasMisspelling(of key: String, allowed: Set<String>) -> Bool {
        entries.contains { !allowed.contains($0.key) && Spelling.closest(to: $0.key, among: [key]) != nil }
    }

    /// Reports AR003 for each absent key, unless a misspelling of it was already reported.
    func requireKeys(_ keys: [String], at range: SourceRange? = nil, allowed: [String] = []) {
        let missing = keys.filter { entry($0) == nil }
        guard !missing.isEmpty else { return }
        let known = Set(allowed + keys)
        for key in missing where !hasMisspelling(of: key, allowed: known) {
            collector.report(MissingKey.make(key: key, in: context, at: range ?? self.range))
        }
    }

    func string(_ key: String) -> Located<String>? {
        guard let entry = entry(key) else { return nil }
        guard let scalar = entry.value.scalar else {
            collector.report(BadValue.make("'\(key)' of \(context) must be text", at: origin.range(of: entry.value),
                                           help: "write '\(key)' as a single value"))
            return nil
        }
        return Located(scalar.string, at: origin.range(of: entry.value))
    }

    /// Markdown text; block scalars keep their line breaks.
    func markdown(_ key: String) -> MarkdownText? {
        guard let text = string(key) else { return nil }
        return MarkdownText(text.value, range: text.range)
    }

    func bool(_ key: String) -> Located<Bool>? {
        guard let entry = entry(key) else { return nil }
        let range = origin.range(of: entry.value)
        guard let scalar = entry.value.scalar else {
            collector.report(BadValue.make("'\(key)' of \(context) must be true or false", at: range,
                                           help: "write `\(key): true` or `\(key): false`"))
            return nil
        }
        let text = scalar.string.lowercased()
        let parsed: Bool? = ["true", "yes", "on"].contains(text) ? true : ["false", "no", "off"].contains(text) ? false : nil
        guard let value = parsed else {
            collector.report(BadValue.make("'\(key)' of \(context) must be true or false, not '\(scalar.string)'",
                                           at: range, help: "write `\(key): true` or `\(key): false`"))
            return nil
        }
        if scalar.style != .plain {
            collector.report(BadValue.make("'\(key)' of \(context) is the string \"\(scalar.string)\", not a boolean",
                                           at: range, help: "remove the quotes: `\(key): \(value)`",
                                           severity: .warning))
        }
        return Located(value, at: range)
    }

    func version(_ key: String) -> Located<Microversion>? {
        guard let entry = entry(key) else { return nil }
        return YAMLValues.version(entry.value, origin: origin, collector: collector)
    }

    /// A list of scalars (a single scalar is taken as a list of one).
    func stringList(_ key: String) -> [Located<String>]? {
        guard let entry = entry(key) else { return nil }
        if let scalar = entry.value.scalar { return [Located(scalar.string, at: origin.range(of: entry.value))] }
        guard let sequence = entry.value.sequence else {
            collector.report(BadValue.make("'\(key)' of \(context) must be a list", at: origin.range(of: entry.value),
                                           help: "write it as a YAML list"))
            return nil
        }
        return sequence.compactMap { item in
            guard let scalar = item.scalar else {
                collector.report(BadValue.make("items of '\(key)' must be single values", at: origin.range(of: item),
                                               help: "write each item as plain text"))
                return nil
            }
            return Located(scalar.string, at: origin.range(of: item))
        }
    }
}

enum YAMLValues {
    /// Reads a microversion scalar, reporting AR007 when malformed and AR008 when it is a bare
    /// number whose minor part ends in zero (YAML's float would drop that zero).
    static func version(_ node: YAMLNode, origin: YAMLOrigin, collector: DiagnosticCollector) -> Located<Microversion>? {
        let range = origin.range(of: node)
        guard let scalar = node.scalar else {
            collector.report(MalformedMicroversion.make(value: "(not a single value)", at: range))
            return nil
        }
        let text = String(scalar.string.trimmingWhitespace())
        guard let version = Microversion(text) else {
            collector.report(MalformedMicroversion.make(value: scalar.string, at: range))
            return nil
        }
        if scalar.style == .plain, text.hasSuffix("0"), text.split(separator: ".").count == 2 {
            collector.report(UnquotedMicroversion.make(value: text, at: range))
        }
        return Located(version, at: range)
    }
}
