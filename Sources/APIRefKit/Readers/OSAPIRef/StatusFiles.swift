
/// os-api-ref's status files (`status.yaml`: code -> reason key -> text) and the
/// `rest_status_code` items that name them. Each file is read once.
final class StatusFiles {
    private let loader: SourceLoader
    private let collector: DiagnosticCollector
    /// Root-relative path -> the table, or nil when the file could not be read (reported once).
    private var tables: [String: [Int: [String: String]]?] = [:]
    private(set) var files: [SourceFile] = []
    /// Every table asked for, in order, with what it was: a page built before is valid while
    /// asking for its tables again (at the same places) gives the same (see `OSAPIRefReader`).
    private(set) var lookups: [Lookup] = []

    struct Lookup {
        let file: String
        let range: SourceRange
        let table: [Int: [String: String]]?
    }

    init(loader: SourceLoader, collector: DiagnosticCollector) {
        self.loader = loader
        self.collector = collector
    }

    /// The codes of a `rest_status_code` directive with their reasons from `file`.
    func codes(_ directive: RSTDirective, file: String, pageFile: String, argumentRange: SourceRange) -> [StatusCode] {
        let table = self.table(file, reportedAt: argumentRange)
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

    /// The codes and reasons of `file`, read once (problems reading it are reported at the
    /// first `range` that asks).
    func table(_ file: String, reportedAt range: SourceRange) -> [Int: [String: String]]? {
        if let cached = tables[file] { return cached }
        guard loader.exists(file) else {
            collector.report(IncludeNotFound.make(path: file, at: range, reason: "does not exist", suggestion: nil))
            tables[file] = .some(nil)
            return nil
        }
        guard let source = loader.load(file, reportedAt: range, into: collector) else {
            tables[file] = .some(nil)
            return nil
        }
        files.append(source)
        var table: [Int: [String: String]] = [:]
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
        tables[file] = .some(table)
        return table
    }
}
