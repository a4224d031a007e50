/// AR014 undefined-reference: an endpoint names a definition key that parameters.yaml lacks.
public enum UndefinedReference: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR014", name: "undefined-reference", severity: .error,
        summary: "parameter refers to an undefined definition",
        documentation: RuleDocumentation(
            what: "A `- display_name: definition_key` item whose key is not defined in parameters.yaml.",
            why: "The parameter table row would be empty: no type, no description, no version window, and samples cannot be checked.",
            example: """
            response:
              - id: server_idd
            """,
            fix: "Correct the key (see the suggestion) or add the definition to parameters.yaml."
        )
    )

    /// The endpoints' lists, the definitions' keys, and the parameters file's name.
    public static let inputs: RuleInputs? = [.project, .definitions, .endpoints]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        let model = context.model
        // An unreadable parameters file is reported itself; its keys are unknown, not missing.
        guard model.definitionsAreComplete else { return [] }
        let keys = model.definitions.map(\.key)
        var found: [Diagnostic] = []
        for (endpoint, definitions) in zip(model.endpoints, context.definitions) {
            let undefined = zip(endpoint.request, definitions.request).filter { $0.1 == nil }
                + zip(endpoint.response, definitions.response).filter { $0.1 == nil }
            for (reference, _) in undefined {
                let suggestion = Spelling.closest(to: reference.key, among: keys)
                found.append(diagnostic(
                    "'\(reference.key)' is not defined in \(model.project.parametersFile)",
                    at: reference.range,
                    label: suggestion.map { "did you mean '\($0)'?" },
                    help: suggestion.map { "change it to '\($0)'" } ?? "add '\(reference.key)' to \(model.project.parametersFile)"))
            }
        }
        return found
    }
}
