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

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        let model = context.model
        let endpoints = model.endpoints
        var found: [Diagnostic] = []
        var seen: [String: [Int]] = [:]
        // nova documents ~80 actions on one URL: each endpoint's body keys are worked out once,
        // not once per pair.
        var bodies: [Int: Set<Substring>] = [:]
        func body(_ index: Int) -> Set<Substring> {
            if let known = bodies[index] { return known }
            let keys = topLevelBodyKeys(endpoints[index], definitions: context.definitions[index].request, model: model)
            bodies[index] = keys
            return keys
        }
        let windows = endpoints.map { model.window(of: $0) }
        for (index, endpoint) in endpoints.enumerated() {
            let key = endpoint.method + " " + normalized(endpoint.path.value)
            for earlierIndex in seen[key, default: []] {
                let earlier = endpoints[earlierIndex]
                guard windows[earlierIndex].overlaps(windows[index]) else { continue }
                let first = body(earlierIndex), second = body(index)
                // Action-style endpoints share a URL and are told apart by the body:
                // `{"pause": null}` vs `{"unpause": null}`.
                if !first.isEmpty && !second.isEmpty && first.isDisjoint(with: second) { continue }
                found.append(diagnostic(
                    "endpoint '\(endpoint.signature)' is documented twice for overlapping versions",
                    at: endpoint.path.range,
                    notes: [DiagnosticNote("also documented here (\(windows[earlierIndex]))", at: earlier.path.range)],
                    help: "merge the two endpoints, or make their version windows adjacent"))
                break
            }
            seen[key, default: []].append(index)
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

    /// `/servers/{id}` and `/servers/{server_id}` are the same route.
    static func normalized(_ path: String) -> String {
        var result = ""
        var inPlaceholder = false
        for character in path {
            if character == "{" { inPlaceholder = true; result += "{}" } else if character == "}" { inPlaceholder = false } else if !inPlaceholder { result.append(character) }
        }
        return result.count > 1 && result.hasSuffix("/") ? String(result.dropLast()) : result
    }
}
