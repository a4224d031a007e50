/// Loads JSON samples safely: paths stay inside the description root (lexically and after
/// following symlinks), each file is read and parsed once.
struct SampleLoader {
    let loader: SourceLoader
    /// The root with symlinks resolved, for containment checks.
    let resolvedRoot: String?
    var maxDepth: Int { ReadLimits.current.maxJSONDepth }

    init(loader: SourceLoader) {
        self.loader = loader
        self.resolvedRoot = loader.fileSystem.resolvedPath(loader.root)
    }

    enum Resolution {
        case inside(String)
        case outside(reason: String)
    }

    /// A written sample path (relative to `base`, a folder relative to the root) as a
    /// root-relative path, or why it is refused.
    func resolve(_ written: String, base: String = "") -> Resolution {
        if written.hasPrefix("/") { return .outside(reason: "absolute path") }
        guard let relative = PathUtilities.normalizeRelative(PathUtilities.join(base, written)) else {
            return .outside(reason: "'..' climbs above the folder")
        }
        if let resolvedRoot, let real = loader.fileSystem.resolvedPath(loader.absolute(relative)),
           !PathUtilities.isInside(real, root: resolvedRoot) {
            return .outside(reason: "a symlink leads outside the folder")
        }
        return .inside(relative)
    }

    /// Reads and parses each distinct referenced sample once. Missing and escaping samples
    /// are reported at the first reference. Paths are resolved, and files read and parsed,
    /// across the cores; what is reported and kept does not depend on their order.
    func load(_ references: [(written: String, range: SourceRange, base: String)],
              collector: DiagnosticCollector, sources: inout SourceStore) -> [String: SampleDocument] {
        loadWithFingerprints(references, collector: collector, sources: &sources).documents
    }

    /// `load`, with a fingerprint of each sample's text when `serve`'s cache is in use (what
    /// the endpoints showing it are keyed by), else none.
    func loadWithFingerprints(_ references: [(written: String, range: SourceRange, base: String)],
                              collector: DiagnosticCollector, sources: inout SourceStore)
        -> (documents: [String: SampleDocument], fingerprints: [String: Int]) {
        let set = loadSet(references)
        remember(set)
        collector.report(set.diagnostics)
        sources.add(contentsOf: set.sources)
        return (set.documents, set.fingerprints)
    }

    /// `load`'s work as one value, which `serve` keeps between builds (see `reloading`).
    /// With `serve`'s cache, each sample whose bytes are those of the last load is taken
    /// from it whole (text, line index, value, findings); the bytes are compared, not hashed.
    func loadSet(_ references: [(written: String, range: SourceRange, base: String)]) -> LoadedSampleSet {
        let last = ReadCache.current?.kept(LastLoad(root: loader.root), as: LoadedSampleSet.self, counting: false)
            .flatMap { $0.maxDepth == maxDepth ? $0 : nil }
        /// `present`'s flag: the sample may be a symlink (its contents are another file's).
        enum Found { case outside(reason: String), missing(String), present(String, linked: Bool) }
        struct Key: Hashable { let written: String, base: String }
        var keys: [Key] = []
        var keyIndex: [Key: Int] = [:]
        for reference in references {
            let key = Key(written: reference.written, base: reference.base)
            if keyIndex[key] == nil { keyIndex[key] = keys.count; keys.append(key) }
        }
        // Resolved folder by folder: each folder's real path and listing once, then a file's
        // real path is its folder's unless it is a symlink itself (one realpath and one stat
        // per sample were most of the syscalls of reading nova).
        let lexical = keys.map { key -> Result<String, Refusal> in
            if key.written.hasPrefix("/") { return .failure(Refusal(reason: "absolute path")) }
            guard let relative = PathUtilities.normalizeRelative(PathUtilities.join(key.base, key.written)) else {
                return .failure(Refusal(reason: "'..' climbs above the folder"))
            }
            return .success(relative)
        }
        let folderNames = Array(Set(lexical.compactMap { try? Self.split($0.get()).folder }))
        let reals = resolvedRoot == nil ? [] : loader.fileSystem.resolvedPaths(folderNames.map(loader.absolute))
        let listed = Parallel.map(folderNames.count) { index -> FolderListing in
            let absolute = loader.absolute(folderNames[index])
            let entries = try? loader.fileSystem.entries(ofDirectory: absolute)
            return FolderListing(real: resolvedRoot == nil ? nil : reals[index],
                                 entries: entries.map { Dictionary($0.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }) })
        }
        let folders = Dictionary(uniqueKeysWithValues: zip(folderNames, listed))
        let found = Parallel.map(keys.count) { index -> Found in
            switch lexical[index] {
            case .failure(let refusal): return .outside(reason: refusal.reason)
            case .success(let path):
                let (folder, name) = Self.split(path)
                // A folder that cannot be listed (no read permission) may still hold readable files.
                guard let entries = folders[folder]?.entries else {
                    guard case .inside(let path) = resolve(keys[index].written, base: keys[index].base) else {
                        return .outside(reason: "a symlink leads outside the folder")
                    }
                    return loader.fileSystem.kind(at: loader.absolute(path)) == nil ? .missing(path) : .present(path, linked: true)
                }
                guard let entry = entries[name] else { return .missing(path) }
                if let resolvedRoot {
                    let real = entry.isSymlink ? loader.fileSystem.resolvedPath(loader.absolute(path))
                        : folders[folder]?.real.map { PathUtilities.join($0, name) }
                    if let real, !PathUtilities.isInside(real, root: resolvedRoot) {
                        return .outside(reason: "a symlink leads outside the folder")
                    }
                }
                return entry.kind == nil ? .missing(path) : .present(path, linked: entry.isSymlink)
            }
        }

