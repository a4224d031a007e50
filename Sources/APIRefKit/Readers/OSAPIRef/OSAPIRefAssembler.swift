/// The tree-wide step: attaches samples to endpoints at their microversions, gives
/// parameter lists their directions and full dotted names, and builds the model's pages.
struct OSAPIRefAssembler {
    private let definitions: [String: ParameterDefinition]
    private let apiMin: Microversion

    /// `definitions`: the definitions by key (the first of a key, as one lookup table).
    init(definitions: [String: ParameterDefinition], apiMin: Microversion) {
        self.definitions = definitions
        self.apiMin = apiMin
    }

    /// The definitions by key, the first of each key winning (`definitions` in file order).
    static func byKey(_ definitions: [ParameterDefinition]) -> [String: ParameterDefinition] {
        var byKey: [String: ParameterDefinition] = [:]
        byKey.reserveCapacity(definitions.count)
        for definition in definitions where byKey[definition.key] == nil { byKey[definition.key] = definition }
        return byKey
    }

    /// Fingerprints of what the endpoints are made from, for `serve`'s cache: of each raw page
    /// (its build's key) and of each sample's text, by path.
    struct Fingerprints {
        let pages: [Int]
        let samples: [String: Int]
        /// Per page, of what its endpoints read of the definitions: everything the definitions
        /// are made from (the parameters files, the index) for a page with parameter tables
        /// outside its endpoints (filled into its endpoints' descriptions), else each
        /// definition's key, location and type (all assembling reads of them): a description
        /// edit keeps the endpoints of pages without such tables.
        let definitions: [Int]
    }

    func pages(_ raw: [RawPage], samples: [String: SampleDocument], fingerprints: Fingerprints? = nil) -> [Page] {
        var endpointFingerprints: [Int] = []
        return pages(raw, samples: samples, fingerprints: fingerprints, endpointFingerprints: &endpointFingerprints)
    }

    /// `pages`, giving with `fingerprints` one for each endpoint made, in model order (its
    /// step's key: everything it was made from).
    func pages(_ raw: [RawPage], samples: [String: SampleDocument], fingerprints: Fingerprints?,
               endpointFingerprints: inout [Int]) -> [Page] {
        // Names that are path placeholders anywhere (`network_label`, `key`) may name map keys.
        var placeholders = Set<String>()
        for page in raw.indices {
            for position in raw[page].endpoints.indices {
                placeholders.formUnion(PathTemplate.placeholders(in: raw[page].endpoints[position].path.value))
            }
        }
        let placeholdersFingerprint = fingerprints == nil ? 0 : placeholders.hashValue
        // Where each page's endpoints start in model order.
        var firstOfPage: [Int] = []
        var count = 0
        for page in raw {
            firstOfPage.append(count)
            count += page.endpoints.count
        }
        var made = [(Endpoint, Int)?](repeating: nil, count: count)
        // `serve`: a page whose build, samples and definitions did not change keeps its
        // endpoints whole, one lookup for all of them (most pages at most rebuilds); the
        // endpoints of the others are each kept or made by their own step.
        var missedPages: [(number: Int, step: PageEndpointsStep)] = []
        if let fingerprints, let cache = ReadCache.current {
            for (number, page) in raw.enumerated() {
                let step = PageEndpointsStep(
                    page: fingerprints.pages[number], apiMin: apiMin, placeholders: placeholdersFingerprint,
                    definitions: fingerprints.definitions[number],
                    samples: page.endpoints.flatMap { $0.samples.map { fingerprints.samples[samplePath($0)] ?? 0 } })
                if let kept = cache.kept(step, as: [(Endpoint, Int)].self), kept.count == page.endpoints.count {
                    for (offset, endpoint) in kept.enumerated() { made[firstOfPage[number] + offset] = endpoint }
                } else {
                    missedPages.append((number, step))
                }
            }
        }
        let missing: [(page: Int, position: Int)] = fingerprints != nil && ReadCache.current != nil
            ? missedPages.flatMap { page in raw[page.number].endpoints.indices.map { (page.number, $0) } }
            : raw.indices.flatMap { number in raw[number].endpoints.indices.map { (number, $0) } }
        // Endpoints are independent of each other: assembled across the cores, kept in order.
        let assembledNow = Parallel.map(missing.count) { index -> (Endpoint, Int) in
            let (pageNumber, position) = missing[index]
            let make = {
                endpoint(for: raw[pageNumber].endpoints[position], page: raw[pageNumber].path, samples: samples,
                         placeholders: placeholders)
            }
            guard let fingerprints else { return (make(), 0) }
            let step = EndpointStep(page: fingerprints.pages[pageNumber], position: position,
                                    apiMin: apiMin, placeholders: placeholdersFingerprint,
                                    definitions: definitionsFingerprint(raw[pageNumber].endpoints[position]),
                                    // Parameter tables filled into it come from the definitions.
                                    description: TextKey(raw[pageNumber].endpoints[position].description.joined(separator: "\n\n")),
                                    samples: raw[pageNumber].endpoints[position].samples.map { fingerprints.samples[samplePath($0)] ?? 0 })
            return (ReadCache.memoized(step, make: make), step.hashValue)
        }
        for (index, item) in missing.enumerated() { made[firstOfPage[item.page] + item.position] = assembledNow[index] }
        if let cache = ReadCache.current, fingerprints != nil {
            for page in missedPages {
                let first = firstOfPage[page.number]
                cache.keep(page.step, made[first..<first + raw[page.number].endpoints.count].map { $0! })
            }
        }
        let all = made.map { $0! }
        if fingerprints != nil { endpointFingerprints = all.map(\.1) }
        var assembled = all.map(\.0)[...]
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

    /// What assembling an endpoint reads of the definitions its lists name: where and what
    /// they are (see `ParameterNesting`).
    private func definitionsFingerprint(_ raw: RawEndpoint) -> Int {
        var hasher = Hasher()
        for list in raw.lists {
            for item in list.items {
                let definition = definitions[item.key]
                hasher.combine(definition?.location)
                hasher.combine(definition?.type)
            }
        }
        return hasher.finalize()
    }

    /// A sample's root-relative path. The loader already refused (and reported) paths that
    /// leave the root; here the lexical path is enough, and spares a realpath per sample.
    private func samplePath(_ sample: RawEndpoint.Sample) -> String {
        PathUtilities.normalizeRelative(PathUtilities.join(sample.base, sample.written)) ?? sample.written
    }

    private func endpoint(for raw: RawEndpoint, page: String, samples documents: [String: SampleDocument],
                          placeholders: Set<String>) -> Endpoint {
        let endpointMin = raw.versions.min ?? apiMin
        let samples = raw.samples.map { sample -> SampleReference in
            let path = samplePath(sample)
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

/// A page's endpoints assembled: its build, and fingerprints of all else they read.
private struct PageEndpointsStep: Hashable {
    let page: Int
    let apiMin: Microversion
    let placeholders: Int
    let definitions: Int
    let samples: [Int]
}

/// One endpoint assembled: its raw endpoint (by its page's build and its place there), and
/// fingerprints of what else it reads (see `ReadCache.step`).
private struct EndpointStep: Hashable {
    let page: Int
    let position: Int
    let apiMin: Microversion
    let placeholders: Int
    let definitions: Int
    let description: TextKey
    let samples: [Int]
}
