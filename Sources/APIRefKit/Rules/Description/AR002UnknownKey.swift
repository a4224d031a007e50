/// AR002 unknown-key: a mapping has a key the format does not define.
public enum UnknownKey: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR002", name: "unknown-key", severity: .error,
        summary: "key is not part of the format",
        documentation: RuleDocumentation(
            what: "A key in the project file, a parameter definition or an endpoint block that the format does not know.",
            why: "A misspelt key (`min_verison`) is otherwise ignored, so the docs silently say something else than the author meant.",
            example: """
            server_id:
              in: path
              type: string
              requried: true
            """,
            fix: "Rename the key to the one suggested, or remove it."
        )
    )

    public static func make(key: String, in context: String, allowed: [String], at range: SourceRange) -> Diagnostic {
        let suggestion = Spelling.closest(to: key, among: allowed)
        return diagnostic(
            "unknown key '\(key)' in \(context)", at: range,
            label: suggestion.map { "did you mean '\($0)'?" },
            help: suggestion.map { "rename it to '\($0)'" }
                ?? "remove it; the keys allowed here are \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
        )
    }
}
