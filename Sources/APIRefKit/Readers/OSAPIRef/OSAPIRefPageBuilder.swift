import Foundation

/// A page as read from one RST file, before the tree-wide steps (parameter names, samples).
struct RawPage {
    enum Block { case prose(MarkdownText), endpoint(Int) }

    let path: String
    let title: String
    var blocks: [Block] = []
    var endpoints: [RawEndpoint] = []
    var anchors = Set<String>()
    var links: [MarkdownLink] = []
    /// Parameter tables outside endpoints, left as placeholders in the Markdown until the
    /// parameters files are read (they are read at the same time as the pages).
    var parameterTables: [(placeholder: String, directive: RSTDirective)] = []

    /// This page with its parameter tables in place.
    func fillingParameterTables(definitions: [String: ParameterDefinition], collector: DiagnosticCollector) -> RawPage {
        guard !parameterTables.isEmpty else { return self }
        var page = self
        // Each table made once, in order (so are its findings); then put in place in one pass
        // over each text, by bytes: `String.contains` compared every text character by
        // character with every placeholder (1.5 ms of each rebuild of nova).
        let tables = parameterTables.map { table in
            OSAPIRefPageBuilder.parameterTable(table.directive, file: path, definitions: definitions, collector: collector)
        }
        page.blocks = page.blocks.map { block in
            guard case .prose(let text) = block, let filled = Self.fillingPlaceholders(in: text.text, with: tables) else { return block }
            return .prose(MarkdownText(filled, range: text.range))
        }
        for index in page.endpoints.indices {
            page.endpoints[index].description = page.endpoints[index].description.map {
                Self.fillingPlaceholders(in: $0, with: tables) ?? $0
            }
        }
        page.parameterTables = []
        return page
    }

    /// The placeholder of the table at `index` (which `fillingParameterTables` replaces).
    static func placeholder(_ index: Int) -> String { "\u{F8FF}apiref-parameter-table-\(index)\u{F8FF}" }

    /// `text` with each placeholder replaced by its table; nil when it holds none.
    static func fillingPlaceholders(in text: String, with tables: [String]) -> String? {
        let mark: [UInt8] = Array("\u{F8FF}".utf8), name: [UInt8] = Array("apiref-parameter-table-".utf8)
        let bytes = Array(text.utf8)
        guard bytes.contains(mark[0]) else { return nil }
        var result: [UInt8] = []
        var copied = 0, position = 0, found = false
        while position + mark.count + name.count < bytes.count {
            guard bytes[position] == mark[0], bytes[position..<position + mark.count].elementsEqual(mark),
                  bytes[position + mark.count..<position + mark.count + name.count].elementsEqual(name) else {
                position += 1
                continue
            }
            var end = position + mark.count + name.count, number = 0
            while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) {
                number = number * 10 + Int(bytes[end] - UInt8(ascii: "0"))
                end += 1
            }
            guard end + mark.count <= bytes.count, bytes[end..<end + mark.count].elementsEqual(mark), number < tables.count else {
                position += 1
                continue
            }
            result += bytes[copied..<position]
            result += tables[number].utf8
            position = end + mark.count
            copied = position
            found = true
        }
        guard found else { return nil }
        result += bytes[copied...]
        return String(decoding: result, as: UTF8.self)
    }
}

/// Walks one document's blocks: section titles and prose become Markdown, sections that
/// start with `rest_method` become endpoints with their parameter lists, status codes and
/// samples; the prose of an endpoint section is its description.
struct OSAPIRefPageBuilder {
    let document: RSTDocument
    let outline: RSTOutline
    /// Root-relative path of the file (and page).
    let file: String
    /// Root-relative folders that relative and absolute (`/...`) directive paths start from.
    let documentBase: String
    let sourceBase: String
    let context: RSTPageContext
    let collector: DiagnosticCollector
    let statusFiles: StatusFiles

    private var writer: RSTMarkdownWriter { RSTMarkdownWriter(context: context) }

