/// AR020 missing-sample: an endpoint references a sample file that does not exist.
public enum MissingSample: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR020", name: "missing-sample", severity: .error,
        summary: "referenced sample file does not exist",
        documentation: RuleDocumentation(
            what: "A `samples:` entry of an endpoint names a file that is not there.",
            why: "The published page would show an empty sample, and nothing backs the parameter tables.",
            example: """
            samples:
              - response: samples/servers/server-shwo-resp.json
            """,
            fix: "Correct the path (relative to the folder of apiref.yaml) or add the file."
        )
    )

    public static func make(path: String, at range: SourceRange, suggestion: String?) -> Diagnostic {
        diagnostic("sample '\(path)' does not exist", at: range,
                   label: suggestion.map { "did you mean '\($0)'?" },
                   help: suggestion.map { "change the path to '\($0)'" } ?? "add the file or correct the path")
    }
}
