import CCmark

/// Reads a Markdown page: its title, prose, links, and `endpoint` blocks.
struct PageReader {
    let source: SourceFile
    let project: Project
    let collector: DiagnosticCollector
    /// Shared by the endpoint blocks of the page, as by the mappings of one YAML file.
    let aliasBudget = YAMLAliasBudget()

    static let endpointKeys = ["id", "method", "path", "title", "min_version", "max_version",
                               "status", "request", "response", "samples"]
    static let methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    func read() -> Page {
        CMark.withDocument(source.text) { document in
            var title: String?
            var blocks: [PageBlock] = []
            var endpoints: [Endpoint] = []
            var anchors = Set<String>()
            var prose: [CMark.Node] = []
            var endpointProse: [CMark.Node] = []
            var pendingHeading: CMark.Node?

            func flushProse() {
                if let text = slice(prose) { blocks.append(.prose(text)) }
                prose = []
            }
            func flushEndpointDescription() {
                guard let last = endpoints.indices.last, !endpointProse.isEmpty else { return }
                endpoints[last] = endpoints[last].withDescription(slice(endpointProse))
                endpointProse = []
            }
            func flushHeading() {
                if let heading = pendingHeading { prose.append(heading) }
                pendingHeading = nil
            }

            var afterEndpoint = false
            for node in document.children {
                if node.type == CMARK_NODE_HEADING {
                    flushHeading()
                    if afterEndpoint { flushEndpointDescription(); afterEndpoint = false }
                    let text = node.plainText
                    anchors.insert(Slug.make(text))
                    if title == nil, node.headingLevel == 1 {
                        title = text
                        prose.append(node)
                    } else {
                        pendingHeading = node
                    }
                } else if node.type == CMARK_NODE_CODE_BLOCK, isEndpointFence(node.fenceInfo) {
                    if afterEndpoint { flushEndpointDescription() }
                    let heading = pendingHeading
                    pendingHeading = nil
                    flushProse()
                    if let endpoint = readEndpoint(node, heading: heading?.plainText,
                                                   existingIDs: Set(endpoints.map(\.id))) {
                        anchors.insert(endpoint.id)
                        blocks.append(.endpoint(endpoints.count))
                        endpoints.append(endpoint)
                        afterEndpoint = true
                    } else {
                        afterEndpoint = false
                    }
                } else if afterEndpoint {
                    endpointProse.append(node)
                } else {
                    flushHeading()
                    prose.append(node)
                }
            }
            flushHeading()
            if afterEndpoint { flushEndpointDescription() }
            flushProse()

            return Page(path: source.path, title: title ?? fileTitle, blocks: blocks, endpoints: endpoints,
                        anchors: anchors, links: links(in: document))
        }
    }

    private var fileTitle: String {
        let name = source.path.split(separator: "/").last.map(String.init) ?? source.path
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }

    private func isEndpointFence(_ info: String?) -> Bool {
        info?.split(separator: " ").first == "endpoint"
    }

    /// The source text of a run of consecutive blocks, as one Markdown text.
    private func slice(_ nodes: [CMark.Node]) -> MarkdownText? {
        guard let first = nodes.first, let last = nodes.last else { return nil }
        let lines = (first.startLine...max(first.startLine, last.endLine)).compactMap { source.line($0) }
        let text = lines.joined(separator: "\n")
        guard !text.allSatisfy(\.isWhitespace) else { return nil }
        return MarkdownText(text, range: SourceRange(file: source.path, line: first.startLine, column: 1))
    }

    private func links(in document: CMark.Node) -> [MarkdownLink] {
        var links: [MarkdownLink] = []
        var blockLine = 1
        CMark.walk(document) { node in
            if node.startLine > 0 { blockLine = node.startLine }
            if node.type == CMARK_NODE_LINK, let url = node.url {
                let line = node.startLine > 0 ? node.startLine : blockLine
                let column = node.startLine > 0 ? source.scalarColumn(line: line, byteColumn: node.startColumn) : 1
                links.append(MarkdownLink(destination: url,
                                          range: SourceRange(file: source.path, line: line, column: column)))
            }
        }
        return links
    }

