/// AR001 syntax-error: a YAML, Markdown endpoint block or project file cannot be parsed.
public enum SyntaxError: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR001", name: "syntax-error", severity: .error,
        summary: "YAML in a description file does not parse",
        documentation: RuleDocumentation(
            what: "The project file, parameters.yaml, or the YAML inside an `endpoint` block is not valid YAML.",
            why: "Nothing in a file that does not parse can be checked or rendered; everything after the error would silently vanish from the docs.",
            example: """
            instance_id:
              in: path
              type: string
               required: true     # indented one space too far
            """,
            fix: "Correct the YAML at the reported line and column; the message is libyaml's description of what it expected."
        )
    )

    public static func make(_ problem: String, at range: SourceRange, notes: [DiagnosticNote] = []) -> Diagnostic {
        diagnostic("YAML does not parse: \(problem)", at: range, notes: notes,
                   help: "correct the YAML syntax at this position")
    }
}
