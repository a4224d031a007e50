import Foundation

/// What reading an os-api-ref tree produced beyond the model: what `convert` needs to lay
/// the tree out in the native format.
public struct OSAPIRefTree: Sendable {
    public let result: ReadResult
    /// The source folder relative to the model root (`api-ref/source` for nova).
    public let sourcePrefix: String
    /// Root-relative folders holding the included samples (`doc/api_samples` for nova).
    public let sampleFolders: [String]
    /// Root-relative paths of the parameters files the tree uses.
    public let parameterFiles: [String]
    /// How the API's microversion range was found, e.g. "inferred from the tree".
    public let versionRangeSource: String
}

/// Reads an os-api-ref (Sphinx) tree, `api-ref/source` with `index.rst`, `.inc` files,
/// `parameters.yaml` and `literalinclude`d samples, into the same model as `NativeReader`.
///
/// The model root is the nearest folder holding the source folder and every file the tree
/// includes (for nova, which includes `../../doc/api_samples/...`, the repository), at most
/// two folders above the source folder; all paths in the model are relative to it.
public struct OSAPIRefReader {
    public struct Options: Sendable {
        /// Bounds given on the command line; they win over every other source.
        public var versions: VersionRange

        public init(versions: VersionRange = .unbounded) {
            self.versions = versions
        }
    }

    public static let projectFileName = "apiref.yaml"
    static let maxClimb = 2

    let fileSystem: any FileSystem
    let root: String
    let options: Options

    public init(fileSystem: any FileSystem, root: String, options: Options = Options()) {
        self.fileSystem = fileSystem
        self.root = root
        self.options = options
    }

    /// True for a folder that holds `index.rst` or `conf.py`, and `.inc` or `.rst` files.
    public static func looksLikeTree(at path: String, fileSystem: any FileSystem) -> Bool {
        guard fileSystem.kind(at: path) == .directory,
              let names = try? fileSystem.contents(ofDirectory: path) else { return false }
        let hasEntry = names.contains("index.rst") || names.contains("conf.py")
        return hasEntry && names.contains { $0.hasSuffix(".inc") || $0.hasSuffix(".rst") }
    }

    public func read() throws(InputError) -> ReadResult { try readTree().result }

