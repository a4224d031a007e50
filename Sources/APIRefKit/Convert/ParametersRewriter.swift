
/// Rewrites an os-api-ref parameters.yaml for the native format by editing its text, so
/// that everything else stays as written (order, comments, anchors, merge keys, and the
/// mistakes `check` reports, which must survive the conversion):
///
/// - descriptions become the Markdown the reader converted them to;
/// - unquoted versions are quoted (`min_version: "2.10"`);
/// - `nullable: true` is added, since os-api-ref accepts null for every definition;
/// - keys the native format does not know are dropped (os-api-ref ignored them), with a notice.
struct ParametersRewriter {
    let source: SourceFile
    let definitions: [String: ParameterDefinition]

    func rewrite(notices: inout [String]) -> String {
        var lines = (1...max(source.lineCount, 1)).map { String(source.line($0) ?? "") }
        let quiet = DiagnosticCollector()
        // Composed from the same text the reader composed (later duplicates blanked out).
        let text = ParametersReader.removingDuplicateDefinitions(source, collector: quiet)
        guard let node = YAMLLoader.compose(text, origin: YAMLOrigin(file: source.path), into: quiet),
              case .mapping(let mapping) = node else { return source.text }
        let topLevel = Array(mapping)
        var edits: [(start: Int, end: Int, replacement: [String])] = []
        for (position, entry) in topLevel.enumerated() {
            guard let key = entry.key.scalar?.string, case .mapping(let fields) = entry.value else { continue }
            let nextTop = position + 1 < topLevel.count ? topLevel[position + 1].key.mark.line - 1
                : lines.count
            let last = lastContentLine(before: nextTop, lines: lines)
            let own = Array(fields).filter { $0.key.scalar?.string != "<<" }
            let indent = own.first.map { String(repeating: " ", count: $0.key.mark.column - 1) } ?? "  "
            for (index, field) in own.enumerated() {
                guard let name = field.key.scalar?.string else { continue }
                let start = field.key.mark.line
                let end = index + 1 < own.count ? own[index + 1].key.mark.line - 1 : last
                switch name {
                case "description":
                    let markdown = definitions[key]?.description?.text ?? field.value.scalar?.string ?? ""
                    edits.append((start, end, Self.description(markdown, indent: indent)))
                case "min_version", "max_version":
                    if let scalar = field.value.scalar, scalar.style == .plain, start == end {
                        edits.append((start, end, [indent + name + ": " + YAMLText.quoted(scalar.string)]))
                    }
                case _ where !ParametersReader.keys.contains(name):
                    notices.append("dropped key '\(name)' of definition '\(key)' (\(source.path):\(start)): os-api-ref ignores it, and the native format does not know it")
                    edits.append((start, end, []))
                default:
                    continue
                }
            }
            let hasNullable = fields.contains { $0.key.scalar?.string == "nullable" }
            if !hasNullable, let definition = definitions[key], definition.nullable {
                edits.append((last + 1, last, [indent + "nullable: true"]))
            }
        }
        // Apply from the bottom so earlier line numbers stay valid.
        for edit in edits.sorted(by: { ($0.start, $0.end) > ($1.start, $1.end) }) {
            let from = edit.start - 1
            let to = max(from, edit.end)
            lines.replaceSubrange(from..<min(to, lines.count), with: edit.replacement)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The last non-blank, non-comment line at or before `line` (1-based).
    private func lastContentLine(before line: Int, lines: [String]) -> Int {
        var current = min(line, lines.count)
        while current > 1 {
            let text = lines[current - 1].trimmingSpaces()
            if !text.isEmpty, !text.hasPrefix("#") { break }
            current -= 1
        }
        return current
    }

    static func description(_ markdown: String, indent: String) -> [String] {
        let body = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard body.contains(where: { !$0.isEmpty }) else { return [indent + "description: \"\""] }
        // An explicit indentation indicator when the text itself starts indented.
        let indicator = body.first?.first == " " ? "|2" : "|"
        return [indent + "description: " + indicator] + body.map { $0.isEmpty ? "" : indent + "  " + $0 }
    }
}
