/// AR006 unknown-type: a definition's `type` (or `items`) names no known type.
public enum UnknownType: Rule {
    public static let descriptor = RuleDescriptor(
        code: "AR006", name: "unknown-type", severity: .error,
        summary: "`type` must name a JSON type",
        documentation: RuleDocumentation(
            what: "A definition's `type` or `items` is not a known type. Known: string, integer, number, boolean, object, array, null, and the aliases float, int, bool, dict, list, none, uuid.",
            why: "Samples are type-checked against it; an unknown type cannot be checked and reads as a typo.",
            example: """
            ram:
              in: body
              type: integr
            """,
            fix: "Use one of the known types."
        )
    )

    public static func make(value: String, at range: SourceRange) -> Diagnostic {
        let suggestion = Spelling.closest(to: value.lowercased(), among: ValueTypeNames.all)
        return diagnostic("'\(value)' is not a known type", at: range,
                          label: suggestion.map { "did you mean '\($0)'?" },
                          help: "use one of string, integer, number, boolean, object, array, null")
    }
}
