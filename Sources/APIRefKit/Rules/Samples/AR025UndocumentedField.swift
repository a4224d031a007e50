/// AR025 undocumented-field: a sample has a field the endpoint does not document.
public enum UndocumentedField: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR025", name: "undocumented-field", severity: .error,
        summary: "sample field is not documented for this endpoint",
        documentation: RuleDocumentation(
            what: "A member of a sample's JSON body that the endpoint's request (for request samples) or response (for response samples) parameter list does not name at any version. Nesting follows dotted display names; arrays of objects are entered element by element; an `object` with no documented children accepts anything.",
            why: "The sample shows something the reference does not explain: either the sample is stale or the parameter table misses a row.",
            example: """
            {"server": {"id": "1", "locked_reason": null}}   # 'server.locked_reason' not in the response list
            """,
            fix: "Document the field in the endpoint's parameter list (and parameters.yaml), or remove it from the sample."
        )
    )

    /// What the samples' walk found.
    public static let inputs: RuleInputs? = [.sampleFindings]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        context.sampleFindings.compactMap { finding in
            guard case .undocumented(let field) = finding.kind else { return nil }
            let direction = finding.sample.direction.rawValue
            return diagnostic(
                "field '\(field)' is not documented in the \(direction) of '\(finding.endpoint.signature)'",
                at: finding.range, microversion: finding.sample.version, pointer: finding.pointer,
                label: "not in the \(direction) parameters",
                notes: [DiagnosticNote("the endpoint is defined here", at: finding.endpoint.range)],
                help: "add '\(field.replacingBrackets())' to the \(direction) list, or remove it from the sample")
        }
    }
}

extension String {
    /// `a.b[0].c` -> `a.b.c`, the display-name form of a sample field path.
    func replacingBrackets() -> String {
        var result = ""
        var skipping = false
        for character in self {
            if character == "[" { skipping = true } else if character == "]" { skipping = false } else if !skipping { result.append(character) }
        }
        return result
    }
}