    // MARK: Endpoint blocks

    private func readEndpoint(_ block: CMark.Node, heading: String?, existingIDs: Set<String>) -> Endpoint? {
        let blockRange = SourceRange(file: source.path, line: block.startLine, column: block.startColumn,
                                     length: 3)
        var yaml = block.literal ?? ""
        // cmark ends the last line of a fence left open at the end of the page with a line
        // break the page does not have; without it, errors at the end of the YAML point at
        // the page's last line rather than past it.
        if yaml.hasSuffix("\n"), block.startLine + yaml.utf8.count(where: { $0 == 0x0A }) >= source.lineCount {
            yaml.removeLast()
        }
        let origin = YAMLOrigin(file: source.path, lineOffset: block.startLine,
                                columnOffset: max(0, block.startColumn - 1), text: yaml, aliasBudget: aliasBudget)
        guard let node = YAMLLoader.compose(yaml, origin: origin, into: collector) else { return nil }
        guard let map = YAMLMapping(node, origin: origin, context: "endpoint block", collector: collector) else {
            return nil
        }
        map.reportUnknownKeys(allowed: Self.endpointKeys)
        map.requireKeys(["method", "path"], at: blockRange, allowed: Self.endpointKeys)

        let method = map.string("method")
        if let method, !Self.methods.contains(method.value.uppercased()) {
            collector.report(BadValue.make("'\(method.value)' is not an HTTP method", at: method.range,
                                           help: "use one of \(Self.methods.joined(separator: ", "))"))
        }
        guard let method, let path = map.string("path") else { return nil }
        if !path.value.hasPrefix("/") {
            collector.report(BadValue.make("path '\(path.value)' must start with '/'", at: path.range,
                                           help: "write the path from the API root, e.g. '/\(path.value)'"))
        }
        let title = map.string("title")?.value ?? heading
        if title == nil {
            collector.report(MissingKey.make(key: "title", in: "endpoint '\(method.value) \(path.value)'",
                                             at: blockRange))
        }
        let low = map.version("min_version")
        let high = map.version("max_version")
        if let low, let high, low.value > high.value {
            collector.report(InvertedRange.make(min: low, max: high, subject: "endpoint '\(method.value) \(path.value)'"))
        }
        let versions = VersionRange(min: low?.value, max: high?.value)
        let (success, errors) = statusCodes(map)
        return Endpoint(
            id: map.string("id")?.value ?? uniqueID(Slug.make(title ?? "\(method.value) \(path.value)"), existingIDs),
            method: method.value.uppercased(),
            path: path,
            title: title ?? "\(method.value.uppercased()) \(path.value)",
            versions: versions,
            successCodes: success,
            errorCodes: errors,
            request: parameterList(map, "request"),
            response: parameterList(map, "response"),
            samples: samples(map, endpointMin: versions.min ?? project.minVersion),
            description: nil,
            page: source.path,
            range: blockRange,
            minVersionRange: low?.range,
            maxVersionRange: high?.range
        )
    }

    private func uniqueID(_ base: String, _ existing: Set<String>) -> String {
        guard existing.contains(base) else { return base }
        var counter = 2
        while existing.contains("\(base)-\(counter)") { counter += 1 }
        return "\(base)-\(counter)"
    }

    private func parameterList(_ map: YAMLMapping, _ key: String) -> [ParameterReference] {
        guard let entry = map.entry(key) else { return [] }
        guard let items = entry.value.sequence else {
            collector.report(BadValue.make("'\(key)' must be a list of `- display_name: definition_key`",
                                           at: map.origin.range(of: entry.value),
                                           help: "write one `- name: definition` item per parameter"))
            return []
        }
        return items.compactMap { item in
            guard case .mapping(let pair) = item, pair.count == 1, let (nameNode, keyNode) = pair.first,
                  let name = nameNode.scalar?.string, let definitionKey = keyNode.scalar?.string
            else {
                collector.report(BadValue.make("parameter item must be `display_name: definition_key`",
                                               at: map.origin.range(of: item),
                                               help: "write it as `- name: definition_key`"))
                return nil
            }
            return ParameterReference(name: name, key: definitionKey, range: map.origin.range(of: keyNode))
        }
    }

