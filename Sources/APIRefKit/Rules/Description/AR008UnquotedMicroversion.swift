/// AR008 unquoted-microversion: a version is written as a bare YAML number.
public enum UnquotedMicroversion: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR008", name: "unquoted-microversion", severity: .warning,
        summary: "microversion is an unquoted YAML number",
        documentation: RuleDocumentation(
            what: "A microversion written as a plain YAML scalar whose minor part ends in 0 (`2.10`, `2.20`, `2.100`), which YAML reads as a float.",
            why: "To YAML, `2.10` is the float 2.1: any other tool reading the file (os-api-ref included) sees version 2.1, not 2.10. apiref reads the text as written, but the file is ambiguous.",
            example: """
            min_version: 2.10
            """,
            fix: "Quote it: `min_version: \"2.10\"`."
        )
    )

    public static func make(value: String, at range: SourceRange) -> Diagnostic {
        let asFloat = Double(value).map { String($0) } ?? value
        return diagnostic("microversion \(value) is unquoted; YAML reads it as the number \(asFloat)",
                          at: range, label: "read as \(value)",
                          help: "quote it: \"\(value)\"")
    }
}
