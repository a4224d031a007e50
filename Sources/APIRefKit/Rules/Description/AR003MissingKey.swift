/// AR003 missing-key: a required key is absent.
public enum MissingKey: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR003", name: "missing-key", severity: .error,
        summary: "required key is missing",
        documentation: RuleDocumentation(
            what: "A project file, parameter definition or endpoint block lacks a key it must have (`in`, `type`, `required`, `description`; `method`, `path`; `title`, `service`...).",
            why: "Without it the reference cannot say where a parameter goes, what it holds, or which request an endpoint is.",
            example: """
            flavor_id:
              in: path
              description: The flavor's ID.
            """,
            fix: "Add the key with its value."
        )
    )

    public static func make(key: String, in context: String, at range: SourceRange) -> Diagnostic {
        diagnostic("\(context) lacks required key '\(key)'", at: range, help: "add '\(key):' to it")
    }
}
