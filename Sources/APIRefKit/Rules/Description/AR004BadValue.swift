/// AR004 bad-value: a key holds a value of the wrong kind.
public enum BadValue: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR004", name: "bad-value", severity: .error,
        summary: "value has the wrong kind",
        documentation: RuleDocumentation(
            what: "A key's value is of the wrong kind: a list where text is expected, `required: maybe`, a status code that is not a number, a string `\"false\"` where a boolean is expected (warning).",
            why: "A value of the wrong kind is either dropped or misread; `required: \"false\"` is a non-empty string, which some tools treat as true.",
            example: """
            limit:
              in: query
              type: integer
              required: "false"
            """,
            fix: "Write the value in the expected form, e.g. `required: false` unquoted."
        )
    )

    public static func make(_ message: String, at range: SourceRange, help: String,
                            severity: Severity = descriptor.severity) -> Diagnostic {
        var result = diagnostic(message, at: range, help: help)
        result.severity = severity
        return result
    }
}
