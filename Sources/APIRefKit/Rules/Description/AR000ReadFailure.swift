/// AR000 read-failure: a file or folder of the description cannot be read at all.
public enum ReadFailure: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR000", name: "read-failure", severity: .error,
        summary: "file cannot be read",
        documentation: RuleDocumentation(
            what: "An input file or folder exists (or is required) but cannot be read: permission denied, a directory where a file is expected, not a regular file (a FIFO or device), a symlink loop, not UTF-8 text, or over a reading limit (file size, YAML nesting, nodes repeated by YAML aliases; see `--limit`).",
            why: "apiref cannot vouch for docs it could not read. This is an environment problem rather than a docs problem, so it makes `check` exit with status 2.",
            example: "parameters.yaml is mode 000",
            fix: "Make the file readable, or point apiref at the right folder."
        )
    )

    public static func make(_ reason: String, at range: SourceRange,
                            help: String = "make the file readable UTF-8 text, or remove the reference to it") -> Diagnostic {
        diagnostic(reason, at: range, help: help)
    }
}
