/// AR031 unsampled-change: an endpoint's fields change at a version no sample shows.
public enum UnsampledChange: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR031", name: "unsampled-change", severity: .warning,
        summary: "fields change at a version no sample shows",
        documentation: RuleDocumentation(
            what: "For an endpoint direction (request or response) that has samples: a microversion at which its documented body fields change (one appears or disappears), with no sample of that direction from that version up to the next change.",
            why: "The new shape of the body is shown and checked nowhere; the docs say it changed, but no example proves how.",
            example: """
            # server.locked appears at 2.9; samples exist at 2.1 and 2.3 only
            """,
            fix: "Add a sample in a `v2.9/` folder (or with `version: \"2.9\"`)."
        )
    )

    /// The endpoints' windows and samples, the windows of the body fields they list.
    public static let inputs: RuleInputs? = [.project, .definitions, .endpoints]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        let model = context.model
        var found: [Diagnostic] = []
        for (endpoint, definitions) in zip(model.endpoints, context.definitions) {
            let window = model.window(of: endpoint)
            for direction in [SampleDirection.request, .response] {
                let samples = endpoint.samples.filter { $0.direction == direction }
                guard !samples.isEmpty, let first = window.min else { continue }
                let changes = changeVersions(direction == .request ? definitions.request : definitions.response, window: window)
                let bounds = [first] + changes
                for (index, change) in changes.enumerated() {
                    let next = index + 2 < bounds.count ? bounds[index + 2] : nil
                    let shown = samples.contains { sample in
                        sample.version >= change && (next.map { sample.version < $0 } ?? true)
                    }
                    if !shown {
                        found.append(diagnostic(
                            "the \(direction.rawValue) of '\(endpoint.signature)' changes at \(change), but no sample shows it",
                            at: endpoint.range, microversion: change,
                            help: "add a \(direction.rawValue) sample at \(change) (a 'v\(change)' folder or `version: \"\(change)\"`)"))
                    }
                }
            }
        }
        return found
    }

    /// Versions inside the window (after its first) where a body field appears or disappears.
    static func changeVersions(_ definitions: [ParameterDefinition?], window: VersionRange) -> [Microversion] {
        var versions = Set<Microversion>()
        for case let definition? in definitions where definition.location == .body {
            if let low = definition.versions.min, let first = window.min, low > first, window.contains(low) {
                versions.insert(low)
            }
            if let high = definition.versions.max {
                let after = Microversion(high.major, high.minor + 1)
                if window.contains(after) { versions.insert(after) }
            }
        }
        return versions.sorted()
    }
}
