/// AR017 path-parameter-not-in-template: an `in: path` parameter has no `{name}` in the path.
public enum PathParameterNotInTemplate: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR017", name: "path-parameter-not-in-template", severity: .error,
        summary: "path parameter is not in the path template",
        documentation: RuleDocumentation(
            what: "The request list documents an `in: path` parameter whose display name is not a `{placeholder}` of the endpoint's path.",
            why: "Usually a renamed placeholder or a copy-pasted list: the docs describe a URL segment that does not exist.",
            example: """
            path: /flavors/{flavor_id}
            request:
              - server_id: server_id_path
            """,
            fix: "Rename the display name to match the placeholder, or remove the parameter."
        )
    )

    /// The endpoints' paths and request lists, the definitions they name.
    public static let inputs: RuleInputs? = [.definitions, .endpoints]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        let model = context.model
        var found: [Diagnostic] = []
        for (endpoint, definitions) in zip(model.endpoints, context.definitions) {
            let placeholders = endpoint.pathParameterNames
            for (reference, definition) in zip(endpoint.request, definitions.request) {
                guard let definition, definition.location == .path, definition.isComplete else { continue }
                guard !placeholders.contains(reference.name) else { continue }
                let suggestion = Spelling.closest(to: reference.name, among: placeholders)
                found.append(diagnostic(
                    "path parameter '\(reference.name)' is not in the path '\(endpoint.path.value)'",
                    at: reference.range,
                    label: suggestion.map { "did you mean '\($0)'?" },
                    help: suggestion.map { "rename it to '\($0)'" } ?? "remove it, or add '{\(reference.name)}' to the path"))
            }
        }
        return found
    }
}
