/// AR010 range-outside-api: a version bound lies outside the API's own range.
public enum RangeOutsideAPI: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR010", name: "range-outside-api", severity: .error,
        summary: "version bound is outside the API's range",
        documentation: RuleDocumentation(
            what: "A definition's or endpoint's `min_version`/`max_version` lies outside the `min_version`..`max_version` of apiref.yaml.",
            why: "No client can ask for that version, so the bound is a typo (2.9 for 2.90?) or the project range is stale.",
            example: """
            # apiref.yaml: max_version: "2.96"
            min_version: "2.97"
            """,
            fix: "Correct the bound, or raise the API's max_version in apiref.yaml."
        )
    )

    /// The API range, and the windows of the definitions and endpoints.
    public static let inputs: RuleInputs? = [.project, .definitions, .endpoints]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        let api = context.model.project.versions
        guard api.min != nil || api.max != nil else { return [] }
        var found: [Diagnostic] = []
        // The subject is only spelled out for a finding (most bounds are fine).
        func verify(_ version: Microversion?, at range: SourceRange?, fallback: SourceRange, subject: @autoclosure () -> String) {
            guard let version, !api.contains(version) else { return }
            found.append(diagnostic("\(subject()) names microversion \(version), outside the API's range \(api)",
                                    at: range ?? fallback, microversion: version,
                                    help: "use a version from \(api), or widen the range in apiref.yaml"))
        }
        for definition in context.model.definitions {
            verify(definition.versions.min, at: definition.minVersionRange, fallback: definition.range,
                   subject: "definition '\(definition.key)'")
            verify(definition.versions.max, at: definition.maxVersionRange, fallback: definition.range,
                   subject: "definition '\(definition.key)'")
        }
        for endpoint in context.model.endpoints {
            verify(endpoint.versions.min, at: endpoint.minVersionRange, fallback: endpoint.range, subject: "endpoint '\(endpoint.signature)'")
            verify(endpoint.versions.max, at: endpoint.maxVersionRange, fallback: endpoint.range, subject: "endpoint '\(endpoint.signature)'")
        }
        return found
    }
}
