/// AR023 duplicate-json-key: an object in a sample has the same key twice.
public enum DuplicateJSONKey: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR023", name: "duplicate-json-key", severity: .error,
        summary: "sample object has a key twice",
        documentation: RuleDocumentation(
            what: "A JSON object in a sample with two members of the same name.",
            why: "JSON parsers disagree on which one wins (most keep the last silently), so the sample shows something no server sends.",
            example: """
            {"server": {"name": "a", "name": "b"}}
            """,
            fix: "Remove one of the two members."
        )
    )

    /// What the samples' walk found.
    public static let inputs: RuleInputs? = [.sampleFindings]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        context.sampleFindings.compactMap { finding in
            guard case .duplicateKey(let key, let first) = finding.kind else { return nil }
            return diagnostic("key '\(key)' appears twice in one object", at: finding.range,
                              pointer: finding.pointer, label: "duplicate key",
                              notes: [DiagnosticNote("first used here", at: first.in(finding.file))],
                              help: "remove one of the two members")
        }
    }
}