    public func readTree() throws(InputError) -> OSAPIRefTree {
        guard let kind = fileSystem.kind(at: root) else { throw InputError("'\(root)' does not exist") }
        guard kind == .directory else { throw InputError("'\(root)' is not a folder") }
        let entry = try entryDocument()

        // Phase 1: the RST files and what is made of them alone (`serve` keeps it whole while
        // none of the paths it asked about changed: after a parameters or a sample edit).
        // The parameters files (and their YAML, the longest single step of reading nova) are
        // read as soon as the files they are named in are: beside the outlines and the index.
        var early: Parallel.Background<ParameterInputs>?
        let tree = readDocuments(entry: entry) { files, modelRoot in
            early = Parallel.Background { readParameterInputs(files, modelRoot: modelRoot) }
        }
        let documents = tree.documents
        guard !documents.isEmpty else {
            throw InputError("'\(PathUtilities.join(root, entry))' cannot be read")
        }
        let (prefix, modelRoot, outlines, index, indexFingerprint) =
            (tree.prefix, tree.modelRoot, tree.outlines, tree.index, tree.indexFingerprint)

        // Phase 2: everything else, relative to the model root.
        let collector = DiagnosticCollector()
        collector.report(tree.diagnostics)
        let loader = SourceLoader(fileSystem: fileSystem, root: modelRoot)
        var sources = SourceStore()
        func pagePath(_ document: RSTDocument) -> String {
            PathUtilities.normalizeRelative(PathUtilities.join(prefix, document.path)) ?? document.path
        }
        Trace.span("read: sources") {
            for source in tree.sources { sources.add(source) }
        }

        let settings = Trace.span("read: settings") {
            ProjectSettings.read(loader: loader, prefix: prefix, collector: collector, sources: &sources)
        }
        // With `serve`'s cache, a tree kept whole did not start them.
        let parameters = early ?? Parallel.Background {
            readParameterInputs(tree.parameterFiles, modelRoot: tree.modelRoot)
        }
        // Whether every parameters file could be read as a table (see `APIModel.definitionsAreComplete`).
        var definitionsAreComplete = true

        // The parameters files on one side; the pages, then the samples they include, on the
        // other. They are independent but for the parameter tables outside endpoints, which
        // the pages leave as placeholders. Each side reports into its own collectors, merged
        // in the order the steps had when they ran one after the other.
        let parametersCollector = DiagnosticCollector(), pagesCollector = DiagnosticCollector()
        let samplesCollector = DiagnosticCollector()
        var definitions: [ParameterDefinition] = []
        var definitionsByKey: [String: ParameterDefinition] = [:]
        var rawPages: [RawPage] = []
        var pageFingerprints: [Int] = []
        var statusSources: [SourceFile] = []
        let samples = SampleLoader(loader: loader)
        var sampleDocuments: [String: SampleDocument] = [:]
        var sampleFingerprints: [String: Int] = [:]
        var sampleSources = SourceStore()
        var folders: [String] = []
        var discovered: [String] = []
        let sidesStart = ContinuousClock.now
        Parallel.run({
            let inputs = parameters.wait()
            let read = Trace.span("read: parameters") {
                readDefinitions(inputs.sources, tables: inputs.tables, index: index, indexFingerprint: indexFingerprint,
                                collector: parametersCollector)
            }
            definitions = read.definitions
            definitionsByKey = OSAPIRefAssembler.byKey(definitions)
            if !read.allReadable { definitionsAreComplete = false }
        }, {
            let built = Trace.span("read: pages") {
                buildPages(documents, outlines: outlines, paths: documents.map(pagePath), prefix: prefix, loader: loader,
                           index: index, indexFingerprint: indexFingerprint)
            }
            for page in built.pages {
                pagesCollector.report(page.diagnostics)
                rawPages.append(page.page)
                pageFingerprints.append(page.fingerprint)
            }
            pagesCollector.report(built.statusProblems)
            statusSources = built.statusSources
            var references: [LoadedSamples.Reference] = []
            for page in rawPages.indices {
                for endpoint in rawPages[page].endpoints.indices {
                    for sample in rawPages[page].endpoints[endpoint].samples {
                        references.append(LoadedSamples.Reference(written: sample.written, range: sample.range, base: sample.base))
                    }
                }
            }
            // `serve`: when the references are the same and nothing in the samples' folders
            // changed since the last build, the samples and what was discovered beside them are
            // kept whole (not looked at again). The references are compared, not hashed: those
            // of pages kept from the last build share its strings, and compare at once.
            let generation = fileSystem.changeGeneration
            let unchanged = { (kept: LoadedSamples) -> Bool in
                generation != nil && kept.references == references
                    && !fileSystem.hasChanges(since: kept.generation, inside: kept.folders)
            }
            // After samples were edited, only they are read again (when nothing else changed).
            let reloaded = { (kept: LoadedSamples) -> LoadedSamples? in
                guard let generation, kept.references == references,
                      let changed = loader.changes(since: kept.generation, inside: kept.folders),
                      let set = samples.reloading(kept.set, changed: changed) else { return nil }
                return LoadedSamples(references: references, set: set, generation: generation, folders: kept.folders)
            }
            // `check` and `build`: the folders the samples are discovered in, as the references
            // name them, are walked beside the loading (which is the longer side of reading);
            // the walk is kept when the loaded samples lie in the same folders (a sample missing
            // or refused can change them), else they are walked again.
            let early = ReadCache.current != nil ? nil : { () -> (folders: [String], walk: Parallel.Background<[String]>) in
                let named = references.compactMap(\.path)
                let folders = Self.sampleFolders(named)
                return (folders, Parallel.Background { folders.flatMap { samples.discoverJSONFiles(under: $0) } })
            }()
            let loaded = Trace.span("read: samples") {
                ReadCache.memoized(SamplesStep(root: loader.root), isValid: unchanged, revise: reloaded) { () -> LoadedSamples in
                    let written = references.map { ($0.written, $0.range, $0.base) }
                    let folders = ReadCache.current == nil ? [] : Set(references.map {
                        OSAPIRefPaths.folder(of: $0.path ?? $0.written)
                    }).sorted().map(loader.absolute)
                    return LoadedSamples(references: references, set: samples.loadSet(written),
                                         generation: generation ?? 0, folders: folders)
                }
            }
            // The next load takes from this one the samples whose bytes did not change.
            samples.remember(loaded.set)
            (sampleDocuments, sampleFingerprints) = (loaded.set.documents, loaded.set.fingerprints)
            sampleSources = loaded.set.sources
            samplesCollector.report(loaded.set.diagnostics)
            folders = loaded.sampleFolders
            let discoveryFolders = ReadCache.current == nil ? [] : folders.map(loader.absolute)
            discovered = Trace.span("read: sample discovery") {
                if let early, early.folders == folders { return early.walk.wait() }
                return ReadCache.memoized(DiscoveryStep(folders: folders), isValid: { (kept: DiscoveredSamples) in
                    generation != nil && !fileSystem.hasChanges(since: kept.generation, inside: discoveryFolders)
                }, revise: { (kept: DiscoveredSamples) in
                    guard let generation, let changed = loader.changes(since: kept.generation, inside: discoveryFolders),
                          kept.holdsAll(after: changed, loader: loader) else { return nil }
                    return DiscoveredSamples(paths: kept.paths, generation: generation)
                }) {
                    DiscoveredSamples(paths: folders.flatMap { samples.discoverJSONFiles(under: $0) }, generation: generation ?? 0)
                }.paths
            }
        })
        Trace.note("read: both sides", since: sidesStart)
        let merging = ContinuousClock.now
        let parameterInputs = parameters.wait()
        let parameterSources = parameterInputs.sources
        for source in parameterSources { sources.add(source) }
        if !parameterInputs.allRead { definitionsAreComplete = false }
        collector.report(parameterInputs.diagnostics)
        collector.report(parametersCollector.diagnostics)
        collector.report(pagesCollector.diagnostics)
        for file in statusSources { sources.add(file) }

        // Whether each page's endpoints may hold tables made from the definitions' prose.
        let pagesWithTables = rawPages.map { !$0.parameterTables.isEmpty }
        rawPages = Trace.span("read: parameter tables") {
            rawPages.map { $0.fillingParameterTables(definitions: definitionsByKey, collector: collector) }
        }

        Trace.note("read: merge sides", since: merging)
        let versions = Trace.span("read: versions") {
            resolveVersions(rawPages, definitions: definitions, settings: settings,
                            entry: pagePath(documents[0]), collector: collector)
        }
        let assembler = Trace.span("read: assembler") {
            OSAPIRefAssembler(definitions: definitionsByKey, apiMin: versions.range.min ?? Microversion(1, 0))
        }
        collector.report(samplesCollector.diagnostics)
        Trace.span("read: sample sources") { sources.add(contentsOf: sampleSources) }
        // With `serve`'s cache, endpoints whose inputs did not change are kept. The definitions
        // are what the parameters files' texts make with this index.
        let fingerprints = ReadCache.current == nil ? nil : {
            var whole = Hasher(), shape = Hasher()
            whole.combine(indexFingerprint)
            for source in parameterSources { whole.combine(source.textHash) }
            for definition in definitions {
                shape.combine(definition.key)
                shape.combine(definition.location)
                shape.combine(definition.type)
            }
            let (wholeHash, shapeHash) = (whole.finalize(), shape.finalize())
            return OSAPIRefAssembler.Fingerprints(pages: pageFingerprints, samples: sampleFingerprints,
                                                  definitions: pagesWithTables.map { $0 ? wholeHash : shapeHash })
        }()
        var endpointFingerprints: [Int] = []
        let pages = Trace.span("read: assemble") {
            assembler.pages(rawPages, samples: sampleDocuments, fingerprints: fingerprints,
                            endpointFingerprints: &endpointFingerprints)
        }

        let project = Project(
            title: settings.title ?? outlines.first?.title ?? "Untitled API",
            service: settings.service ?? "",
            versionHeader: settings.versionHeader ?? "OpenStack-API-Version",
            versions: versions.range,
            description: settings.project?.description,
            parametersFile: tree.parameterFiles.first?.file ?? PathUtilities.join(prefix, "parameters.yaml"),
            pageFiles: zip(documents, rawPages).map { Located($0.1.path, at: .file($0.1.path)) },
            versionNotes: settings.project?.versionNotes ?? [],
            range: settings.projectRange ?? .file(pagePath(documents[0])))
        let model = Trace.span("read: model") {
            APIModel(project: project, definitions: definitions, pages: pages,
                     samples: sampleDocuments, sources: sources, definitionsAreComplete: definitionsAreComplete)
        }
        var result = ReadResult(model: model, diagnostics: collector.diagnostics, discoveredSamples: discovered,
                                root: modelRoot)
        if fingerprints != nil {
            result.fingerprints = ContentFingerprints(endpoints: endpointFingerprints)
        }
        // What only the steps above needed is freed with the process, not here (check, build).
        ProcessLifetime.keepUntilExit((tree, parameters, rawPages, collector, parametersCollector, pagesCollector,
                                       samplesCollector, assembler))
        return OSAPIRefTree(result: result, sourcePrefix: prefix, sampleFolders: folders,
                            parameterFiles: tree.parameterFiles.map(\.file), versionRangeSource: versions.explanation)
    }

