/// AR028 type-mismatch: a sample value's JSON type differs from its definition's type.
public enum TypeMismatch: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR028", name: "type-mismatch", severity: .error,
        summary: "sample value has the wrong type",
        documentation: RuleDocumentation(
            what: "A value in a sample whose JSON type does not match the definition's `type` (or an array element that does not match `items`). `integer` accepts numbers without fraction or exponent; `number` accepts any number; `null` is accepted only for `nullable: true` or `type: null`.",
            why: "Clients are generated and written from these types: a string where the table says integer breaks someone.",
            example: """
            # ram: type: integer
            {"flavor": {"ram": "2048"}}
            """,
            fix: "Correct the sample's value, or the definition's type (set `nullable: true` if null is valid)."
        )
    )

    /// What the samples' walk found.
    public static let inputs: RuleInputs? = [.sampleFindings]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        context.sampleFindings.compactMap { finding in
            if case .bodyNotObject(let actual) = finding.kind {
                let direction = finding.sample.direction.rawValue
                return diagnostic("the \(direction) body is \(actual), but '\(finding.endpoint.signature)' documents an object",
                                  at: finding.range, microversion: finding.sample.version, pointer: "",
                                  label: "expected an object",
                                  notes: [DiagnosticNote("the endpoint is defined here", at: finding.endpoint.range)],
                                  help: "make the sample a JSON object with the documented fields")
            }
            guard case .typeMismatch(let field, let expected, let actual, let definition) = finding.kind else { return nil }
            return diagnostic(
                "field '\(field)' is \(actual), but '\(definition.key)' is \(expected)",
                at: finding.range, microversion: finding.sample.version, pointer: finding.pointer,
                label: "expected \(expected)",
                notes: [DiagnosticNote("'\(definition.key)' is defined here", at: definition.range)],
                help: actual == "null" ? "set `nullable: true` on '\(definition.key)', or use a \(expected) value"
                    : "use a \(expected) value, or correct the type of '\(definition.key)'")
        }
    }
}