        let collector = DiagnosticCollector()
        var toParse: [(path: String, range: SourceRange)] = []
        var linked = false
        var taken = Set<String>(), refused = Set<String>()
        for reference in references {
            switch found[keyIndex[Key(written: reference.written, base: reference.base)]!] {
            case .outside(let reason):
                if refused.insert(reference.written).inserted {
                    collector.report(SampleOutsideRoot.make(path: reference.written, at: reference.range, reason: reason))
                }
            case .missing(let path):
                guard !taken.contains(path), refused.insert(path).inserted else { continue }
                collector.report(MissingSample.make(path: reference.written, at: reference.range,
                                                    suggestion: suggestion(for: path)))
            case .present(let path, let isLink):
                guard !refused.contains(path), taken.insert(path).inserted else { continue }
                toParse.append((path, reference.range))
                linked = linked || isLink
            }
        }

        let samples = Parallel.map(toParse.count) { index in
            loadOne(toParse[index].path, reportedAt: toParse[index].range, last: last)
        }
        var set = LoadedSampleSet(referenceFindings: collector.diagnostics, hasLinks: linked, maxDepth: maxDepth)
        set.parsed.reserveCapacity(samples.count)
        for (sample, (_, range)) in zip(samples, toParse) { set.append(sample, range: range) }
        return set
    }

    /// One sample read and parsed, or taken from `last` when its bytes are the same.
    private func loadOne(_ path: String, reportedAt range: SourceRange, last: LoadedSampleSet?) -> ParsedSample {
        let own = DiagnosticCollector()
        guard let bytes = loader.loadBytes(path, reportedAt: range, into: own) else {
            return ParsedSample(bytes: [], document: SampleDocument(path: path, value: nil), source: nil,
                                diagnostics: own.diagnostics, fingerprint: 0)
        }
        guard let cache = ReadCache.current else { return parsed(path, bytes) }
        guard let kept = last?.parsed(at: path), TextKey.sameBytes(kept.bytes, bytes) else {
            cache.countParse()
            return parsed(path, bytes)
        }
        cache.countReusedParse()
        return ParsedSample(bytes: kept.bytes, document: kept.document, source: kept.source,
                            diagnostics: own.diagnostics + kept.diagnostics, fingerprint: kept.fingerprint)
    }

    /// Keeps `set` in `serve`'s cache as the last load, whose samples the next `loadSet` takes
    /// when their bytes did not change (one entry, however many samples).
    func remember(_ set: LoadedSampleSet) {
        ReadCache.current?.keep(LastLoad(root: loader.root), set, counting: false)
    }

    private struct LastLoad: Hashable {
        let root: String
    }

    /// `set` brought up to date after the files at `changed` (root-relative paths, of files or
    /// folders) changed: the changed samples read again, the others kept. Nil when a change
    /// could alter more than those samples' contents (a sample added, removed or turned into
    /// a symlink, a folder changed, a file appearing where a reference found none): then the
    /// set must be loaded again. Paths under no sample folder are the caller's to leave out.
    func reloading(_ set: LoadedSampleSet, changed: [String]) -> LoadedSampleSet? {
        var reread: [String] = []
        for path in changed {
            if set.positions[path] != nil {
                // Still a plain file, listed in its folder as before.
                let (folder, name) = Self.split(path)
                guard let entry = try? loader.fileSystem.entries(ofDirectory: loader.absolute(folder)).first(where: { $0.name == name }),
                      entry.kind == .file, !entry.isSymlink else { return nil }
                reread.append(path)
            } else {
                // Something no reference names: harmless when every reference found its sample
                // (a missing one's suggestion lists its folder), and it is a plain file none
                // of them links to, or gone and held none of them.
                guard set.referenceFindings.isEmpty else { return nil }
                switch loader.fileSystem.kind(at: loader.absolute(path)) {
                case .file: guard !set.hasLinks else { return nil }
                case nil: guard !set.documents.keys.contains(where: { PathUtilities.isInside($0, root: path) }) else { return nil }
                case .directory: return nil
                }
            }
        }
        var revised = set
        for path in reread {
            let position = set.positions[path]!
            revised.replace(at: position, with: loadOne(path, reportedAt: set.ranges[position], last: set))
        }
        return revised
    }
    private struct Refusal: Error {
        let reason: String
    }

    /// A folder holding samples: where it really is (when containment is checked) and what
    /// it holds.
    private struct FolderListing {
        let real: String?
        /// Nil when the folder cannot be listed.
        let entries: [String: DirectoryEntry]?
    }

    /// `a/b/c.json` -> (`a/b`, `c.json`); a path without a folder has folder "".
    private static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    /// One sample read: what `load` keeps of it.
    struct ParsedSample {
        let bytes: [UInt8]
        let document: SampleDocument
        let source: SourceFile?
        let diagnostics: [Diagnostic]
        /// Of its text, for `serve`'s cache (0 without it).
        let fingerprint: Int
    }

    private func parsed(_ path: String, _ bytes: [UInt8]) -> ParsedSample {
        let own = DiagnosticCollector()
        var store = SourceStore()
        let document = parse(path, bytes: bytes, collector: own, sources: &store)
        let source = store[path]
        let fingerprint = ReadCache.current == nil ? 0 : (source.map { TextKey($0.text).hashValue } ?? 0)
        return ParsedSample(bytes: bytes, document: document, source: source, diagnostics: own.diagnostics,
                            fingerprint: fingerprint)
    }

    private func parse(_ path: String, bytes: [UInt8], collector: DiagnosticCollector,
                       sources: inout SourceStore) -> SampleDocument {
        // Parsed from bytes so that invalid UTF-8 and a byte order mark are located errors.
        sources.add(SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self)))
        let parse = { () throws(JSONSyntaxError) -> JSONValue in try JSONReader.parse(bytes, maxDepth: maxDepth) }
        do throws(JSONSyntaxError) {
            return SampleDocument(path: path, value: try parse())
        } catch {
            collector.report(InvalidJSON.make(error, file: path))
            return SampleDocument(path: path, value: nil)
        }
    }

    /// A sibling file with a close name, for "did you mean".
    private func suggestion(for path: String) -> String? {
        let parts = path.split(separator: "/")
        guard let name = parts.last else { return nil }
        let folder = parts.dropLast().joined(separator: "/")
        guard let siblings = try? loader.fileSystem.contents(ofDirectory: loader.absolute(folder)) else { return nil }
        return Spelling.closest(to: String(name), among: siblings).map { PathUtilities.join(folder, $0) }
    }

    /// Every `.json` file below `folder` (root-relative), without following directory symlinks
    /// out of the root, skipping hidden folders; bounded so a hostile tree cannot hang us.
    func discoverJSONFiles(under folder: String, limit: Int = ReadLimits.current.maxFiles) -> [String] {
        var found: [String] = []
        // Walked level by level, each level's folders listed across the cores (nova's samples
        // are 180 folders, three levels deep). With each folder, its real path when known: a
        // subfolder that is not a symlink lies inside its parent, so only symlinks (and the
        // start) need resolving.
        var level: [(path: String, real: String?)] = [(folder, nil)]
        var visitedDirectories = Set<String>()
        while !level.isEmpty, found.count < limit {
            let listings = Parallel.map(level.count) { index -> (real: String, entries: [DirectoryEntry])? in
                let (current, knownReal) = level[index]
                let absolute = loader.absolute(current)
                guard let real = knownReal ?? loader.fileSystem.resolvedPath(absolute),
                      resolvedRoot.map({ PathUtilities.isInside(real, root: $0) }) ?? true,
                      let entries = try? loader.fileSystem.entries(ofDirectory: absolute)
                else { return nil }
                return (real, entries)
            }
            var next: [(path: String, real: String?)] = []
            for (current, listing) in zip(level.map(\.path), listings) {
                // A folder reached twice (through a symlink) is walked once.
                guard let listing, visitedDirectories.insert(listing.real).inserted else { continue }
                for entry in listing.entries where !entry.name.hasPrefix(".") {
                    let child = PathUtilities.join(current, entry.name)
                    switch entry.kind {
                    case .directory: next.append((child, entry.isSymlink ? nil : PathUtilities.join(listing.real, entry.name)))
                    case .file where entry.name.hasSuffix(".json"): found.append(child)
                    default: break
                    }
                }
            }
            level = next
        }
        return found.sorted()
    }
}

