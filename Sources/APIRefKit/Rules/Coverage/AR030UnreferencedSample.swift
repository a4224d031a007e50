/// AR030 unreferenced-sample: a JSON file under the description that no endpoint shows.
public enum UnreferencedSample: ModelRule {
    public static let descriptor = RuleDescriptor(
        code: "AR030", name: "unreferenced-sample", severity: .warning,
        summary: "sample file is referenced by no endpoint",
        documentation: RuleDocumentation(
            what: "A `.json` file under the description folder that no endpoint lists in `samples:`.",
            why: "Unreferenced samples are never published and never checked, so they drift; in nova more than half of all sample files are in this state.",
            example: "samples/servers/v2.63/server-rebuild-req.json, listed by no endpoint",
            fix: "List the sample under the endpoint it illustrates, or delete it."
        )
    )

    /// The samples named and those found on disk.
    public static let inputs: RuleInputs? = [.sampleFiles]

    public static func check(_ context: CheckContext) -> [Diagnostic] {
        let referenced = Set(context.model.samples.keys)
        return context.discoveredSamples.filter { !referenced.contains($0) }.map { path in
            diagnostic("sample '\(path)' is not referenced by any endpoint", at: .file(path),
                       help: "list it under the endpoint it shows, or delete it")
        }
    }
}
