/// The optional apiref.yaml beside index.rst and the microversion settings of conf.py.
struct ProjectSettings {
    var project: Project?
    var projectRange: SourceRange?
    var sphinxVersions: VersionRange?

    static func read(loader: SourceLoader, prefix: String, collector: DiagnosticCollector,
                     sources: inout SourceStore) -> ProjectSettings {
        var settings = ProjectSettings()
        let projectFile = PathUtilities.join(prefix, OSAPIRefReader.projectFileName)
        if loader.exists(projectFile), let source = loader.load(projectFile, into: collector) {
            sources.add(source)
            // Every key is optional here: what is missing is taken from the tree.
            let local = DiagnosticCollector()
            settings.project = ProjectReader.read(source, collector: local)
            collector.report(local.diagnostics.filter { $0.code != MissingKey.descriptor.code })
            settings.projectRange = .file(projectFile)
        }
        let configuration = PathUtilities.join(prefix, "conf.py")
        if loader.exists(configuration) {
            let quiet = DiagnosticCollector()
            if let source = loader.load(configuration, into: quiet) {
                let versions = APIVersionRangeInference.sphinxSettings(source)
                if versions.min != nil || versions.max != nil {
                    settings.sphinxVersions = versions
                    sources.add(source)
                }
            }
        }
        return settings
    }

    /// What the project file gives; `ProjectReader`'s fallbacks ("Untitled API", "") mean
    /// "not given", and the tree's own values are used instead.
    var title: String? { project.map(\.title).flatMap { $0 == "Untitled API" ? nil : $0 } }
    var service: String? { project.map(\.service).flatMap { $0.isEmpty ? nil : $0 } }
    var versionHeader: String? { project.map(\.versionHeader).flatMap { $0.isEmpty ? nil : $0 } }
}
