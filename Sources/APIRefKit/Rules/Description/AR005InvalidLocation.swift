/// AR005 invalid-location: a definition's `in` is not header, path, query or body.
public enum InvalidLocation: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR005", name: "invalid-location", severity: .error,
        summary: "`in` must be header, path, query or body",
        documentation: RuleDocumentation(
            what: "The `in` of a parameter definition is not one of `header`, `path`, `query`, `body`.",
            why: "The location decides which table a parameter is shown in and whether samples are checked against it.",
            example: """
            marker:
              in: url
              type: string
            """,
            fix: "Use one of header, path, query, body."
        )
    )

    public static func make(value: String, at range: SourceRange) -> Diagnostic {
        let allowed = ParameterLocation.allCases.map(\.rawValue)
        let suggestion = Spelling.closest(to: value.lowercased(), among: allowed)
        return diagnostic("'\(value)' is not a parameter location", at: range,
                          label: suggestion.map { "did you mean '\($0)'?" },
                          help: "use one of header, path, query, body")
    }
}