    /// The parameters files read, with what reading them found, and their tables (YAML).
    private struct ParameterInputs {
        var sources: [SourceFile] = []
        var diagnostics: [Diagnostic] = []
        /// Whether every file could be read.
        var allRead = true
        var tables: [OSAPIRefParameters.Table] = []
    }

    /// The tables need nothing of the pages: they are read while the pages are indexed and
    /// built. Their descriptions, which may refer to the pages, are converted once the index
    /// is complete (`readDefinitions`).
    private func readParameterInputs(_ files: [(file: String, range: SourceRange)], modelRoot: String) -> ParameterInputs {
        let loader = SourceLoader(fileSystem: fileSystem, root: modelRoot)
        let collector = DiagnosticCollector()
        var inputs = ParameterInputs()
        for (file, range) in files {
            guard loader.exists(file) else {
                collector.report(IncludeNotFound.make(path: file, at: range, reason: "does not exist", suggestion: nil))
                inputs.allRead = false
                continue
            }
            guard let source = loader.load(file, reportedAt: range, into: collector) else {
                inputs.allRead = false
                continue
            }
            inputs.sources.append(source)
        }
        inputs.diagnostics = collector.diagnostics
        inputs.tables = Trace.span("read: parameters YAML") {
            inputs.sources.map { source in
                ReadCache.memoized(ParameterTableStep(path: source.path, text: source.textKey)) {
                    OSAPIRefParameters.readTable(source)
                }
            }
        }
        return inputs
    }

