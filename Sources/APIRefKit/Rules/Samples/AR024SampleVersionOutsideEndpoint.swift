/// AR024 sample-version-outside-endpoint: a sample shows a version at which its endpoint does not exist.
public enum SampleVersionOutsideEndpoint: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR024", name: "sample-version-outside-endpoint", severity: .error,
        summary: "sample's microversion is outside its endpoint's window",
        documentation: RuleDocumentation(
            what: "A sample's microversion (explicit, from its `vN.M` folder, or the endpoint's first version) lies outside the endpoint's version window.",
            why: "The sample documents a request no client can make at that version; usually the folder or the endpoint range is wrong.",
            example: """
            # endpoint min_version: "2.26"
            - response: samples/servers/v2.19/server-tags-resp.json
            """,
            fix: "Move the sample to a folder of a version inside the window, or correct the endpoint's range."
        )
    )

    /// The endpoints' windows and their samples' versions.
    public static let inputs: RuleInputs? = [.project, .endpoints]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        let model = context.model
        var found: [Diagnostic] = []
        for endpoint in model.endpoints {
            let window = model.window(of: endpoint)
            for sample in endpoint.samples where !window.contains(sample.version) {
                found.append(diagnostic(
                    "sample at \(sample.version) is outside '\(endpoint.signature)' (\(window))",
                    at: sample.range, microversion: sample.version,
                    label: "version from \(sample.versionSource.rawValue == "folder" ? "its folder" : sample.versionSource == .explicit ? "'version'" : "the endpoint's min_version")",
                    help: "use a sample version within \(window), or correct the endpoint's window"))
            }
        }
        return found
    }
}
