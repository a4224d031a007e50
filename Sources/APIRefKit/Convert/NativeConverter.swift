/// The files of a native description, in memory: what `apiref convert` writes.
public struct ConversionOutput: Sendable {
    /// Paths relative to the output folder, in writing order.
    public var files: [(path: String, contents: [UInt8])] = []
    /// Things the user should know (dropped keys, where the version range came from).
    public var notices: [String] = []
}

/// Lays an os-api-ref tree out in the native format (docs/format.md):
///
/// ```
/// apiref.yaml            title, service, version header, the microversion range, page order
/// parameters.yaml        the tree's parameters.yaml, descriptions in Markdown (ParametersRewriter)
/// pages/<file>.md        one page per RST file, endpoints as `endpoint` blocks
/// samples/...            every JSON file of the sample folders the tree includes from
/// ```
///
/// Everything `check` reports on the tree is reported on the output too (the model is the
/// same); only the reStructuredText itself is gone.
public struct NativeConverter {
    let tree: OSAPIRefTree
    let fileSystem: any FileSystem

    public init(tree: OSAPIRefTree, fileSystem: any FileSystem) {
        self.tree = tree
        self.fileSystem = fileSystem
    }

    public func convert() -> ConversionOutput {
        var output = ConversionOutput()
        let model = tree.result.model
        let layout = NativeLayout(tree: tree)
        output.notices.append("API microversion range \(model.project.versions) (\(tree.versionRangeSource))")

        output.files.append(("apiref.yaml", Array(projectFile(layout).utf8)))
        if let parametersPath = tree.parameterFiles.first, let source = model.sources[parametersPath] {
            let definitions = Dictionary(model.definitions.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
            let text = ParametersRewriter(source: source, definitions: definitions).rewrite(notices: &output.notices)
            output.files.append((NativeLayout.parametersFile, Array(text.utf8)))
            if tree.parameterFiles.count > 1 {
                output.notices.append("only \(parametersPath) was converted; the tree also uses \(tree.parameterFiles.dropFirst().joined(separator: ", "))")
            }
        } else {
            // apiref.yaml names parameters.yaml, which must then exist.
            output.files.append((NativeLayout.parametersFile, Array("# The tree uses no parameters file.\n".utf8)))
        }
        for page in model.pages {
            let text = NativePageWriter(page: page, layout: layout, project: model.project).markdown()
            output.files.append((layout.page(page.path), Array(text.utf8)))
        }
        let samples = Set(model.samples.keys).union(tree.result.discoveredSamples).sorted()
        for sample in samples {
            guard let bytes = try? fileSystem.readFile(at: PathUtilities.join(tree.result.root, sample)) else {
                output.notices.append("sample '\(sample)' could not be read and was not copied")
                continue
            }
            output.files.append((layout.sample(sample), bytes))
        }
        return output
    }

    private func projectFile(_ layout: NativeLayout) -> String {
        let project = tree.result.model.project
        var lines = [
            "# Converted from the os-api-ref tree \(tree.sourcePrefix.isEmpty ? "." : tree.sourcePrefix) by `apiref convert`.",
            "title: \(YAMLText.scalar(project.title))",
            "service: \(YAMLText.quoted(project.service))" + (project.service.isEmpty ? "    # the service name of the version header" : ""),
            "version_header: \(YAMLText.scalar(project.versionHeader))",
            "min_version: \(YAMLText.quoted(project.minVersion.description))",
            "max_version: \(YAMLText.quoted(project.maxVersion.description))",
        ]
        if let description = project.description {
            lines.append("description: |")
            lines += description.text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "  " + $0 }
        }
        lines.append("parameters: \(NativeLayout.parametersFile)")
        lines.append("pages:")
        lines += tree.result.model.pages.map { "  - \(YAMLText.scalar(layout.page($0.path)))" }
        if !project.versionNotes.isEmpty {
            lines.append("versions:")
            for note in project.versionNotes {
                lines.append("  \(YAMLText.quoted(note.version.description)):")
                if let release = note.release { lines.append("    release: \(YAMLText.scalar(release))") }
                if let notes = note.notes { lines.append("    notes: \(YAMLText.quoted(notes.text))") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Where each file of the tree goes in the native layout.
struct NativeLayout {
    static let parametersFile = "parameters.yaml"
    let sourcePrefix: String
    let sampleFolders: [String]

    init(tree: OSAPIRefTree) {
        sourcePrefix = tree.sourcePrefix
        sampleFolders = tree.sampleFolders
    }

    /// `api-ref/source/servers.inc` -> `pages/servers.md`.
    func page(_ path: String) -> String {
        var relative = OSAPIRefPaths.relative(path, from: sourcePrefix)
        relative = relative.replacingOccurrences(of: "../", with: "_up/")
        if let dot = relative.lastIndex(of: "."), !relative[dot...].contains("/") { relative = String(relative[..<dot]) }
        return "pages/" + relative + ".md"
    }

    /// `doc/api_samples/servers/v2.47/x.json` -> `samples/servers/v2.47/x.json`.
    func sample(_ path: String) -> String {
        if sampleFolders.count == 1, let folder = sampleFolders.first {
            if folder.isEmpty { return "samples/" + path }
            if path.hasPrefix(folder + "/") { return "samples/" + path.dropFirst(folder.count + 1) }
        }
        return "samples/" + path
    }
}
