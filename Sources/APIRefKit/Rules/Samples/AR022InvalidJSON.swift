/// AR022 invalid-json: a sample is not valid JSON.
public enum InvalidJSON: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR022", name: "invalid-json", severity: .error,
        summary: "sample is not valid JSON",
        documentation: RuleDocumentation(
            what: "A sample file does not parse as strict JSON (RFC 8259): trailing commas, comments, single quotes, truncation, nesting deeper than the limit, a byte order mark.",
            why: "Readers copy samples into their clients; a sample that does not parse cannot be what the API returns, and cannot be checked against the tables.",
            example: """
            {"server": {"id": "a1", }}
            """,
            fix: "Correct the JSON at the reported position."
        )
    )

    public static func make(_ error: JSONSyntaxError, file: String) -> Diagnostic {
        diagnostic("sample is not valid JSON: \(error.message)",
                   at: SourceRange(file: file, line: error.location.line, column: error.location.column),
                   help: "correct the JSON at this position")
    }
}
