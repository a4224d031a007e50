/// AR013 duplicate-endpoint: two endpoints with the same method and path overlap in versions.
public enum DuplicateEndpoint: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR013", name: "duplicate-endpoint", severity: .error,
        summary: "same method and path documented twice at one version",
        documentation: RuleDocumentation(
            what: "Two endpoint blocks have the same method and path template (placeholder names ignored) and version windows that overlap. Endpoints whose request bodies have disjoint top-level fields (as documented, or else as their request samples show) are different operations on one URL (nova's `POST /servers/{server_id}/action` with `pause`, `unpause`, ...) and are not reported.",
            why: "At the overlapping versions a reader sees two different descriptions of one request, and samples cannot say which one they follow.",
            example: """
            method: GET
            path: /servers/{server_id}      # on two pages, both for all versions
            """,
            fix: "Merge the two blocks, or give them adjacent windows (max_version on the old one, min_version on the new one)."
        )
    )

    /// Routes, windows and body fields: documented, or else shown by the request samples.
    public static let inputs: RuleInputs? = [.project, .definitions, .endpoints, .sampleContents]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        let model = context.model
        let endpoints = model.endpoints
        var found: [Diagnostic] = []
        /// The endpoints seen so far on one route, and (once a second one comes) by the
        /// top-level body fields they take.
        struct Route {
            var all: [Int] = []
            var withoutBody: [Int] = []
            var byField: [Substring: [Int]] = [:]
        }
        var routes: [String: Route] = [:]
        var bodies: [Int: Set<Substring>] = [:]
        func body(_ index: Int) -> Set<Substring> {
            if let known = bodies[index] { return known }
            let keys = topLevelBodyKeys(endpoints[index], definitions: context.definitions[index].request, model: model)
            bodies[index] = keys
            return keys
        }
        func file(_ index: Int, under key: String) {
            let body = body(index)
            // In place: a copy of the route would copy its lists at each endpoint.
            if body.isEmpty { routes[key, default: Route()].withoutBody.append(index) }
            for field in body { routes[key, default: Route()].byField[field, default: []].append(index) }
        }
        let windows = endpoints.map { model.window(of: $0) }
        for (index, endpoint) in endpoints.enumerated() {
            let key = endpoint.method + " " + normalized(endpoint.path.value)
            guard let seen = routes[key]?.all else {
                routes[key] = Route(all: [index])
                continue
            }
            // The first on its route is filed by its body only now: most routes have one.
            if seen.count == 1 { file(seen[0], under: key) }
            // Action-style endpoints share a URL and are told apart by the body (`{"pause":
            // null}` vs `{"unpause": null}`): only those sharing a body field, or where one has
            // none, can be the same. nova documents ~80 actions on one URL: looked up by field
            // rather than compared pair by pair.
            let own = body(index)
            let candidates: [Int] = {
                guard let route = routes[key] else { return [] }
                guard !own.isEmpty else { return route.all }
                var candidates = route.withoutBody
                for field in own { candidates += route.byField[field] ?? [] }
                return candidates.sorted()
            }()
            if let earlierIndex = candidates.first(where: { windows[$0].overlaps(windows[index]) }) {
                found.append(diagnostic(
                    "endpoint '\(endpoint.signature)' is documented twice for overlapping versions",
                    at: endpoint.path.range,
                    notes: [DiagnosticNote("also documented here (\(windows[earlierIndex]))", at: endpoints[earlierIndex].path.range)],
                    help: "merge the two endpoints, or make their version windows adjacent"))
            }
            routes[key, default: Route()].all.append(index)
            file(index, under: key)
        }
        return found
    }

    /// The top-level body fields an endpoint documents, or else those its request samples
    /// show. Disjoint, non-empty sets mean two endpoints on one URL are different actions.
    static func topLevelBodyKeys(_ endpoint: Endpoint, definitions: [ParameterDefinition?], model: APIModel) -> Set<Substring> {
        let documented = Set(zip(endpoint.request, definitions).compactMap { reference, definition in
            definition?.location == .body ? reference.segments.first : nil
        })
        guard documented.isEmpty else { return documented }
        var shown = Set<Substring>()
        for sample in endpoint.samples where sample.direction == .request {
            guard case .object(let members)? = model.samples[sample.path]?.value?.kind else { continue }
            for member in members { shown.insert(Substring(member.key)) }
        }
        return shown
    }

    /// `/servers/{id}` and `/servers/{server_id}` are the same route. By bytes: braces are
    /// ASCII, and every endpoint's path passes here.
    static func normalized(_ path: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(path.utf8.count)
        var inPlaceholder = false
        for byte in path.utf8 {
            if byte == UInt8(ascii: "{") {
                inPlaceholder = true
                result += [UInt8(ascii: "{"), UInt8(ascii: "}")]
            } else if byte == UInt8(ascii: "}") {
                inPlaceholder = false
            } else if !inPlaceholder {
                result.append(byte)
            }
        }
        if result.count > 1, result.last == UInt8(ascii: "/") { result.removeLast() }
        return String(decoding: result, as: UTF8.self)
    }
}
