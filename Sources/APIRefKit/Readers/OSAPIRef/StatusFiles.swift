import Foundation

/// os-api-ref's status files (`status.yaml`: code -> reason key -> text), each read once for
/// the whole tree. Pages are built at once and ask for them in any order; what reading a
/// file reports is reported by `finish` at the first place that asks in document order, as
/// when the pages were built one after the other.
final class StatusTables: @unchecked Sendable {
    typealias Table = [Int: [String: String]]

    private struct Load {
        let table: Table?
        let source: SourceFile?
        let diagnostics: [Diagnostic]
        /// Where the problems of reading it were reported.
        let range: SourceRange
    }

    private let loader: SourceLoader
    private let lock = NSLock()
    private var loads: [String: Load] = [:]

    init(loader: SourceLoader) {
        self.loader = loader
    }

    /// The table of `file`, or nil when it cannot be read.
    func table(_ file: String, reportedAt range: SourceRange) -> Table? {
        if let load = lock.withLock({ loads[file] }) { return load.table }
        let load = read(file, reportedAt: range)
        return lock.withLock { () -> Table? in
            if loads[file] == nil { loads[file] = load }
            return loads[file]?.table
        }
    }

    /// Reports what reading each file found, at the first of `lookups` (the pages' requests in
    /// document order) naming it, and returns the files read, in that order.
    func finish(_ lookups: [StatusFiles.Lookup], into collector: DiagnosticCollector) -> [SourceFile] {
        var seen = Set<String>()
        var files: [SourceFile] = []
        for lookup in lookups where seen.insert(lookup.file).inserted {
            var load = lock.withLock { loads[lookup.file] } ?? read(lookup.file, reportedAt: lookup.range)
            // Read first for a later page: its problems belong at this, the first, request.
            if load.range != lookup.range { load = read(lookup.file, reportedAt: lookup.range) }
            collector.report(load.diagnostics)
            if let source = load.source { files.append(source) }
        }
        return files
    }

    private func read(_ file: String, reportedAt range: SourceRange) -> Load {
        let collector = DiagnosticCollector()
        guard loader.exists(file) else {
            collector.report(IncludeNotFound.make(path: file, at: range, reason: "does not exist", suggestion: nil))
            return Load(table: nil, source: nil, diagnostics: collector.diagnostics, range: range)
        }
        guard let source = loader.load(file, reportedAt: range, into: collector) else {
            return Load(table: nil, source: nil, diagnostics: collector.diagnostics, range: range)
        }
        var table: Table = [:]
        let origin = YAMLOrigin(file: file)
        if let node = YAMLLoader.compose(source.text, origin: origin, into: collector),
           let map = YAMLMapping(node, origin: origin, context: "the status file", collector: collector) {
            for entry in map.entries {
                guard let code = Int(entry.key), case .mapping(let reasons) = entry.value else { continue }
                var texts: [String: String] = [:]
                for (key, value) in reasons {
                    guard let name = key.scalar?.string, let text = value.scalar?.string else { continue }
                    texts[name] = text.split(ascii: "\n").map { $0.trimmingSpaces() }.joined(separator: " ")
                }
                table[code] = texts
            }
        }
        return Load(table: table, source: source, diagnostics: collector.diagnostics, range: range)
    }
}

/// One page's `rest_status_code` items and the status files they name: the page's problems go
/// to its collector; the tables it asked for are noted (a page kept by `serve` is valid while
/// asking for them again gives the same tables).
final class StatusFiles {
    private let tables: StatusTables
    private let collector: DiagnosticCollector
    private(set) var lookups: [Lookup] = []

    struct Lookup: Equatable {
        let file: String
        let range: SourceRange
        let table: StatusTables.Table?
    }

    init(tables: StatusTables, collector: DiagnosticCollector) {
        self.tables = tables
        self.collector = collector
    }

    /// The codes of a `rest_status_code` directive with their reasons from `file`.
    func codes(_ directive: RSTDirective, file: String, pageFile: String, argumentRange: SourceRange) -> [StatusCode] {
        let table = tables.table(file, reportedAt: argumentRange)
        lookups.append(Lookup(file: file, range: argumentRange, table: table))
        var codes: [StatusCode] = []
        for line in directive.body where !line.isBlank {
            let content = line.trimmed
            if content.first == "#" { continue }
            let range = line.range(in: pageFile, length: content.count)
            guard content.hasPrefix("-") else {
                collector.report(BadValue.make("status item must be `- CODE` or `- CODE: reason_key`", at: range,
                                               help: "write it as `- 404` or `- 409: reason_key`"))
                continue
            }
            let item = content.dropFirst().trimmingSpaces()
            let parts = item.split(separator: ":", maxSplits: 1).map { $0.trimmingSpaces() }
            guard let first = parts.first, let code = Int(first), (100...599).contains(code) else {
                collector.report(BadValue.make("'\(item)' is not an HTTP status code", at: range,
                                               help: "write a number from 100 to 599"))
                continue
            }
            let key = parts.count > 1 ? String(parts[1]) : "default"
            var reason: String?
            if let table {
                if let reasons = table[code] {
                    reason = reasons[key] ?? reasons["default"]
                    if reasons[key] == nil {
                        collector.report(UnknownStatusCode.make("reason '\(key)' of status \(code)", in: file, at: range))
                    }
                } else {
                    collector.report(UnknownStatusCode.make("status code \(code)", in: file, at: range))
                }
            }
            codes.append(StatusCode(code: code, reason: reason, range: range))
        }
        return codes
    }
}