    /// The definitions of the parameters files, in order (a key defined in two files: the
    /// first wins, as one lookup table), their descriptions converted to Markdown with `index`;
    /// whether every file could be read as a table.
    private func readDefinitions(_ sources: [SourceFile], tables: [OSAPIRefParameters.Table], index: RSTReferenceIndex,
                                 indexFingerprint: Int,
                                 collector: DiagnosticCollector) -> (definitions: [ParameterDefinition], allReadable: Bool) {
        var definitions: [ParameterDefinition] = []
        var allReadable = true
        var definedKeys = Set<String>()
        for (source, table) in zip(sources, tables) {
            let text = ReadCache.current == nil ? nil : source.textKey
            func convert(_ previous: ConvertedParameters?) -> ConvertedParameters {
                // Across the cores; a definition read as last time (`serve`: the same value,
                // its description on the same lines) is taken whole from the last conversion,
                // so that what was worked out of it since (its hashes) is kept too.
                let converted = Parallel.map(table.definitions.count) { number -> ConvertedDefinition in
                    let definition = table.definitions[number]
                    // The very value converted last time at this place: an entry of the file kept
                    // by its text and line, so its description sits on the same lines.
                    if let previous, previous.converted.indices.contains(number),
                       previous.converted[number].source.isSameValue(as: definition) {
                        return previous.converted[number]
                    }
                    // The lines around its description's start tell where the text sits (`|`, quotes).
                    let start = definition.description?.range.start.line
                    let around = start.map { [source.line($0), source.line($0 + 1)] } ?? []
                    if let old = previous?.descriptions[definition.key], old.source == definition, old.around == around { return old }
                    guard let description = definition.description else {
                        return ConvertedDefinition(source: definition, around: [],
                                                   definition: OSAPIRefParameters.withDescription(definition, nil), diagnostics: [])
                    }
                    let own = DiagnosticCollector()
                    let context = RSTPageContext(file: source.path, page: source.path, document: source.path,
                                                 documentFolder: "", index: index, collector: own)
                    let lines = OSAPIRefParameters.lines(of: description, in: source)
                    let markdown = MarkdownText(RSTMarkdownWriter(context: context).markdown(RSTBlockParser.parse(lines.dedented())),
                                                range: description.range)
                    return ConvertedDefinition(source: definition, around: around, definition: OSAPIRefParameters.withDescription(definition, markdown),
                                               diagnostics: own.diagnostics)
                }
                let own = DiagnosticCollector()
                own.report(table.diagnostics)
                for definition in converted { own.report(definition.diagnostics) }
                var byKey: [String: ConvertedDefinition] = [:]
                if ReadCache.current != nil {
                    byKey.reserveCapacity(converted.count)
                    for definition in converted { byKey[definition.source.key] = definition }
                }
                return ConvertedParameters(text: text, definitions: converted.map(\.definition), isReadable: table.isReadable,
                                           diagnostics: own.diagnostics, converted: ReadCache.current == nil ? [] : converted,
                                           descriptions: byKey)
            }
            // `serve`: kept while the file reads the same; after an edit, only the descriptions
            // that changed are converted again.
            let read = ReadCache.memoized(ParametersStep(path: source.path, index: indexFingerprint),
                                          isValid: { $0.text == text }, revise: { convert($0) },
                                          make: { convert(nil) })
            collector.report(read.diagnostics)
            if !read.isReadable { allReadable = false }
            for definition in read.definitions where definedKeys.insert(definition.key).inserted { definitions.append(definition) }
        }
        return (definitions, allReadable)
    }

