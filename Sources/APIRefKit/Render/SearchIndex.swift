/// The client-side search index: every endpoint with its method, path, title, page and the
/// names of its parameters, with windows where they are narrower than what holds them. It is
/// written as a script that assigns the JSON (not a `.json` file) so that search also works on
/// a site opened from disk, where browsers refuse `fetch` of local files.
struct SearchIndex {
    struct Entry {
        /// method, path, title, group (page title), url (from the site root)
        let m: String, p: String, t: String, g: String, u: String
        let lo: String?, hi: String?
        let f: [Field]
    }

    struct Field {
        /// name, direction (`req`/`resp`), anchor
        let n: String, d: String, a: String
        let lo: String?, hi: String?
    }

    let versions: [String]
    let endpoints: [Entry]

    /// `anchors` gives an endpoint's parameter anchors (the site builder's, made once).
    init(model: APIModel, layout: SiteLayout, scale: VersionScale,
         anchors: (Endpoint) -> (request: [String], response: [String]) = ParameterAnchors.of) {
        versions = scale.versions.map(\.description)
        var entries: [Entry] = []
        for page in model.pages {
            let pagePath = layout.path(of: page)
            for endpoint in page.endpoints {
                let window = model.window(of: endpoint)
                var fields: [Field] = []
                let lists = anchors(endpoint)
                for direction in [SampleDirection.request, .response] {
                    let references = direction == .request ? endpoint.request : endpoint.response
                    let anchors = direction == .request ? lists.request : lists.response
                    for (reference, anchor) in zip(references, anchors) {
                        let field = model.definition(reference.key).map { model.window(of: $0) } ?? window
                        fields.append(Field(n: reference.name, d: direction == .request ? "req" : "resp", a: anchor,
                                            lo: Self.bound(field.min, narrowerThan: window.min, by: >),
                                            hi: Self.bound(field.max, narrowerThan: window.max, by: <)))
                    }
                }
                entries.append(Entry(m: endpoint.method, p: endpoint.path.value, t: endpoint.title, g: page.title,
                                     u: pagePath + "#" + endpoint.id,
                                     lo: Self.bound(window.min, narrowerThan: scale.api.min, by: >),
                                     hi: Self.bound(window.max, narrowerThan: scale.api.max, by: <),
                                     f: fields))
            }
        }
        endpoints = entries
    }

    private static func bound(_ value: Microversion?, narrowerThan outer: Microversion?,
                              by isNarrower: (Microversion, Microversion) -> Bool) -> String? {
        guard let value, let outer, isNarrower(value, outer) else { return nil }
        return value.description
    }

    /// Keys sorted, absent bounds left out.
    func script() -> String {
        func bounds(_ lo: String?, _ hi: String?) -> [(String, JSONOutput)] {
            [("hi", hi), ("lo", lo)].compactMap { key, value in value.map { (key, .string($0)) } }
        }
        let entries = endpoints.map { entry -> JSONOutput in
            let fields = entry.f.map { field -> JSONOutput in
                .object([("a", .string(field.a)), ("d", .string(field.d))] + bounds(field.lo, field.hi) + [("n", .string(field.n))])
            }
            return .object([("f", .array(fields)), ("g", .string(entry.g))] + bounds(entry.lo, entry.hi)
                + [("m", .string(entry.m)), ("p", .string(entry.p)), ("t", .string(entry.t)), ("u", .string(entry.u))])
        }
        let json = JSONOutput.object([("endpoints", .array(entries)), ("versions", .array(versions.map { .string($0) }))])
        return "self.APIREF_SEARCH_INDEX=" + json.serialized() + ";\n"
    }
}