/// The samples of a list of references, loaded: what they hold and what was found on the way.
struct LoadedSampleSet {
    typealias ParsedSample = SampleLoader.ParsedSample
    /// Refusals and missing samples, at their first reference.
    let referenceFindings: [Diagnostic]
    /// Whether a sample may be a symlink, whose contents change with another file's.
    let hasLinks: Bool
    private(set) var documents: [String: SampleDocument] = [:]
    /// Of each sample's text, for `serve`'s cache (empty without it).
    private(set) var fingerprints: [String: Int] = [:]
    private(set) var sources = SourceStore()
    /// The samples read, in the order of their first references, and those references' ranges.
    fileprivate(set) var parsed: [ParsedSample] = []
    fileprivate(set) var ranges: [SourceRange] = []
    fileprivate(set) var positions: [String: Int] = [:]

    /// The read limit the samples were parsed with.
    let maxDepth: Int

    init(referenceFindings: [Diagnostic], hasLinks: Bool, maxDepth: Int) {
        self.referenceFindings = referenceFindings
        self.hasLinks = hasLinks
        self.maxDepth = maxDepth
    }

    /// The sample read at `path`, if this set holds one.
    func parsed(at path: String) -> ParsedSample? {
        positions[path].map { parsed[$0] }
    }

    /// Everything found, in the order a load reports it.
    var diagnostics: [Diagnostic] { referenceFindings + parsed.flatMap(\.diagnostics) }

    fileprivate mutating func append(_ sample: ParsedSample, range: SourceRange) {
        positions[sample.document.path] = parsed.count
        parsed.append(sample)
        ranges.append(range)
        record(sample)
    }

    fileprivate mutating func replace(at position: Int, with sample: ParsedSample) {
        parsed[position] = sample
        record(sample)
    }

    private mutating func record(_ sample: ParsedSample) {
        documents[sample.document.path] = sample.document
        if let source = sample.source { sources.add(source) }
        if ReadCache.current != nil { fingerprints[sample.document.path] = sample.fingerprint }
    }
}
