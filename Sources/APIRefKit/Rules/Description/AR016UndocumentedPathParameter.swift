/// AR016 undocumented-path-parameter: a `{name}` of the path template has no parameter.
public enum UndocumentedPathParameter: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR016", name: "undocumented-path-parameter", severity: .error,
        summary: "path placeholder is not documented",
        documentation: RuleDocumentation(
            what: "The path template has a `{name}` placeholder but the request list has no `in: path` parameter with that display name.",
            why: "Readers cannot tell what goes in that part of the URL.",
            example: """
            path: /servers/{server_id}/tags/{tag}
            request:
              - server_id: server_id_path     # {tag} is not documented
            """,
            fix: "Add `- name: definition` with an `in: path` definition to the request list."
        )
    )

    /// The endpoints' paths and request lists, the definitions they name.
    public static let inputs: RuleInputs? = [.definitions, .endpoints]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        let model = context.model
        var found: [Diagnostic] = []
        for (endpoint, definitions) in zip(model.endpoints, context.definitions) {
            // A reference to an undefined or broken definition is reported by its own rule.
            let documented = Set(zip(endpoint.request, definitions.request).filter { _, definition in
                guard let definition else { return true }
                return definition.location == .path || !definition.isComplete
            }.map(\.0.name))
            for name in endpoint.pathParameterNames where !documented.contains(name) {
                found.append(diagnostic("path parameter '{\(name)}' of '\(endpoint.signature)' is not documented",
                                        at: endpoint.path.range,
                                        help: "add `- \(name): <definition with in: path>` to the request list"))
            }
        }
        return found
    }
}
