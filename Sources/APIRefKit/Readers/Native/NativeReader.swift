/// Why a description could not be read at all (exit status 2), as opposed to what is wrong
/// in it (diagnostics).
public struct InputError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The result of reading: the model, and what the reader found wrong on the way.
public struct ReadResult: Sendable {
    public let model: APIModel
    public let diagnostics: [Diagnostic]
    /// Every `.json` file under the samples folder(s), root-relative, for coverage rules.
    public let discoveredSamples: [String]
    /// Where the description root is, as given (for making paths relative to the cwd).
    public let root: String
    /// What the model's parts were made from, when the reader ran with `serve`'s cache and
    /// knows (see `ContentFingerprints`); nil otherwise.
    var fingerprints: ContentFingerprints? = nil
}

/// Fingerprints of everything some parts of a model were made from, given by a reader that
/// ran with `serve`'s cache, so that later stages keep their own work on those parts while
/// the fingerprints are unchanged. Equal fingerprints mean equal inputs (64-bit hashes,
/// compared within one process).
struct ContentFingerprints: Sendable {
    /// One per endpoint, in `APIModel.endpoints` order.
    let endpoints: [Int]
}

/// Reads the native format: apiref.yaml, parameters.yaml, pages/*.md, samples.
public struct NativeReader {
    public static let projectFileName = "apiref.yaml"

    let fileSystem: any FileSystem
    let root: String

    public init(fileSystem: any FileSystem, root: String) {
        self.fileSystem = fileSystem
        self.root = root
    }

    public func read() throws(InputError) -> ReadResult {
        guard let kind = fileSystem.kind(at: root) else { throw InputError("'\(root)' does not exist") }
        guard kind == .directory else { throw InputError("'\(root)' is not a folder") }
        let loader = SourceLoader(fileSystem: fileSystem, root: root)
        guard loader.exists(Self.projectFileName) else {
            throw InputError("'\(root)' has no \(Self.projectFileName): not an apiref description (for an os-api-ref tree use --input-format os-api-ref)")
        }
        let collector = DiagnosticCollector()
        var sources = SourceStore()

        guard let projectSource = loader.load(Self.projectFileName, into: collector) else {
            throw InputError("'\(loader.absolute(Self.projectFileName))' cannot be read")
        }
        sources.add(projectSource)
        let project = ProjectReader.read(projectSource, collector: collector)

        var definitions: [ParameterDefinition] = []
        var definitionsAreComplete = false
        if let parametersFile = insideRoot(project.parametersFile, at: .file(Self.projectFileName), loader: loader, collector: collector),
           let parameters = loader.load(parametersFile, into: collector) {
            sources.add(parameters)
            (definitions, definitionsAreComplete) = ParametersReader.readTable(parameters, collector: collector)
        }

        var pages: [Page] = []
        for pageFile in pageFiles(project, loader: loader, collector: collector) {
            guard let source = loader.load(pageFile.value, reportedAt: pageFile.range, into: collector) else { continue }
            sources.add(source)
            pages.append(PageReader(source: source, project: project, collector: collector).read())
        }

        let samples = SampleLoader(loader: loader)
        let references = pages.flatMap(\.endpoints).flatMap(\.samples).map { ($0.path, $0.range, "") }
        let documents = samples.load(references, collector: collector, sources: &sources)
        let model = APIModel(project: project, definitions: definitions, pages: pages,
                             samples: documents, sources: sources, definitionsAreComplete: definitionsAreComplete)
        let discovered = samples.discoverJSONFiles(under: "")
        if discovered.count >= ReadLimits.current.maxFiles {
            collector.report(ReadFailure.make("more than \(ReadLimits.current.maxFiles) sample files under the root (see --limit files)",
                                              at: .file(Self.projectFileName)))
        }
        return ReadResult(model: model, diagnostics: collector.diagnostics, discoveredSamples: discovered, root: root)
    }

    /// A root-relative path that stays inside the root (lexically and through symlinks), or
    /// nil after reporting why not.
    private func insideRoot(_ written: String, at range: SourceRange, loader: SourceLoader,
                            collector: DiagnosticCollector) -> String? {
        switch SampleLoader(loader: loader).resolve(written) {
        case .inside(let path): return path
        case .outside(let reason):
            collector.report(ReadFailure.make("'\(written)' is outside the description folder (\(reason))", at: range))
            return nil
        }
    }

    private func pageFiles(_ project: Project, loader: SourceLoader,
                           collector: DiagnosticCollector) -> [Located<String>] {
        if !project.pageFiles.isEmpty {
            return project.pageFiles.compactMap { page in
                guard let path = insideRoot(page.value, at: page.range, loader: loader, collector: collector) else { return nil }
                guard loader.exists(path) else {
                    collector.report(ReadFailure.make("page '\(page.value)' does not exist", at: page.range))
                    return nil
                }
                return Located(path, at: page.range)
            }
        }
        let names = (try? fileSystem.contents(ofDirectory: loader.absolute("pages"))) ?? []
        return names.filter { $0.hasSuffix(".md") }.map {
            Located("pages/\($0)", at: .file(Self.projectFileName))
        }
    }
}
