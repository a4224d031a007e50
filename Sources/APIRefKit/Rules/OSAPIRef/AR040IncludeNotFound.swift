/// AR040 include-not-found: an os-api-ref `.. include::` names a file that cannot be read.
public enum IncludeNotFound: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR040", name: "include-not-found", severity: .error,
        summary: "included reStructuredText file does not exist",
        documentation: RuleDocumentation(
            what: "In an os-api-ref tree, an `.. include::` (or a `toctree` entry) names a file that does not exist, is not readable, or lies too far outside the source folder.",
            why: "Sphinx stops with an error, and every endpoint of the missing file is absent from the reference.",
            example: """
            .. include:: servers-actons.inc
            """,
            fix: "Correct the path (relative to the including file) or add the file."
        )
    )

    public static func make(path: String, at range: SourceRange, reason: String, suggestion: String?) -> Diagnostic {
        diagnostic("included file '\(path)' \(reason)", at: range,
                   label: suggestion.map { "did you mean '\($0)'?" },
                   help: suggestion.map { "change the path to '\($0)'" } ?? "correct the path or add the file")
    }
}
