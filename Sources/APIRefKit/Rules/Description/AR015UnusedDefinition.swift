/// AR015 unused-definition: a definition no endpoint refers to.
public enum UnusedDefinition: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR015", name: "unused-definition", severity: .warning,
        summary: "definition is used by no endpoint",
        documentation: RuleDocumentation(
            what: "A parameters.yaml entry that no endpoint's request or response list refers to.",
            why: "Dead definitions rot: they are not rendered, not checked against samples, and mislead whoever edits the file.",
            example: """
            legacy_flag:       # referenced nowhere
              in: body
            """,
            fix: "Remove the definition, or add it to the endpoint that uses it."
        )
    )

    /// The definitions, and the endpoints' lists naming them.
    public static let inputs: RuleInputs? = [.definitions, .endpoints]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        // A key is used when some parameter names it, that is, names its first definition.
        let model = context.model
        var used = [Bool](repeating: false, count: model.definitions.count)
        for definitions in context.definitions {
            for position in definitions.positions { used[position] = true }
        }
        return model.definitions.filter { !used[model.definitionPosition($0.key)!] }.map { definition in
            diagnostic("definition '\(definition.key)' is not used by any endpoint", at: definition.range,
                       help: "remove it, or list it in the endpoint that uses it")
        }
    }
}
