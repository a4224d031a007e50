/// AR007 malformed-microversion: a version is not `MAJOR.MINOR`.
public enum MalformedMicroversion: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR007", name: "malformed-microversion", severity: .error,
        summary: "microversion must be MAJOR.MINOR",
        documentation: RuleDocumentation(
            what: "A `min_version`, `max_version`, sample `version` or project range is not two dot-separated non-negative integers.",
            why: "Versions are compared numerically part by part; `2.x`, `v2.3` or `2` cannot be placed on that scale.",
            example: """
            min_version: v2.3
            """,
            fix: "Write it as MAJOR.MINOR, quoted: `min_version: \"2.3\"`."
        )
    )

    public static func make(value: String, at range: SourceRange) -> Diagnostic {
        diagnostic("'\(value)' is not a microversion", at: range,
                   help: "write it as MAJOR.MINOR, e.g. \"2.53\"")
    }
}
