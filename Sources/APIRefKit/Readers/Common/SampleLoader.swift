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
    /// are reported at the first reference.
    func load(_ references: [(written: String, range: SourceRange, base: String)],
              collector: DiagnosticCollector, sources: inout SourceStore) -> [String: SampleDocument] {
        var documents: [String: SampleDocument] = [:]
        var refused = Set<String>()
        for reference in references {
            switch resolve(reference.written, base: reference.base) {
            case .outside(let reason):
                if refused.insert(reference.written).inserted {
                    collector.report(SampleOutsideRoot.make(path: reference.written, at: reference.range, reason: reason))
                }
            case .inside(let path):
                guard documents[path] == nil, !refused.contains(path) else { continue }
                guard loader.fileSystem.kind(at: loader.absolute(path)) != nil else {
                    refused.insert(path)
                    collector.report(MissingSample.make(path: reference.written, at: reference.range,
                                                        suggestion: suggestion(for: path)))
                    continue
                }
                documents[path] = parse(path, reportedAt: reference.range, collector: collector, sources: &sources)
            }
        }
        return documents
    }

    func parse(_ path: String, reportedAt range: SourceRange?, collector: DiagnosticCollector,
               sources: inout SourceStore) -> SampleDocument {
        guard let bytes = loader.loadBytes(path, reportedAt: range, into: collector) else {
            return SampleDocument(path: path, value: nil)
        }
        // Parsed from bytes so that invalid UTF-8 and a byte order mark are located errors.
        sources.add(SourceFile(path: path, text: String(decoding: bytes, as: UTF8.self)))
        let parse = { () throws(JSONSyntaxError) -> JSONValue in try JSONReader.parse(bytes, maxDepth: maxDepth) }
        do throws(JSONSyntaxError) {
            if let cache = ReadCache.current {
                return SampleDocument(path: path, value: try cache.json(bytes, parse: parse))
            }
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
        var pending = [folder]
        var visitedDirectories = Set<String>()
        while let current = pending.popLast(), found.count < limit {
            let absolute = loader.absolute(current)
            guard let real = loader.fileSystem.resolvedPath(absolute), visitedDirectories.insert(real).inserted,
                  resolvedRoot.map({ PathUtilities.isInside(real, root: $0) }) ?? true,
                  let names = try? loader.fileSystem.contents(ofDirectory: absolute)
            else { continue }
            for name in names where !name.hasPrefix(".") {
                let child = PathUtilities.join(current, name)
                switch loader.fileSystem.kind(at: loader.absolute(child)) {
                case .directory: pending.append(child)
                case .file where name.hasSuffix(".json"): found.append(child)
                default: break
                }
            }
        }
        return found.sorted()
    }
}