    /// Each document built into a page, all at once (`paths`: their root-relative paths), and
    /// the status files they read, read once each; what they report stays with each page.
    private func buildPages(_ documents: [RSTDocument], outlines: [RSTOutline], paths: [String], prefix: String,
                            loader: SourceLoader, index: RSTReferenceIndex, indexFingerprint: Int)
        -> (pages: [BuiltPage], statusSources: [SourceFile], statusProblems: [Diagnostic]) {
        let statusTables = StatusTables(loader: loader)
        let built = Parallel.map(documents.count) { number -> BuiltPage in
            let document = documents[number], outline = outlines[number], path = paths[number]
            let documentBase = PathUtilities.normalizeRelative(PathUtilities.join(prefix, document.documentFolder)) ?? prefix
            func build() -> BuiltPage {
                let own = DiagnosticCollector()
                let statusFiles = StatusFiles(tables: statusTables, collector: own)
                let context = RSTPageContext(file: path, page: path, document: document.path,
                                             documentFolder: document.documentFolder, index: index, collector: own)
                let page = OSAPIRefPageBuilder(document: document, outline: outline, file: path,
                                               documentBase: documentBase, sourceBase: prefix, context: context,
                                               collector: own, statusFiles: statusFiles).build()
                return BuiltPage(page: page, diagnostics: own.diagnostics, statusLookups: statusFiles.lookups)
            }
            guard let cache = ReadCache.current else { return build() }
            // A page built before still holds while its status tables read the same.
            let step = PageStep(document: DocumentStep(document), page: path, documentBase: documentBase,
                                sourceBase: prefix, index: indexFingerprint)
            var kept = cache.step(step, isValid: { (built: BuiltPage) in
                built.statusLookups.allSatisfy { statusTables.table($0.file, reportedAt: $0.range) == $0.table }
            }, make: build)
            kept.fingerprint = step.hashValue
            return kept
        }
        // Problems reading a status file are reported at the first page, in document order,
        // that names it.
        let statusProblems = DiagnosticCollector()
        let statusSources = statusTables.finish(built.flatMap(\.statusLookups), into: statusProblems)
        return (built, statusSources, statusProblems.diagnostics)
    }