    func build() -> RawPage {
        var page = RawPage(path: file, title: outline.title ?? Self.fileTitle(file))
        var prose: [String] = []
        var proseRange: SourceRange?
        var current: RawEndpoint?
        // Prose between an endpoint's title and its `rest_method`, which opens its description.
        var preamble: [String]?
        var preambleRange: SourceRange?
        var endpointLevel: Int?
        var direction: SampleDirection?
        var caption: (piece: Int, text: String)?
        var lastHeading: String?
        var seenHeading = false

        func addProse(_ text: String?, at line: RSTLine?) {
            guard let text, !text.isEmpty else { return }
            if var endpoint = current {
                if endpoint.descriptionRange == nil, let line { endpoint.descriptionRange = line.range(in: file) }
                endpoint.description.append(text)
                current = endpoint
            } else if preamble != nil {
                if preambleRange == nil, let line { preambleRange = line.range(in: file) }
                preamble?.append(text)
            } else {
                if proseRange == nil, let line { proseRange = line.range(in: file) }
                prose.append(text)
            }
        }
        func flushProse() {
            if !prose.isEmpty {
                page.blocks.append(.prose(MarkdownText(prose.joined(separator: "\n\n"), range: proseRange ?? .file(file))))
            }
            prose = []
            proseRange = nil
        }
        func closeEndpoint() {
            guard let endpoint = current else { return }
            page.anchors.insert(endpoint.id)
            page.blocks.append(.endpoint(page.endpoints.count))
            page.endpoints.append(endpoint)
            current = nil
            endpointLevel = nil
        }

        for (index, block) in document.blocks.enumerated() {
            switch block {
            case .heading(let heading):
                seenHeading = true
                caption = nil
                let text = RSTPlainText.of(heading.title.trimmed)
                if current != nil, let level = endpointLevel, heading.level > level {
                    direction = Self.direction(ofSection: text)
                    if direction == nil { addProse("**" + RSTInline.escaped(text) + "**", at: heading.title) }
                    continue
                }
                closeEndpoint()
                lastHeading = text
                if outline.endpointHeadings.contains(index) {
                    flushProse()
                    endpointLevel = heading.level
                    preamble = []
                    preambleRange = nil
                    continue
                }
                if let anchor = outline.headingAnchors[index] { page.anchors.insert(anchor) }
                addProse(writer.heading(heading, level: heading.level), at: heading.title)
            case .directive(let directive) where directive.name == "rest_method":
                let level = endpointLevel
                closeEndpoint()
                flushProse()
                endpointLevel = level
                direction = nil
                caption = nil
                let title = lastHeading ?? directive.argumentText
                guard let id = outline.endpointIDs[index],
                      var endpoint = RestMethodParser.parse(directive, id: id, title: title, file: file, collector: collector)
                else { continue }
                endpoint.description = preamble ?? []
                endpoint.descriptionRange = preambleRange
                preamble = nil
                preambleRange = nil
                current = endpoint
            case .directive(let directive) where current != nil && Self.endpointDirectives.contains(directive.name):
                guard var endpoint = current else { continue }
                endpointDirective(directive, into: &endpoint, direction: direction, caption: &caption)
                current = endpoint
            case .paragraph(let lines) where current != nil:
                if let (kind, codes) = ResponseCodeProse.parse(lines, file: file), var endpoint = current {
                    if kind == .success { endpoint.successCodes += codes } else { endpoint.errorCodes += codes }
                    current = endpoint
                    caption = nil
                    continue
                }
                let text = writer.markdown(block)
                addProse(text, at: lines.first)
                if let captionText = Self.caption(lines), let endpoint = current {
                    caption = (endpoint.description.count - 1, captionText)
                } else {
                    caption = nil
                }
            case .definitionList(_, isFieldList: true) where !seenHeading:
                // File-wide metadata before the title (`:tocdepth: 2`): not content.
                continue
            case .target, .comment:
                continue
            case .directive(let directive) where directive.name == "rest_parameters":
                // A parameter table outside any endpoint (nova's request ID headers): shown
                // as a table in the prose.
                let placeholder = RawPage.placeholder(page.parameterTables.count)
                page.parameterTables.append((placeholder, directive))
                addProse(placeholder, at: directive.marker)
            default:
                caption = nil
                addProse(writer.markdown(block), at: Self.firstLine(of: block))
            }
        }
        closeEndpoint()
        flushProse()
        page.links = context.links
        return page
    }

    static let endpointDirectives: Set<String> = ["rest_parameters", "rest_status_code", "literalinclude"]

