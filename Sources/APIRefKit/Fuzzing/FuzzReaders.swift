/// The reader-level harnesses: one file through its reader alone, without the rest of the
/// description and without `check`. They run 10-100 times more inputs a second than the
/// whole-description targets (`parameters`, `project`, `page`, `rst`), which stay for what
/// only the rules find. Invariants: the diagnostics are located as in `check`
/// (`FuzzInvariants.checkLocated`) and render, and every place the model records (the
/// ranges the rules will point at) is on a line the file has.
extension FuzzHarness {
    /// `parameters.yaml` alone: the YAML pre-scan (`YAMLLimits`), the block composer against
    /// libyaml, and the native `ParametersReader`.
    public static func parametersYAML(_ data: [UInt8]) {
        FuzzInvariants.checkBlockComposer(data)
        FuzzHarness.checkEntryByEntry(data)
        readOne("parameters.yaml", data) { source, collector in
            let definitions = ParametersReader.read(source, collector: collector)
            return definitions.flatMap { definition in
                [definition.range, definition.minVersionRange, definition.maxVersionRange, definition.description?.range]
                    .compactMap { $0 }
            }
        }
    }

    /// `apiref.yaml` alone: the YAML pre-scan, libyaml and Yams, and `ProjectReader`.
    public static func projectYAML(_ data: [UInt8]) {
        FuzzInvariants.checkBlockComposer(data)
        readOne("apiref.yaml", data) { source, collector in
            let project = ProjectReader.read(source, collector: collector)
            return [project.range, project.description?.range].compactMap { $0 }
                + project.pageFiles.map(\.range)
                + project.versionNotes.flatMap { [$0.range, $0.notes?.range].compactMap { $0 } }
        }
    }

    /// One Markdown page alone: cmark, then the YAML of each ```endpoint block
    /// (`PageReader`), against the fixture's project.
    public static func pageReader(_ data: [UInt8]) {
        readOne("pages/widgets.md", data) { source, collector in
            let page = PageReader(source: source, project: FuzzFixtures.nativeProject, collector: collector).read()
            var ranges = page.links.map(\.range)
            for block in page.blocks {
                switch block {
                case .prose(let text): ranges.append(text.range)
                case .endpoint(let index):
                    precondition(page.endpoints.indices.contains(index), "a page block names endpoint \(index) of \(page.endpoints.count)")
                }
            }
            for endpoint in page.endpoints {
                ranges += [endpoint.range, endpoint.path.range, endpoint.minVersionRange, endpoint.maxVersionRange,
                           endpoint.description?.range].compactMap { $0 }
                ranges += (endpoint.successCodes + endpoint.errorCodes).map(\.range)
                ranges += (endpoint.request + endpoint.response).map(\.range) + endpoint.samples.map(\.range)
            }
            return ranges
        }
    }

    /// One os-api-ref `.inc` alone: what it includes (`RSTTreeLoader`, over the fixture's
    /// files), the RST block parser, the outline and reference index, and the page builder
    /// with its Markdown writer; not the tree-wide steps (parameters files, samples, version
    /// inference, assembly), which `rst` covers.
    public static func rstReader(_ data: [UInt8]) {
        var fileSystem = FuzzFixtures.osAPIRefFileSystem
        fileSystem.files[PathUtilities.join(FuzzFixtures.osAPIRefRoot, "widgets.inc")] = data
        let collector = DiagnosticCollector()
        let documents = RSTTreeLoader(fileSystem: fileSystem, sourceFolder: FuzzFixtures.osAPIRefRoot, maxClimb: 2)
            .load(entry: "widgets.inc", collector: collector)
        var sources = SourceStore()
        for document in documents { sources.add(SourceFile(path: document.path, text: document.text)) }
        let outlines = documents.map { RSTOutline($0.blocks) }
        let index = RSTReferenceIndex()
        for (document, outline) in zip(documents, outlines) { index.add(document, outline: outline, page: document.path) }
        let statusTables = StatusTables(loader: SourceLoader(fileSystem: fileSystem, root: FuzzFixtures.osAPIRefRoot))
        let statusFiles = StatusFiles(tables: statusTables, collector: collector)
        var ranges: [SourceRange] = []
        for (document, outline) in zip(documents, outlines) {
            let context = RSTPageContext(file: document.path, page: document.path, document: document.path,
                                         documentFolder: document.documentFolder, index: index, collector: collector)
            let page = OSAPIRefPageBuilder(document: document, outline: outline, file: document.path,
                                           documentBase: document.documentFolder, sourceBase: "", context: context,
                                           collector: collector, statusFiles: statusFiles).build()
                .fillingParameterTables(definitions: FuzzFixtures.osAPIRefDefinitions, collector: collector)
            ranges += page.links.map(\.range)
            for block in page.blocks {
                switch block {
                case .prose(let text): ranges.append(text.range)
                case .endpoint(let index):
                    precondition(page.endpoints.indices.contains(index), "a page block names endpoint \(index) of \(page.endpoints.count)")
                }
            }
            for endpoint in page.endpoints {
                ranges += [endpoint.range, endpoint.path.range, endpoint.minVersionRange, endpoint.maxVersionRange,
                           endpoint.descriptionRange].compactMap { $0 }
                ranges += (endpoint.successCodes + endpoint.errorCodes).map(\.range)
                ranges += endpoint.lists.flatMap(\.items).map(\.keyRange) + endpoint.samples.map(\.range)
            }
        }
        for file in statusTables.finish(statusFiles.lookups, into: collector) { sources.add(file) }
        FuzzInvariants.checkRead(collector.diagnostics, ranges: ranges, sources: sources)
    }

    /// Decodes `data` as the file `path` would be, reads it with `read` (which returns the
    /// ranges it recorded in the model), and checks the diagnostics and ranges.
    private static func readOne(_ path: String, _ data: [UInt8],
                                read: (SourceFile, DiagnosticCollector) -> [SourceRange]) {
        let collector = DiagnosticCollector()
        var sources = SourceStore()
        var ranges: [SourceRange] = []
        if let text = TextDecoding.decode(data, file: path, into: collector) {
            let source = SourceFile(path: path, text: text)
            sources.add(source)
            ranges = read(source, collector)
        }
        FuzzInvariants.checkRead(collector.diagnostics, ranges: ranges, sources: sources)
    }
}

extension FuzzFixtures {
    /// The project of `native`, read once, for the pages `pageReader` reads.
    static let nativeProject: Project = ProjectReader.read(
        SourceFile(path: NativeReader.projectFileName, text: native[NativeReader.projectFileName, default: ""]),
        collector: DiagnosticCollector())

    /// The tree of `osAPIRef` in memory, for `rstReader` to include from.
    static let osAPIRefFileSystem = InMemoryFileSystem(files: Dictionary(uniqueKeysWithValues: osAPIRef.map {
        (PathUtilities.join(osAPIRefRoot, $0.key), $0.value)
    }))

    /// The definitions of the tree's `parameters.yaml`, read once, for parameter tables outside
    /// endpoints.
    static let osAPIRefDefinitions: [String: ParameterDefinition] = {
        let source = SourceFile(path: "parameters.yaml", text: osAPIRef["parameters.yaml", default: ""])
        let definitions = ParametersReader.read(source, collector: DiagnosticCollector(), strictKeys: false)
        return Dictionary(definitions.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    }()
}
