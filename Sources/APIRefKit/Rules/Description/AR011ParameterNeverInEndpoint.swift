/// AR011 parameter-outside-endpoint: a parameter's window does not meet its endpoint's.
public enum ParameterOutsideEndpoint: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR011", name: "parameter-outside-endpoint", severity: .warning,
        summary: "parameter's version window misses its endpoint's",
        documentation: RuleDocumentation(
            what: "An endpoint lists a parameter whose definition window shares no microversion with the endpoint's own window.",
            why: "The parameter is shown at no version of that endpoint: either the endpoint's range or the definition's is wrong.",
            example: """
            # endpoint max_version: "2.3"
            - tags: server_tags     # server_tags has min_version: "2.26"
            """,
            fix: "Correct one of the two windows, or remove the parameter from this endpoint."
        )
    )

    /// The endpoints' lists and windows, the definitions they name (windows within the API range).
    public static let inputs: RuleInputs? = [.project, .definitions, .endpoints]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        let model = context.model
        var found: [Diagnostic] = []
        for (endpoint, definitions) in zip(model.endpoints, context.definitions) {
            let window = model.window(of: endpoint)
            guard !window.isEmpty else { continue }
            for (references, named) in [(endpoint.request, definitions.request), (endpoint.response, definitions.response)] {
                for (reference, definition) in zip(references, named) {
                    guard let definition else { continue }
                    let parameterWindow = model.window(of: definition)
                    guard !parameterWindow.overlaps(window), !parameterWindow.isEmpty else { continue }
                    found.append(diagnostic(
                        "'\(reference.name)' exists at \(parameterWindow), never within '\(endpoint.signature)' (\(window))",
                        at: reference.range,
                        notes: [DiagnosticNote("'\(definition.key)' is defined here", at: definition.range)],
                        help: "correct the version window of the definition or of the endpoint"))
                }
            }
        }
        return found
    }
}
