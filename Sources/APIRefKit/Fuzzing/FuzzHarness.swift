/// Entry points for the libFuzzer targets (`Sources/apiref-fuzz`) and `FuzzRegressionTests`.
///
/// Each harness hands arbitrary bytes to one real reader, the way `apiref check` would meet
/// them, and traps with `precondition` when an invariant breaks, so the fuzzer sees a
/// violation as a crash. Whatever the input, reading must finish with located diagnostics:
/// every diagnostic has a code and a message and points at line >= 1, column >= 1, on a line
/// that exists when its file was read; the human writer renders them all.
public enum FuzzHarness {
    public enum Target: String, CaseIterable, Sendable {
        case json, sample, parameters, project, page, rst
        case parametersYAML = "parameters-yaml", projectYAML = "project-yaml"
        case pageReader = "page-reader", rstReader = "rst-reader"
        case microversion

        /// The folder of Fuzz/corpus whose seeds the target starts from: `sample` shares the
        /// JSON seeds, and each reader-level target those of its whole-description target.
        public var seedFolder: String {
            switch self {
            case .sample: Target.json.rawValue
            case .parametersYAML: Target.parameters.rawValue
            case .projectYAML: Target.project.rawValue
            case .pageReader: Target.page.rawValue
            case .rstReader: Target.rst.rawValue
            default: rawValue
            }
        }
    }

    public static func run(_ target: Target, _ data: [UInt8]) {
        switch target {
        case .json: json(data)
        case .sample: sample(data)
        case .parameters: parameters(data)
        case .project: project(data)
        case .page: page(data)
        case .rst: rst(data)
        case .parametersYAML: parametersYAML(data)
        case .projectYAML: projectYAML(data)
        case .pageReader: pageReader(data)
        case .rstReader: rstReader(data)
        case .microversion: microversion(data)
        }
    }

    /// The JSON reader alone: positions, errors, nesting.
    public static func json(_ data: [UInt8]) {
        _ = parsedJSON(data)
    }

    /// A JSON response sample of a small description, checked when it parses, so that the
    /// sample rules walk it (ten times slower than `json`, hence a target of its own).
    public static func sample(_ data: [UInt8]) {
        guard parsedJSON(data) != nil else { return }
        checkNative(replacing: "samples/widget-show-resp.json", with: data)
    }

    private static func parsedJSON(_ data: [UInt8]) -> JSONValue? {
        do {
            let value = try JSONReader.parse(data)
            FuzzInvariants.checkJSONValue(value, in: data)
            return value
        } catch {
            FuzzInvariants.checkJSONError(error, in: data)
            return nil
        }
    }

    /// `parameters.yaml` of a native description.
    public static func parameters(_ data: [UInt8]) {
        checkNative(replacing: "parameters.yaml", with: data)
        checkEntryByEntry(data)
    }

    /// `serve` reads a parameters file entry by entry, keeping the entries of its last read:
    /// what it reads must be what reading the file whole gives, findings included. An input
    /// holding a NUL byte is two versions of the file (an edit), read in turn with one cache;
    /// the last is read twice (the second time from the first).
    static func checkEntryByEntry(_ data: [UInt8]) {
        guard let text = String(validating: data, as: UTF8.self) else { return }
        let versions = text.split(separator: "\0", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let cache = ReadCache()
        for version in versions + [versions[versions.count - 1]] {
            let source = SourceFile(path: "parameters.yaml", text: version)
            let whole = DiagnosticCollector()
            let expected = ParametersReader.readTable(source, collector: whole)
            let entries = DiagnosticCollector()
            cache.beginBuild()
            let read = ReadCache.$current.withValue(cache) { ParametersReader.readTable(source, collector: entries) }
            cache.endBuild()
            precondition(read.definitions == expected.definitions && read.isReadable == expected.isReadable,
                         "the file read entry by entry gives other definitions than read whole")
            precondition(entries.diagnostics == whole.diagnostics, "the file read entry by entry reports otherwise than read whole")
        }
    }

    /// `apiref.yaml`, the project file of a native description.
    public static func project(_ data: [UInt8]) {
        checkNative(replacing: "apiref.yaml", with: data)
    }

    /// A Markdown page with ```endpoint blocks.
    public static func page(_ data: [UInt8]) {
        checkNative(replacing: "pages/widgets.md", with: data)
    }

    /// An os-api-ref `.inc` file included by `index.rst`.
    public static func rst(_ data: [UInt8]) {
        var fileSystem = fixture(FuzzFixtures.osAPIRef, root: FuzzFixtures.osAPIRefRoot)
        fileSystem.files[PathUtilities.join(FuzzFixtures.osAPIRefRoot, "widgets.inc")] = data
        check(root: FuzzFixtures.osAPIRefRoot, format: .osAPIRef, fileSystem: fileSystem)
    }

    /// `Microversion` parsing, printing and ordering. The input is up to three lines; each is
    /// parsed, and the versions that parse are compared with each other and put in ranges.
    public static func microversion(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: false).prefix(3)
        let versions = lines.compactMap { FuzzInvariants.checkMicroversion(String($0)) }
        for a in versions {
            for b in versions { FuzzInvariants.checkOrdering(a, b) }
        }
        if versions.count == 3 { FuzzInvariants.checkRange(min: versions[0], max: versions[1], probe: versions[2]) }
        if let folder = SampleVersions.folderVersion(in: text) {
            precondition(Microversion(folder.description) == folder, "a folder version does not round-trip")
        }
    }

    // MARK: Whole descriptions

    private static func fixture(_ files: [String: String], root: String) -> InMemoryFileSystem {
        InMemoryFileSystem(files: Dictionary(uniqueKeysWithValues: files.map { (PathUtilities.join(root, $0.key), $0.value) }))
    }

    private static func checkNative(replacing file: String, with data: [UInt8]) {
        var fileSystem = fixture(FuzzFixtures.native, root: FuzzFixtures.nativeRoot)
        fileSystem.files[PathUtilities.join(FuzzFixtures.nativeRoot, file)] = data
        check(root: FuzzFixtures.nativeRoot, format: .native, fileSystem: fileSystem)
    }

    /// `check` on the description, then the invariants on its diagnostics and their rendering.
    private static func check(root: String, format: InputFormat, fileSystem: InMemoryFileSystem) {
        let result: ReadResult
        let diagnostics: [Diagnostic]
        do {
            (result, diagnostics) = try Pipeline.check(root: root, format: format, fileSystem: fileSystem)
        } catch {
            precondition(!error.message.isEmpty, "an input error without a message")
            return
        }
        for diagnostic in diagnostics {
            FuzzInvariants.checkLocated(diagnostic, sources: result.model.sources)
        }
        let engine = DiagnosticEngine(diagnostics)
        let rendered = HumanWriter(sources: result.model.sources, pathPrefix: "", color: false).write(engine)
        precondition(diagnostics.isEmpty || !rendered.isEmpty, "diagnostics rendered as nothing")
    }
}