    private func endpointDirective(_ directive: RSTDirective, into endpoint: inout RawEndpoint,
                                   direction: SampleDirection?, caption: inout (piece: Int, text: String)?) {
        let argument = directive.argumentText
        let argumentRange = directive.argument?.range(in: file, length: argument[...].characterCount)
            ?? directive.marker.range(in: file)
        switch directive.name {
        case "rest_parameters":
            let parametersFile = resolve(argument.isEmpty ? "parameters.yaml" : argument)
            let items = RestParametersParser.items(directive, file: file, collector: collector)
            endpoint.lists.append(RawEndpoint.ParameterList(direction: direction, file: parametersFile, items: items))
            caption = nil
        case "rest_status_code":
            let words = argument.split(separator: " ")
            guard words.count == 2, words[0] == "success" || words[0] == "error" else {
                collector.report(BadValue.make("rest_status_code needs `success` or `error` and a status file",
                                               at: argumentRange, help: "write `.. rest_status_code:: success status.yaml`"))
                return
            }
            let statusFile = resolve(String(words[1]))
            let codes = statusFiles.codes(directive, file: statusFile, pageFile: file, argumentRange: argumentRange)
            if words[0] == "success" { endpoint.successCodes += codes } else { endpoint.errorCodes += codes }
            caption = nil
        default:
            guard argument.lowercased().hasSuffix(".json") else {
                context.unsupported("literalinclude of a non-JSON file", at: argumentRange)
                endpoint.description.append(RSTMarkdownWriter.fenced([RSTLine(number: 0, column: 1, text: Substring(argument))],
                                                                     language: "text"))
                caption = nil
                return
            }
            var title = directive.option("caption")
            if let candidate = caption, candidate.piece == endpoint.description.count - 1 {
                endpoint.description.removeLast()
                if endpoint.description.isEmpty { endpoint.descriptionRange = nil }
                title = title ?? candidate.text
            }
            caption = nil
            let absolute = argument.hasPrefix("/")
            endpoint.samples.append(RawEndpoint.Sample(
                written: absolute ? String(argument.dropFirst()) : argument,
                base: absolute ? sourceBase : documentBase,
                range: argumentRange,
                direction: direction ?? Self.direction(ofFile: argument),
                caption: title))
        }
    }

    static func parameterTable(_ directive: RSTDirective, file: String, definitions: [String: ParameterDefinition],
                               collector: DiagnosticCollector) -> String {
        var rows = ["| Name | In | Type | Description |", "| --- | --- | --- | --- |"]
        for item in RestParametersParser.items(directive, file: file, collector: collector) {
            let name = "`\(item.name)`"
            guard let definition = definitions[item.key] else {
                collector.report(UnresolvedReference.make("parameter definition '\(item.key)'", at: item.keyRange))
                rows.append("| \(name) |  |  |  |")
                continue
            }
            let optional = definition.required ? "" : " (Optional)"
            let description = definition.description.map { RSTMarkdownWriter.tableCell($0.text) } ?? ""
            rows.append("| \(name)\(optional) | \(definition.location.rawValue) | \(definition.type.rawValue) | \(description) |")
        }
        return rows.joined(separator: "\n")
    }

    /// A directive path as a root-relative path (absolute paths start at the source folder).
    private func resolve(_ written: String) -> String {
        let joined = written.hasPrefix("/") ? PathUtilities.join(sourceBase, String(written.dropFirst()))
            : PathUtilities.join(documentBase, written)
        return PathUtilities.normalizeRelative(joined) ?? written
    }

    /// `Request`, `Request (Additional Parameters)`, `Response Example`...
    static func direction(ofSection title: String) -> SampleDirection? {
        let lowered = title.lowercased()
        if lowered.hasPrefix("request") { return .request }
        if lowered.hasPrefix("response") { return .response }
        if lowered.contains("response") { return .response }
        if lowered.contains("request") { return .request }
        return nil
    }

    /// nova's naming: `server-create-req.json`, `server-get-resp.json`.
    static func direction(ofFile path: String) -> SampleDirection {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        if name.contains("-req") || name.contains("_req") || name.contains("request") { return .request }
        return .response
    }

    /// A paragraph that is entirely strong text (`**Example Show Server**`): a sample caption
    /// when a `literalinclude` follows it.
    static func caption(_ lines: [RSTLine]) -> String? {
        guard lines.first?.trimmed.hasBytePrefix("**") == true else { return nil }
        let text = lines.map { String($0.trimmed) }.joined(separator: " ")
        guard text[...].characterCount > 4, text.hasPrefix("**"), text.hasSuffix("**") else { return nil }
        let inner = text.dropFirst(2).dropLast(2)
        guard inner.firstRange(ofASCII: "**") == nil else { return nil }
        return RSTPlainText.of(inner)
    }

    static func fileTitle(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return name }
        return String(name[..<dot])
    }

    static func firstLine(of block: RSTBlock) -> RSTLine? {
        switch block {
        case .heading(let heading): return heading.title
        case .paragraph(let lines), .lineBlock(let lines), .literal(let lines, _): return lines.first
        case .bulletList(let items), .enumeratedList(let items, _): return items.first?.marker
        case .definitionList(let items, _): return items.first?.term
        case .directive(let directive): return directive.marker
        case .target(let target): return target.at
        case .substitution(_, let directive): return directive.marker
        case .footnote(_, _, let at), .comment(let at), .transition(let at): return at
        case .table(let table): return table.at
        case .blockQuote(let blocks): return blocks.first.flatMap(firstLine)
        }
    }
}
