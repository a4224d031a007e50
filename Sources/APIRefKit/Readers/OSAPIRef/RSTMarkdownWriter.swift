/// Writes reStructuredText blocks as CommonMark that cmark renders faithfully. What has no
/// CommonMark equivalent becomes readable text and a located warning, never a crash or a gap.
struct RSTMarkdownWriter {
    let context: any RSTInlineContext

    /// Blocks separated by blank lines.
    func markdown(_ blocks: [RSTBlock]) -> String {
        blocks.compactMap(markdown).filter { !$0.isEmpty }.joined(separator: "\n\n")
    }

    func inline(_ lines: [RSTLine]) -> String { RSTInline.markdown(lines, context: context) }

    func heading(_ heading: RSTHeading, level: Int) -> String {
        String(repeating: "#", count: min(max(level, 1), 6)) + " " + inline([heading.title])
            .replacingNewlines()
    }

    func markdown(_ block: RSTBlock) -> String? {
        switch block {
        case .heading(let heading):
            return self.heading(heading, level: heading.level)
        case .paragraph(let lines):
            return paragraph(lines)
        case .bulletList(let items):
            return items.map { item(markdown($0.body), marker: "- ") }.joined(separator: "\n")
        case .enumeratedList(let items, let start):
            return items.enumerated().map { offset, entry in
                item(markdown(entry.body), marker: "\(start + offset). ")
            }.joined(separator: "\n")
        case .definitionList(let items, let isFieldList):
            return items.map { definition in
                let term = "**" + inline([definition.term]).replacingNewlines() + (isFieldList ? ":**" : "**")
                return item(term + "\n\n" + markdown(definition.body), marker: "- ")
            }.joined(separator: "\n")
        case .directive(let directive):
            return self.directive(directive)
        case .target, .comment, .substitution:
            return nil
        case .footnote(let label, let body, let at):
            context.unsupported("footnote", at: at.range(in: context.file))
            return "\\[\(label)\\] " + markdown(body)
        case .literal(let lines, _):
            return Self.fenced(lines, language: nil)
        case .lineBlock(let lines):
            return lines.map { inline([$0]) }.joined(separator: "\\\n")
        case .table(let table):
            return self.table(header: table.header, rows: table.rows)
        case .blockQuote(let blocks):
            return Self.quoted(markdown(blocks))
        case .transition:
            return "* * *"
        }
    }

    /// A paragraph; a trailing `::` announces a literal block and is written as docutils does.
    private func paragraph(_ lines: [RSTLine]) -> String? {
        guard let last = lines.last else { return nil }
        let trimmed = last.trimmed
        var adjusted = lines
        if trimmed.hasByteSuffix("::") {
            var text = trimmed.dropLast(2)
            if text.isEmpty || text.last == " " {
                while text.last == " " { text = text.dropLast() }
            } else {
                text += ":"
            }
            adjusted[adjusted.count - 1] = RSTLine(number: last.number, column: last.column + last.indent,
                                                   text: Substring(text))
            if text.isEmpty { adjusted.removeLast() }
        }
        guard !adjusted.isEmpty else { return nil }
        return inline(adjusted)
    }

