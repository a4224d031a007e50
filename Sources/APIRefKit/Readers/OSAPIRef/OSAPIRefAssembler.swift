/// The tree-wide step: attaches samples to endpoints at their microversions, gives
/// parameter lists their directions and full dotted names, and builds the model's pages.
struct OSAPIRefAssembler {
    private let definitions: [String: ParameterDefinition]
    private let apiMin: Microversion

    init(definitions: [ParameterDefinition], apiMin: Microversion) {
        var byKey: [String: ParameterDefinition] = [:]
        for definition in definitions where byKey[definition.key] == nil { byKey[definition.key] = definition }
        self.definitions = byKey
        self.apiMin = apiMin
    }

    func pages(_ raw: [RawPage], samples: [String: SampleDocument]) -> [Page] {
        // Names that are path placeholders anywhere (`network_label`, `key`) may name map keys.
        let placeholders = Set(raw.flatMap(\.endpoints).flatMap { PathTemplate.placeholders(in: $0.path.value) })
        // Endpoints are independent of each other: assembled across the cores, kept in order.
        let all = raw.flatMap { page in page.endpoints.map { (page: page.path, endpoint: $0) } }
        var assembled = Parallel.map(all.count) {
            endpoint(for: all[$0].endpoint, page: all[$0].page, samples: samples, placeholders: placeholders)
        }[...]
        return raw.map { page in
            let endpoints = Array(assembled.prefix(page.endpoints.count))
            assembled = assembled.dropFirst(page.endpoints.count)
            let blocks: [PageBlock] = page.blocks.map { block in
                switch block {
                case .prose(let text): return .prose(text)
                case .endpoint(let index): return .endpoint(index)
                }
            }
            return Page(path: page.path, title: page.title, blocks: blocks, endpoints: endpoints,
                        anchors: page.anchors, links: page.links)
        }
    }

    private func endpoint(for raw: RawEndpoint, page: String, samples documents: [String: SampleDocument],
                          placeholders: Set<String>) -> Endpoint {
        let endpointMin = raw.versions.min ?? apiMin
        let samples = raw.samples.map { sample -> SampleReference in
            // The loader already refused (and reported) paths that leave the root; here the
            // lexical path is enough, and spares a realpath per sample.
            let path = PathUtilities.normalizeRelative(PathUtilities.join(sample.base, sample.written)) ?? sample.written
            if let folder = SampleVersions.folderVersion(in: path) {
                return SampleReference(path: path, direction: sample.direction, version: folder, versionSource: .folder,
                                       range: sample.range, caption: sample.caption)
            }
            return SampleReference(path: path, direction: sample.direction, version: endpointMin,
                                   versionSource: .endpoint, range: sample.range, caption: sample.caption)
        }
        var request: [RawEndpoint.ParameterItem] = []
        var response: [RawEndpoint.ParameterItem] = []
        for list in raw.lists {
            // A list outside a Request/Response subsection: the first is the request.
            let direction = list.direction ?? (request.isEmpty && !raw.lists.contains { $0.direction == .request }
                                                   ? .request : .response)
            if direction == .request { request += list.items } else { response += list.items }
        }
        func references(_ items: [RawEndpoint.ParameterItem], _ direction: SampleDirection) -> [ParameterReference] {
            let shape = SampleShape()
            for sample in samples where sample.direction == direction {
                if let value = documents[sample.path]?.value { shape.add(value) }
            }
            let names = ParameterNesting.normalize(
                items.map { ParameterNesting.Item(name: $0.name, definition: definitions[$0.key]) },
                shape: shape, placeholders: placeholders)
            return zip(items, names).map { ParameterReference(name: $1, key: $0.key, range: $0.keyRange) }
        }
        let description = raw.description.isEmpty ? nil
            : MarkdownText(raw.description.joined(separator: "\n\n"), range: raw.descriptionRange ?? raw.range)
        return Endpoint(id: raw.id, method: raw.method, path: raw.path, title: raw.title, versions: raw.versions,
                        successCodes: raw.successCodes, errorCodes: raw.errorCodes,
                        request: references(request, .request), response: references(response, .response),
                        samples: samples, description: description, page: page, range: raw.range,
                        minVersionRange: raw.minVersionRange, maxVersionRange: raw.maxVersionRange)
    }
}
