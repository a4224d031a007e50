/// AR029 value-not-in-enum: a sample value is not one of its definition's `enum` values.
public enum ValueNotInEnum: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR029", name: "value-not-in-enum", severity: .error,
        summary: "sample value is not one of the allowed values",
        documentation: RuleDocumentation(
            what: "A scalar in a sample whose definition lists `enum` values, and the value is not among them.",
            why: "Either the list of values in the docs is incomplete or the sample shows a value the API never returns.",
            example: """
            # status: enum: [ACTIVE, BUILD, ERROR]
            {"server": {"status": "RUNNING"}}
            """,
            fix: "Use one of the listed values, or add the value to `enum`."
        )
    )

    /// What the samples' walk found.
    public static let inputs: RuleInputs? = [.sampleFindings]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        context.sampleFindings.compactMap { finding in
            guard case .notInEnum(let field, let value, let definition) = finding.kind else { return nil }
            let allowed = (definition.enumValues ?? []).map { "'\($0)'" }.joined(separator: ", ")
            return diagnostic(
                "field '\(field)' is '\(value)', not one of the values of '\(definition.key)'",
                at: finding.range, microversion: finding.sample.version, pointer: finding.pointer,
                label: "allowed: \(allowed)",
                notes: [DiagnosticNote("'\(definition.key)' is defined here", at: definition.range)],
                help: "use one of \(allowed), or add '\(value)' to the enum of '\(definition.key)'")
        }
    }
}
