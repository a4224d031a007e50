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

    /// Keys sorted, absent bounds left out. Written straight into the bytes (compact JSON, as
    /// `JSONOutput` writes it): nova's index has ~2,500 objects, and a tree of values made
    /// first, then walked, took as long as the rest of the index.
    func script() -> [UInt8] {
        let out = ByteWriter(capacity: 64 * 1024)
        func member(_ key: StaticString, _ value: String, first: Bool = false) {
            if !first { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out.append(literal: key)
            out.append(literal: "\":")
            JSONOutput.quote(value, into: out)
        }
        func bounds(_ lo: String?, _ hi: String?) {
            if let hi { member("hi", hi) }
            if let lo { member("lo", lo) }
        }
        out.append(literal: "self.APIREF_SEARCH_INDEX={\"endpoints\":[")
        for (index, entry) in endpoints.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(literal: "{\"f\":[")
            for (fieldIndex, field) in entry.f.enumerated() {
                if fieldIndex > 0 { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "{"))
                member("a", field.a, first: true)
                member("d", field.d)
                bounds(field.lo, field.hi)
                member("n", field.n)
                out.append(UInt8(ascii: "}"))
            }
            out.append(UInt8(ascii: "]"))
            member("g", entry.g)
            bounds(entry.lo, entry.hi)
            member("m", entry.m)
            member("p", entry.p)
            member("t", entry.t)
            member("u", entry.u)
            out.append(UInt8(ascii: "}"))
        }
        out.append(literal: "],\"versions\":[")
        for (index, version) in versions.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            JSONOutput.quote(version, into: out)
        }
        out.append(literal: "]};\n")
        return out.bytes
    }
}