    /// `master_doc` is `index` in every os-api-ref tree seen; conf.py may say otherwise.
    /// The RST files of the tree and what is made of them alone: where the model root is, the
    /// files' sources, outlines and the reference index. With `serve`'s cache, kept whole while
    /// none of the paths asked of the file system to make it changed.
    /// `whenParametersKnown` is called with the parameters files and the model root as soon as
    /// they are known, when the tree is read (not when `serve` keeps it).
    private func readDocuments(entry: String,
                               whenParametersKnown: ([(file: String, range: SourceRange)], String) -> Void) -> RSTTree {
        let generation = fileSystem.changeGeneration
        return ReadCache.memoized(RSTTreeStep(root: root, entry: entry), isValid: { (kept: RSTTree) in
            guard generation != nil, let changed = fileSystem.changes(since: kept.generation),
                  kept.asked.isUntouched(by: changed) else { return false }
            // The files' parses are kept with it, unread: they count as kept parses.
            ReadCache.current?.countReusedParses(kept.documents.count)
            return true
        }) { () -> RSTTree in
            let log = ReadCache.current == nil ? nil : AskedPaths.Log(fileSystem)
            let fileSystem: any FileSystem = log ?? self.fileSystem
            // Read relative to the source folder (the model root is not known until every
            // include has been seen).
            let early = DiagnosticCollector()
            let documents = Trace.span("read: RST files") {
                RSTTreeLoader(fileSystem: fileSystem, sourceFolder: root, maxClimb: Self.maxClimb).load(entry: entry, collector: early)
            }
            // Per file, at once: how far its includes climb, and its line index (its path waits
            // for the model root, which the climbs decide).
            let scannedFiles = Trace.span("read: climbs, line indexes") {
                Parallel.map(documents.count) { index in
                    ReadCache.memoized(ClimbStep(document: DocumentStep(documents[index]))) {
                        (climb: Self.climb(documents[index]), source: SourceFile(path: documents[index].path, text: documents[index].text))
                    }
                }
            }
            let climb = min(Self.maxClimb, scannedFiles.map(\.climb).max() ?? 0)
            let resolvedSource = fileSystem.resolvedPath(root) ?? root
            let prefix = OSAPIRefPaths.lastComponents(of: resolvedSource, count: climb)
            let modelRoot = OSAPIRefPaths.ancestor(of: root, levels: climb)
            let parameterFiles = Self.parameterFiles(documents, prefix: prefix)
            whenParametersKnown(parameterFiles, modelRoot)
            func pagePath(_ document: RSTDocument) -> String {
                PathUtilities.normalizeRelative(PathUtilities.join(prefix, document.path)) ?? document.path
            }
            // Outlines and URL targets are per file: found at once, then indexed in order.
            let scanned = Trace.span("read: outlines") {
                Parallel.map(documents.count) { index in
                    ReadCache.memoized(DocumentStep(documents[index])) {
                        (RSTOutline(documents[index].blocks), RSTReferenceIndex.urlTargets(in: documents[index]))
                    }
                }
            }
            let index = RSTReferenceIndex()
            Trace.span("read: index") {
                for (document, scan) in zip(documents, scanned) {
                    index.add(document, outline: scan.0, page: pagePath(document), urlTargets: scan.1)
                }
            }
            return RSTTree(
                documents: documents,
                parameterFiles: parameterFiles,
                diagnostics: early.diagnostics.map { Self.rebased($0, prefix: prefix) },
                sources: zip(documents, scannedFiles).map { $1.source.at(path: pagePath($0)) },
                prefix: prefix, modelRoot: modelRoot,
                outlines: scanned.map(\.0), index: index,
                // What conversions of RST depend on besides their text (only for `serve`'s cache).
                indexFingerprint: log == nil ? 0 : index.fingerprint,
                asked: log?.asked ?? AskedPaths(), generation: generation ?? 0)
        }
    }

    private func entryDocument() throws(InputError) -> String {
        var candidates = ["index.rst"]
        if let bytes = try? fileSystem.readFile(at: PathUtilities.join(root, "conf.py")),
           let text = String(validating: bytes, as: UTF8.self) {
            for line in text.split(ascii: "\n") where line.hasBytePrefix("master_doc") {
                // Quotes, spaces and CR trimmed by byte (Foundation's trimming built a character
                // set and bridged the text: ~1 M instructions before anything else was read).
                let value = line.split(separator: "=", maxSplits: 1).last
                    .map { String($0.trimmingBytes { $0 == 0x27 || $0 == 0x22 || $0 == 0x20 || $0 == 0x0D }) } ?? ""
                if !value.isEmpty { candidates.insert(value + ".rst", at: 0) }
            }
        }
        guard let entry = candidates.first(where: { fileSystem.kind(at: PathUtilities.join(root, $0)) == .file }) else {
            throw InputError("'\(root)' has no index.rst: not an os-api-ref source folder")
        }
        return entry
    }

    /// How far above the source folder a document's own path and its directive paths reach.
    private static func climb(_ document: RSTDocument) -> Int {
        var levels = OSAPIRefPaths.ups(document.path)
        for block in document.blocks {
            guard case .directive(let directive) = block,
                  directive.name == "literalinclude" || directive.name == "rest_parameters" || directive.name == "rest_status_code",
                  let written = directive.argument?.trimmed.split(ascii: " ").last.map(String.init)
            else { continue }
            let joined = written.hasBytePrefix("/") ? String(written.dropFirst())
                : PathUtilities.join(document.documentFolder, written)
            levels = max(levels, OSAPIRefPaths.ups(joined))
        }
        return levels
    }

    private static func rebased(_ diagnostic: Diagnostic, prefix: String) -> Diagnostic {
        func move(_ range: SourceRange) -> SourceRange {
            SourceRange(file: PathUtilities.normalizeRelative(PathUtilities.join(prefix, range.file)) ?? range.file,
                        start: range.start, end: range.end)
        }
        return Diagnostic(code: diagnostic.code, severity: diagnostic.severity, message: diagnostic.message,
                          range: move(diagnostic.range), microversion: diagnostic.microversion,
                          pointer: diagnostic.pointer, label: diagnostic.label,
                          notes: diagnostic.notes.map { DiagnosticNote($0.message, at: $0.range.map(move)) },
                          help: diagnostic.help)
    }

