/// AR021 sample-outside-root: a sample path leaves the description folder.
public enum SampleOutsideRoot: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR021", name: "sample-outside-root", severity: .error,
        summary: "sample path leaves the description folder",
        documentation: RuleDocumentation(
            what: "A sample path is absolute, climbs out with `..`, or passes through a symlink that points outside the folder holding apiref.yaml.",
            why: "apiref runs on untrusted pull requests: a description must not make it read (and publish) arbitrary files of the machine, such as `../../../etc/passwd`.",
            example: """
            samples:
              - response: ../../secrets.json
            """,
            fix: "Move the sample inside the description folder and reference it from there."
        )
    )

    public static func make(path: String, at range: SourceRange, reason: String) -> Diagnostic {
        diagnostic("sample '\(path)' is outside the description folder", at: range, label: reason,
                   help: "keep samples inside the folder of apiref.yaml")
    }
}
