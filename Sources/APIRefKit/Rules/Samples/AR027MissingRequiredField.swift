/// AR027 missing-required-field: a sample lacks a field documented as required at its version.
public enum MissingRequiredField: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR027", name: "missing-required-field", severity: .error,
        summary: "sample lacks a required field",
        documentation: RuleDocumentation(
            what: "A field documented with `required: true`, in window at the sample's microversion, is absent from an object of the sample whose parent is present.",
            why: "A required field that the sample omits is either not required or the sample is incomplete; clients that trust either one break.",
            example: """
            # server.status: required: true
            {"server": {"id": "1"}}
            """,
            fix: "Add the field to the sample, or mark it `required: false`."
        )
    )

    /// What the samples' walk found.
    public static let inputs: RuleInputs? = [.sampleFindings]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        context.sampleFindings.compactMap { finding in
            guard case .missingRequired(let field, let definition) = finding.kind else { return nil }
            return diagnostic(
                "required field '\(field)' is missing at \(finding.sample.version)",
                at: finding.range, microversion: finding.sample.version, pointer: finding.pointer,
                label: "this object lacks '\(field.split(separator: ".").last.map(String.init) ?? field)'",
                notes: [DiagnosticNote("'\(definition.key)' is defined as required here", at: definition.range)],
                help: "add '\(field)' to the sample, or set `required: false` on '\(definition.key)'")
        }
    }
}
