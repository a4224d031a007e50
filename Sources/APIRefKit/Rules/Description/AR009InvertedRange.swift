/// AR009 inverted-range: `min_version` is greater than `max_version`.
public enum InvertedRange: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR009", name: "inverted-range", severity: .error,
        summary: "min_version is greater than max_version",
        documentation: RuleDocumentation(
            what: "A version window whose lower bound is above its upper bound (compared numerically: 2.9 < 2.10).",
            why: "The window is empty: the element exists at no microversion and silently disappears from every view of the docs.",
            example: """
            min_version: "2.10"
            max_version: "2.9"
            """,
            fix: "Swap the bounds, or correct the one that is wrong."
        )
    )

    public static func make(min: Located<Microversion>, max: Located<Microversion>, subject: String) -> Diagnostic {
        diagnostic("min_version \(min.value) of \(subject) is greater than its max_version \(max.value)",
                   at: min.range, label: "empty window",
                   notes: [DiagnosticNote("max_version is set here", at: max.range)],
                   help: "make min_version lower than or equal to max_version")
    }
}
