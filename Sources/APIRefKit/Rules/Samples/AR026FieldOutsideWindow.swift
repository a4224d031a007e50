/// AR026 field-outside-window: a sample has a field documented only for other microversions.
public enum FieldOutsideWindow: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR026", name: "field-outside-window", severity: .error,
        summary: "sample field is documented, but not at the sample's microversion",
        documentation: RuleDocumentation(
            what: "A field of a sample that the endpoint documents, but whose definition window does not contain the sample's microversion (e.g. added in 2.47, present in a 2.3 sample).",
            why: "Either the sample is filed under the wrong version, or the definition's min_version/max_version is wrong; clients pinned to that version would be misled.",
            example: """
            # locked: min_version "2.9"
            # samples/servers/v2.8/server-show-resp.json contains "locked": false
            """,
            fix: "Move the sample to a version inside the field's window, or correct the definition's window."
        )
    )

    /// What the samples' walk found, and the definitions' windows within the API range.
    public static let inputs: RuleInputs? = [.sampleFindings, .project]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        context.sampleFindings.compactMap { finding in
            guard case .outsideWindow(let field, let definition) = finding.kind else { return nil }
            let window = context.model.window(of: definition)
            let version = finding.sample.version
            return diagnostic(
                "field '\(field)' is not in the \(finding.sample.direction.rawValue) of '\(finding.endpoint.signature)' at \(version)",
                at: finding.range, microversion: version, pointer: finding.pointer,
                label: "documented for \(window)",
                notes: [DiagnosticNote("'\(definition.key)' is defined here",
                                       at: definition.minVersionRange ?? definition.maxVersionRange ?? definition.range)],
                help: "move the sample to a version within \(window), or correct the window of '\(definition.key)'")
        }
    }
}
