/// AR013 duplicate-endpoint: two endpoints with the same method and path overlap in versions.
public enum DuplicateEndpoint: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR013", name: "duplicate-endpoint", severity: .error,
        summary: "same method and path documented twice at one version",
        documentation: RuleDocumentation(
            what: "Two endpoint blocks have the same method and path template (placeholder names ignored) and version windows that overlap.",
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
            for earlier in seen[key, default: []] where model.window(of: earlier).overlaps(model.window(of: endpoint)) {
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
