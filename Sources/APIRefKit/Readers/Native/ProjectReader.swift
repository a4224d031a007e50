/// Reads `apiref.yaml`.
enum ProjectReader {
    static let keys = ["title", "service", "version_header", "min_version", "max_version",
                       "description", "parameters", "pages", "versions"]

    /// Reads the project file; a file that does not parse still yields a project with
    /// defaults, so the rest of the description is checked.
    static func read(_ source: SourceFile, collector: DiagnosticCollector) -> Project {
        let origin = YAMLOrigin(file: source.path, text: source.text)
        let fallbackRange = SourceRange.file(source.path)
        guard let node = YAMLLoader.compose(source.text, origin: origin, into: collector),
              let map = YAMLMapping(node, origin: origin, context: "the project file", collector: collector)
        else {
            return Project(title: "Untitled API", service: "", versionHeader: "", versions: .unbounded,
                           description: nil, parametersFile: "parameters.yaml", pageFiles: [],
                           versionNotes: [], range: fallbackRange)
        }
        map.reportUnknownKeys(allowed: keys)
        map.requireKeys(["title", "service", "version_header", "min_version", "max_version"],
                        at: SourceRange(file: source.path, line: 1, column: 1), allowed: keys)
        let low = map.version("min_version")
        let high = map.version("max_version")
        if let low, let high, low.value > high.value {
            collector.report(InvertedRange.make(min: low, max: high, subject: "the API"))
        }
        return Project(
            title: map.string("title")?.value ?? "Untitled API",
            service: map.string("service")?.value ?? "",
            versionHeader: map.string("version_header")?.value ?? "",
            versions: VersionRange(min: low?.value, max: high?.value),
            description: map.markdown("description"),
            parametersFile: map.string("parameters")?.value ?? "parameters.yaml",
            pageFiles: map.stringList("pages") ?? [],
            versionNotes: versionNotes(map, collector: collector),
            range: fallbackRange
        )
    }

    private static func versionNotes(_ map: YAMLMapping, collector: DiagnosticCollector) -> [VersionNote] {
        guard let entry = map.entry("versions"),
              let versions = YAMLMapping(entry.value, origin: map.origin, context: "'versions'", collector: collector)
        else { return [] }
        return versions.entries.compactMap { item in
            guard let version = YAMLValues.version(item.keyNode, origin: map.origin, collector: collector) else { return nil }
            guard let details = YAMLMapping(item.value, origin: map.origin, context: "version \(version.value)",
                                            collector: collector)
            else { return nil }
            details.reportUnknownKeys(allowed: ["release", "notes"])
            return VersionNote(version: version.value, release: details.string("release")?.value,
                               notes: details.markdown("notes"), range: version.range)
        }
    }
}