    /// Distinct parameters files named by `rest_parameters`, each with the first place that
    /// names it (root-relative).
    private static func parameterFiles(_ documents: [RSTDocument], prefix: String) -> [(file: String, range: SourceRange)] {
        var seen = Set<String>()
        var files: [(String, SourceRange)] = []
        for document in documents {
            let page = PathUtilities.normalizeRelative(PathUtilities.join(prefix, document.path)) ?? document.path
            for block in document.blocks {
                guard case .directive(let directive) = block, directive.name == "rest_parameters" else { continue }
                let written = directive.argumentText.isEmpty ? "parameters.yaml" : directive.argumentText
                let joined = written.hasPrefix("/") ? PathUtilities.join(prefix, String(written.dropFirst()))
                    : PathUtilities.join(PathUtilities.join(prefix, document.documentFolder), written)
                guard let file = PathUtilities.normalizeRelative(joined), seen.insert(file).inserted else { continue }
                files.append((file, directive.argument?.range(in: page, length: written.count) ?? directive.marker.range(in: page)))
            }
        }
        return files
    }

    /// The folders samples are discovered in: per top-level folder of the included samples,
    /// the deepest folder holding all of them (`doc/api_samples` for nova).
    static func sampleFolders(_ samples: [String]) -> [String] {
        // Each folder once (nova's ~330 samples lie in ~100), then split.
        var parents = Set<Substring>()
        for path in samples {
            let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
            parents.insert(slash.map { path[..<$0] } ?? "")
        }
        var groups: [Substring: [Substring]] = [:]
        for parent in parents {
            let folder = parent.split(ascii: "/")
            guard let first = folder.first else { groups["", default: []] = []; continue }
            if let common = groups[first] {
                groups[first] = Array(zip(common, folder).prefix { $0.0 == $0.1 }.map(\.0))
            } else {
                groups[first] = folder
            }
        }
        return groups.values.map { $0.joined(separator: "/") }.sorted()
    }

    private func resolveVersions(_ pages: [RawPage], definitions: [ParameterDefinition],
                                 settings: ProjectSettings, entry: String, collector: DiagnosticCollector)
        -> (range: VersionRange, explanation: String) {
        var inference = APIVersionRangeInference()
        // By index: a copy of each endpoint (of every field) was most of this step.
        for page in pages.indices {
            for index in pages[page].endpoints.indices {
                let versions = pages[page].endpoints[index].versions
                inference.noteStart(versions.min)
                inference.noteEnd(versions.max)
                for sample in pages[page].endpoints[index].samples {
                    inference.noteStart(SampleVersions.folderVersion(in: sample.written))
                }
            }
        }
        for definition in definitions {
            inference.noteStart(definition.versions.min)
            inference.noteEnd(definition.versions.max)
        }
        var declared: [(APIVersionRangeInference.Source, VersionRange)] = [(.commandLine, options.versions)]
        if let project = settings.project { declared.append((.projectFile, project.versions)) }
        if let sphinx = settings.sphinxVersions { declared.append((.sphinxConfiguration, sphinx)) }
        let resolved = APIVersionRangeInference.resolve(declared, inferred: inference.inferred)
        let explanation: String
        if resolved.minSource == resolved.maxSource {
            explanation = resolved.minSource == .inferred ? "inferred from the tree" : "from \(resolved.minSource.rawValue)"
        } else {
            explanation = "min from \(resolved.minSource.rawValue), max from \(resolved.maxSource.rawValue)"
        }
        if resolved.minSource == .inferred || resolved.maxSource == .inferred {
            let basis = resolved.minSource == resolved.maxSource
                ? "the versions the tree names (endpoint and parameter windows, sample folders)"
                : "the versions the tree names (\(explanation))"
            collector.report(InferredVersionRange.make(resolved.range, at: settings.projectRange ?? .file(entry), basis: basis))
        }
        return (resolved.range, explanation)
    }
}

// Keys of the reading steps `serve` keeps between builds (see `ReadCache.step`): each holds
// what its step reads. `index` is the fingerprint of the reference index.

/// The RST files of a tree and what is made of them alone (`readDocuments`).
private struct RSTTreeStep: Hashable {
    let root: String
    let entry: String
}