    private func item(_ body: String, marker: String) -> String {
        let indentation = String(repeating: " ", count: marker.count)
        let lines = body.split(ascii: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first else { return marker }
        return ([marker + first] + lines.dropFirst().map { $0.isEmpty ? "" : indentation + $0 })
            .joined(separator: "\n")
    }

    static func quoted(_ text: String) -> String {
        // Appended into one string sized once (each line was a new string, then joined).
        var result = ""
        result.reserveCapacity(text.utf8.count + text.utf8.count / 8 + 2)
        for (position, line) in text.split(ascii: "\n", omittingEmptySubsequences: false).enumerated() {
            if position > 0 { result += "\n" }
            result += line.isEmpty ? ">" : "> "
            result += line
        }
        return result
    }

    /// A fenced code block whose fence is longer than any backtick run inside.
    static func fenced(_ lines: [RSTLine], language: String?) -> String {
        let body = Array(lines.trimmingBlankLines()).map { String($0.text) }
        var longest = 2
        for line in body {
            var run = 0
            for character in line { run = character == "`" ? run + 1 : 0; longest = max(longest, run) }
        }
        let fence = String(repeating: "`", count: longest + 1)
        // `endpoint` blocks mean something in the native format: never produce one by accident.
        let info = language.map { $0 == "endpoint" ? "text" : $0 } ?? ""
        return ([fence + info] + body + [fence]).joined(separator: "\n")
    }

    // MARK: Directives

    static let admonitions: [String: String] = [
        "note": "Note", "warning": "Warning", "important": "Important", "tip": "Tip", "hint": "Hint",
        "caution": "Caution", "attention": "Attention", "danger": "Danger", "error": "Error",
        "seealso": "See also", "todo": "To do",
    ]

    /// Directives with no visible content of their own (navigation, metadata, page chrome).
    static let silentDirectives: Set<String> = [
        "rest_expand_all", "contents", "sectnum", "meta", "index", "highlight", "toctree", "include",
        "tabularcolumns", "default-role", "default-domain",
    ]

    private func directive(_ directive: RSTDirective) -> String? {
        let name = directive.name
        if Self.silentDirectives.contains(name) { return nil }
        if let label = Self.admonitions[name] {
            return Self.quoted(labelled("**\(label):**", RSTBlockParser.parse(directive.argumentAndBody.dedented())))
        }
        switch name {
        case "admonition", "topic", "sidebar":
            let title = directive.argument.map { "**" + inline([$0]).replacingNewlines() + "**" } ?? ""
            let body = markdown(RSTBlockParser.parse(directive.content))
            let text = [title, body].filter { !$0.isEmpty }.joined(separator: "\n\n")
            return name == "admonition" ? Self.quoted(text) : text
        case "versionadded", "versionchanged", "deprecated", "versionremoved":
            return versionNote(directive)
        case "code-block", "code", "sourcecode":
            return Self.fenced(directive.content, language: directive.argument.map { String($0.trimmed) })
        case "rubric":
            return directive.argument.map { "**" + inline([$0]).replacingNewlines() + "**" }
        case "container", "only", "ifconfig", "class", "compound", "centered":
            return markdown(RSTBlockParser.parse(directive.content))
        case "list-table":
            return listTable(directive)
        case "unsupported-table":
            context.unsupported("table with spanning cells", at: directive.marker.range(in: context.file))
            return Self.fenced(directive.body, language: "text")
        default:
            context.unsupported("directive '\(name)'", at: directive.marker.range(in: context.file, length: name.count + 5))
            let content = directive.argumentAndBody.dedented()
            return content.isEmpty ? nil : Self.fenced(content, language: "text")
        }
    }

    /// `**Label:**` put before the first paragraph of `blocks`, or on its own line.
    private func labelled(_ label: String, _ blocks: [RSTBlock]) -> String {
        let body = markdown(blocks)
        if case .paragraph = blocks.first { return label + " " + body }
        return body.isEmpty ? label : label + "\n\n" + body
    }

    private func versionNote(_ directive: RSTDirective) -> String {
        let words = directive.argumentText.split(separator: " ", maxSplits: 1)
        let version = words.first.map(String.init) ?? ""
        let phrase: String
        switch directive.name {
        case "versionadded": phrase = "New in version"
        case "versionchanged": phrase = "Changed in version"
        case "versionremoved": phrase = "Removed in version"
        default: phrase = "Deprecated since version"
        }
        var content: [RSTLine] = []
        if let argument = directive.argument, words.count > 1 {
            let offset = argument.content.count - words[1].count
            content.append(argument.dropping(argument.indent + offset))
        }
        content += directive.body
        let blocks = RSTBlockParser.parse(content.dedented())
        return labelled("*\(phrase) \(version):*", blocks)
    }

    // MARK: Tables

    private func table(header: [[RSTTableCell]], rows: [[RSTTableCell]]) -> String {
        let width = (header + rows).map(\.count).max() ?? 0
        guard width > 0 else { return "" }
        func row(_ cells: [String]) -> String {
            "| " + (cells + Array(repeating: "", count: width - cells.count)).joined(separator: " | ") + " |"
        }
        func text(_ cell: RSTTableCell) -> String {
            Self.tableCell(markdown(RSTBlockParser.parse(cell.lines)))
        }
        // GitHub-style pipe tables need a header row; a table without one gets an empty header.
        let headerRow = header.first.map { row($0.map(text)) } ?? row(Array(repeating: "", count: width))
        var lines = [headerRow, row(Array(repeating: "---", count: width))]
        lines += header.dropFirst().map { row($0.map(text)) }
        lines += rows.map { row($0.map(text)) }
        return lines.joined(separator: "\n")
    }

    private func listTable(_ directive: RSTDirective) -> String? {
        let blocks = RSTBlockParser.parse(directive.content)
        guard blocks.count == 1, case .bulletList(let rows) = blocks[0] else {
            context.unsupported("list-table that is not a list of lists", at: directive.marker.range(in: context.file))
            return Self.fenced(directive.content, language: "text")
        }
        var cells: [[String]] = []
        for row in rows {
            guard row.body.count == 1, case .bulletList(let columns) = row.body[0] else {
                context.unsupported("list-table row that is not a list", at: row.marker.range(in: context.file))
                return Self.fenced(directive.content, language: "text")
            }
            cells.append(columns.map { Self.tableCell(markdown($0.body)) })
        }
        // docutils refuses a negative count or one past the rows; read as none or all.
        let headerRows = min(max(0, Int(directive.option("header-rows") ?? "0") ?? 0), cells.count)
        let width = cells.map(\.count).max() ?? 0
        func row(_ values: [String]) -> String {
            "| " + (values + Array(repeating: "", count: max(0, width - values.count))).joined(separator: " | ") + " |"
        }
        var lines: [String] = []
        if let title = directive.argument { lines.append("**" + inline([title]).replacingNewlines() + "**\n") }
        let head = headerRows > 0 ? Array(cells.prefix(headerRows)) : [Array(repeating: "", count: width)]
        lines.append(row(head[0]))
        lines.append(row(Array(repeating: "---", count: width)))
        lines += head.dropFirst().map(row)
        lines += cells.dropFirst(headerRows).map(row)
        return lines.joined(separator: "\n")
    }
}

extension RSTMarkdownWriter {
    /// Cell text on one line, with `|` escaped (it would end the cell).
    static func tableCell(_ markdown: String) -> String {
        markdown.replacingNewlines().replacingOccurrences(of: "|", with: "\\|")
    }
}

extension String {
    /// Line breaks as spaces, for text that must stay on one line (titles, table cells).
    func replacingNewlines() -> String {
        split(ascii: "\n").map { $0.trimmingSpaces() }.joined(separator: " ")
    }
}