    private func statusCodes(_ map: YAMLMapping) -> ([StatusCode], [StatusCode]) {
        guard let entry = map.entry("status"),
              let status = YAMLMapping(entry.value, origin: map.origin, context: "'status'", collector: collector)
        else { return ([], []) }
        status.reportUnknownKeys(allowed: ["success", "error"])
        func codes(_ key: String) -> [StatusCode] {
            guard let list = status.entry(key) else { return [] }
            let items = list.value.sequence.map(Array.init) ?? [list.value]
            return items.compactMap { item in
                var codeNode = item
                var reason: String?
                if case .mapping(let pair) = item, pair.count == 1, let (codeKey, reasonNode) = pair.first {
                    codeNode = codeKey
                    reason = reasonNode.scalar?.string
                }
                let range = map.origin.range(of: codeNode)
                guard let text = codeNode.scalar?.string, let code = Int(text), (100...599).contains(code) else {
                    collector.report(BadValue.make("'\(codeNode.scalar?.string ?? "?")' is not an HTTP status code",
                                                   at: range, help: "write a number from 100 to 599"))
                    return nil
                }
                return StatusCode(code: code, reason: reason, range: range)
            }
        }
        return (codes("success"), codes("error"))
    }

    private func samples(_ map: YAMLMapping, endpointMin: Microversion) -> [SampleReference] {
        guard let entry = map.entry("samples") else { return [] }
        guard let items = entry.value.sequence else {
            collector.report(BadValue.make("'samples' must be a list", at: map.origin.range(of: entry.value),
                                           help: "write one `- response: path` item per sample"))
            return []
        }
        return items.compactMap { item in
            guard let sample = YAMLMapping(item, origin: map.origin, context: "sample", collector: collector) else {
                return nil
            }
            sample.reportUnknownKeys(allowed: ["request", "response", "version"])
            let request = sample.string("request"), response = sample.string("response")
            guard let path = request ?? response, (request == nil) != (response == nil) else {
                collector.report(BadValue.make("a sample needs exactly one of 'request' or 'response'",
                                               at: sample.range, help: "write `- response: samples/...json`"))
                return nil
            }
            let direction: SampleDirection = request != nil ? .request : .response
            if let explicit = sample.version("version") {
                return SampleReference(path: path.value, direction: direction, version: explicit.value,
                                       versionSource: .explicit, range: path.range)
            }
            if let folder = SampleVersions.folderVersion(in: path.value) {
                return SampleReference(path: path.value, direction: direction, version: folder,
                                       versionSource: .folder, range: path.range)
            }
            return SampleReference(path: path.value, direction: direction, version: endpointMin,
                                   versionSource: .endpoint, range: path.range)
        }
    }
}

enum SampleVersions {
    /// The microversion of a `vMAJOR.MINOR` folder in a sample path (nova's convention).
    static func folderVersion(in path: String) -> Microversion? {
        for segment in path.split(ascii: "/").dropLast().reversed()
        where segment.utf8.first == UInt8(ascii: "v") || segment.utf8.first == UInt8(ascii: "V") {
            if let version = Microversion(segment[segment.utf8.index(after: segment.utf8.startIndex)...]) { return version }
        }
        return nil
    }
}

extension Endpoint {
    func withDescription(_ description: MarkdownText?) -> Endpoint {
        Endpoint(id: id, method: method, path: path, title: title, versions: versions,
                 successCodes: successCodes, errorCodes: errorCodes, request: request, response: response,
                 samples: samples, description: description, page: page, range: range,
                 minVersionRange: minVersionRange, maxVersionRange: maxVersionRange)
    }
}
