/// AR043 inferred-version-range: the API's microversion range was not declared.
public enum InferredVersionRange: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR043", name: "inferred-version-range", severity: .note,
        summary: "API microversion range inferred from the tree",
        documentation: RuleDocumentation(
            what: "An os-api-ref tree declares no microversion range (no `min_version`/`max_version` in an apiref.yaml beside index.rst, no `os_api_ref_min_microversion`/`os_api_ref_max_microversion` in conf.py, no `--min-version`/`--max-version`). apiref infers it: the maximum is the highest version the tree names (endpoint and parameter windows, `vN.M` sample folders); the minimum is one below the lowest `min_version` or sample folder (those mark changes after the first version), but never above the lowest `max_version`.",
            why: "Samples without a version folder are checked at the endpoint's first version, which defaults to the API's minimum; a wrong minimum makes those checks wrong, so the inference is stated, not silent.",
            example: "nova declares no range; apiref infers 2.1 to 2.104",
            fix: "Declare the range: `min_version: \"2.1\"` and `max_version: \"2.104\"` in an apiref.yaml beside index.rst, the conf.py settings, or `--min-version`/`--max-version`."
        )
    )

    public static func make(_ range: VersionRange, at location: SourceRange, basis: String) -> Diagnostic {
        diagnostic("API microversion range \(range) inferred from \(basis)", at: location,
                   help: "declare min_version and max_version in an apiref.yaml beside index.rst to make it explicit")
    }
}
