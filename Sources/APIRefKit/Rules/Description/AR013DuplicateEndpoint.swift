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
        var found: [Diagnostic] = []
        var seen: [String: [Endpoint]] = [:]
        for endpoint in model.endpoints {
            let key = endpoint.method + " " + normalized(endpoint.path.value)
            for earlier in seen[key, default: []] where model.window(of: earlier).overlaps(model.window(of: endpoint))
                && !dispatchesOnBody(earlier, endpoint, model: model) {
                found.append(diagnostic(
                    "endpoint '\(endpoint.signature)' is documented twice for overlapping versions",
                    at: endpoint.path.range,
                    notes: [DiagnosticNote("also documented here (\(model.window(of: earlier)))", at: earlier.path.range)],
                    help: "merge the two endpoints, or make their version windows adjacent"))
                break
            }
            seen[key, default: []].append(endpoint)
        }
        return found
    }

    /// Action-style endpoints share a URL and are told apart by the body: `{"pause": null}`
    /// vs `{"unpause": null}`. Disjoint, non-empty sets of top-level body fields mean that;
    /// an endpoint that documents no body field is judged by its request samples.
    static func dispatchesOnBody(_ a: Endpoint, _ b: Endpoint, model: APIModel) -> Bool {
        func topLevel(_ endpoint: Endpoint) -> Set<Substring> {
            let documented = Set(endpoint.request.compactMap { reference in
                model.definition(reference.key)?.location == .body ? reference.segments.first : nil
            })
            guard documented.isEmpty else { return documented }
            var shown = Set<Substring>()
            for sample in endpoint.samples where sample.direction == .request {
                guard case .object(let members)? = model.samples[sample.path]?.value?.kind else { continue }
                for member in members { shown.insert(Substring(member.key)) }
            }
            return shown
        }
        let first = topLevel(a), second = topLevel(b)
        return !first.isEmpty && !second.isEmpty && first.isDisjoint(with: second)
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