private struct RSTTree {
    let documents: [RSTDocument]
    /// The parameters files the documents name, each once, where first named.
    let parameterFiles: [(file: String, range: SourceRange)]
    /// Found reading the files, with paths relative to the model root.
    let diagnostics: [Diagnostic]
    /// The files' sources, at their paths relative to the model root.
    let sources: [SourceFile]
    /// The source folder relative to the model root.
    let prefix: String
    let modelRoot: String
    let outlines: [RSTOutline]
    let index: RSTReferenceIndex
    let indexFingerprint: Int
    /// Every path asked of the file system to make this, and the file system's generation then.
    let asked: AskedPaths
    let generation: Int
}

/// One RST file as read: its outline and URL targets.
private struct DocumentStep: Hashable {
    let path: String
    let text: TextKey
    let documentFolder: String
    let isDocument: Bool

    init(_ document: RSTDocument) {
        path = document.path
        text = document.textKey ?? TextKey(document.text)
        documentFolder = document.documentFolder
        isDocument = document.isDocument
    }
}

/// One parameters file read as a table (descriptions still RST).
private struct ParameterTableStep: Hashable {
    let path: String
    let text: TextKey
}

/// The samples the pages include, loaded (`SampleLoader.loadSet`).
private struct SamplesStep: Hashable {
    let root: String
}

private struct LoadedSamples {
    struct Reference: Equatable {
        let written: String
        let range: SourceRange
        let base: String

        /// Root-relative, normalised; nil when it climbs above the root.
        var path: String? { PathUtilities.normalizeRelative(PathUtilities.join(base, written)) }
    }
    /// What the pages include, as they wrote it.
    let references: [Reference]
    let set: LoadedSampleSet
    /// The file system's change generation when they were loaded, and the folders they lie in.
    let generation: Int
    let folders: [String]
    private let discoveryFolders = Cached<[String]>()

    init(references: [Reference], set: LoadedSampleSet, generation: Int, folders: [String]) {
        self.references = references
        self.set = set
        self.generation = generation
        self.folders = folders
    }

    /// The folders samples are discovered in (`OSAPIRefReader.sampleFolders`), worked out once
    /// per load: kept with the samples through the rebuilds that keep them.
    var sampleFolders: [String] {
        discoveryFolders.value { OSAPIRefReader.sampleFolders(Array(set.documents.keys)) }
    }
}

/// The `.json` files below the sample folders.
private struct DiscoveryStep: Hashable {
    let folders: [String]
}

private struct DiscoveredSamples {
    let paths: [String]
    let generation: Int

    /// Whether the paths are still every `.json` file after the files at `changed`
    /// (root-relative) changed: each an edited file found before, or something that is not
    /// there and held none of them (an editor's temporary file), or a file discovery skips.
    func holdsAll(after changed: [String], loader: SourceLoader) -> Bool {
        let found = Set(paths)
        return changed.allSatisfy { path in
            let name = path.split(ascii: "/").last.map(String.init) ?? path
            switch loader.fileSystem.kind(at: loader.absolute(path)) {
            case .file: return found.contains(path) || !name.hasSuffix(".json")
            case nil: return !found.contains(path) && !paths.contains { PathUtilities.isInside($0, root: path) }
            default: return false
            }
        }
    }
}

/// How far one RST file's includes climb above the source folder, and its line index.
private struct ClimbStep: Hashable {
    let document: DocumentStep
}

/// A parameters file, its descriptions converted (with the index of the pages they may name).
private struct ParametersStep: Hashable {
    let path: String
    let index: Int
}

/// A parameters file with its descriptions converted, as `ParametersStep` keeps it.
private struct ConvertedParameters {
    /// Nil without `serve`'s cache.
    let text: TextKey?
    let definitions: [ParameterDefinition]
    let isReadable: Bool
    let diagnostics: [Diagnostic]
    /// In order, and by definition key, for the next conversion of the file (`serve`).
    let converted: [ConvertedDefinition]
    let descriptions: [String: ConvertedDefinition]
}

/// One definition of a parameters file with its description converted to Markdown, with what
/// it was made from: the definition as read (RST), and the lines around its description's start.
private struct ConvertedDefinition {
    let source: ParameterDefinition
    let around: [Substring?]
    let definition: ParameterDefinition
    let diagnostics: [Diagnostic]
}

/// One RST file built into a page.
private struct PageStep: Hashable {
    let document: DocumentStep
    let page: String
    let documentBase: String
    let sourceBase: String
    let index: Int
}

/// A page as built, with what it reported and the status tables it read.
private struct BuiltPage {
    let page: RawPage
    let diagnostics: [Diagnostic]
    let statusLookups: [StatusFiles.Lookup]
    /// Its `PageStep`'s hash, when built for `serve`'s cache.
    var fingerprint = 0
}
