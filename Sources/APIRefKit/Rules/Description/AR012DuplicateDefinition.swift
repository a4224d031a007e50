/// AR012 duplicate-definition: parameters.yaml defines the same key twice.
public enum DuplicateDefinition: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR012", name: "duplicate-definition", severity: .error,
        summary: "definition key is defined twice",
        documentation: RuleDocumentation(
            what: "Two top-level entries of parameters.yaml have the same key.",
            why: "YAML loaders disagree on duplicates (most keep the last one silently), so one of the two definitions never shows.",
            example: """
            server_id:
              in: path
              ...
            server_id:
              in: body
              ...
            """,
            fix: "Rename one of them (e.g. `server_id_path` and `server_id_body`) and update its references."
        )
    )

    public static func make(key: String, at range: SourceRange, first: SourceRange) -> Diagnostic {
        diagnostic("definition '\(key)' is defined more than once", at: range,
                   notes: [DiagnosticNote("first defined here", at: first)],
                   help: "rename or remove one of the two definitions")
    }
}
