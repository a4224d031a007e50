import Foundation

/// One reStructuredText file of an os-api-ref tree, read and parsed once.
struct RSTDocument: Sendable {
    /// Relative to the source folder, normalised; starts with `../` when it lies above it.
    let path: String
    let text: String
    /// The text as a cache key, made once when `serve`'s cache is in use (see `ReadCache`).
    var textKey: TextKey?
    let lines: [RSTLine]
    let blocks: [RSTBlock]
    /// The folder (relative to the source folder) that Sphinx resolves this file's relative
    /// `literalinclude` and `rest_parameters` paths against: that of the Sphinx document the
    /// file belongs to, which for an included `.inc` is the including document's.
    let documentFolder: String
    /// A separate Sphinx document (the entry or a toctree entry), not an include.
    let isDocument: Bool
}

/// Reads the entry document and everything it includes (`.. include::` and `toctree`
/// entries), depth first, each file once, in the order Sphinx would show them.
struct RSTTreeLoader {
    let fileSystem: any FileSystem
    /// The source folder as given.
    let sourceFolder: String
    /// How far above the source folder an include may reach (`<repo>/api-ref/source`: 2).
    let maxClimb: Int

    /// The documents, and diagnostics whose files are relative to the source folder.
    func load(entry: String, collector: DiagnosticCollector) -> [RSTDocument] {
        var documents: [RSTDocument] = []
        var seen = Set<String>()
        visit(entry, documentFolder: OSAPIRefPaths.folder(of: entry), isDocument: true, reportedAt: nil,
              prefetched: nil, documents: &documents, seen: &seen, collector: collector)
        return documents
    }

    /// A file read and parsed, before it is placed in the tree (which only `visit` does, in order).
    private enum FileRead {
        case unreadable(reason: String)
        /// Not text; the decoding diagnostics.
        case undecodable([Diagnostic])
        case parsed(text: String, key: TextKey?, lines: [RSTLine], blocks: [RSTBlock], diagnostics: [Diagnostic])
    }

    /// Reads and parses one file; pure, so that the files a document includes are read at once.
    private func read(_ path: String) -> FileRead {
        let absolute = PathUtilities.join(sourceFolder, path)
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(at: absolute)
        } catch {
            return .unreadable(reason: fileSystem.kind(at: absolute) == nil ? "does not exist" : "cannot be read: \(error.reason)")
        }
        let decoding = DiagnosticCollector()
        guard let decoded = TextDecoding.decodeKept(bytes, file: path, absolute: absolute, into: decoding) else {
            return .undecodable(decoding.diagnostics)
        }
        let text = decoded.text
        let parse = { () -> (lines: [RSTLine], blocks: [RSTBlock]) in
            let lines = RSTLine.lines(of: text)
            return (lines, RSTBlockParser.parseDocument(lines))
        }
        guard let cache = ReadCache.current else {
            let (lines, blocks) = parse()
            return .parsed(text: text, key: nil, lines: lines, blocks: blocks, diagnostics: decoding.diagnostics)
        }
        let key = decoded.key ?? TextKey(text)
        let (lines, blocks) = cache.rst(key, parse: parse)
        return .parsed(text: text, key: key, lines: lines, blocks: blocks, diagnostics: decoding.diagnostics)
    }

    /// What a document includes, in order: a file to visit, or a path that cannot be resolved.
    private enum Child {
        case file(path: String, documentFolder: String, isDocument: Bool, reportedAt: SourceRange)
        case unresolved(Diagnostic)
    }

    private func visit(_ path: String, documentFolder: String, isDocument: Bool, reportedAt: SourceRange?,
                       prefetched: FileRead?, documents: inout [RSTDocument], seen: inout Set<String>,
                       collector: DiagnosticCollector) {
        guard seen.insert(path).inserted else { return }
        switch prefetched ?? read(path) {
        case .unreadable(let reason):
            if let reportedAt {
                collector.report(IncludeNotFound.make(path: path, at: reportedAt, reason: reason,
                                                      suggestion: suggestion(for: path)))
            } else {
                collector.report(ReadFailure.make("'\(path)' \(reason)", at: .file(path)))
            }
        case .undecodable(let diagnostics):
            collector.report(diagnostics)
        case let .parsed(text, key, lines, blocks, diagnostics):
            collector.report(diagnostics)
            documents.append(RSTDocument(path: path, text: text, textKey: key, lines: lines, blocks: blocks,
                                         documentFolder: documentFolder, isDocument: isDocument))
            let children = self.children(of: blocks, in: path, documentFolder: documentFolder)
            // The files not seen yet are read and parsed across the cores (nova's index.rst
            // includes ~60 files), then placed depth first, in order, as before.
            var targets: [String] = []
            var queued = seen
            for case let .file(target, _, _, _) in children where queued.insert(target).inserted { targets.append(target) }
            let reads = Parallel.map(targets.count) { read(targets[$0]) }
            var readByPath = Dictionary(uniqueKeysWithValues: zip(targets, reads))
            for child in children {
                switch child {
                case .unresolved(let diagnostic):
                    collector.report(diagnostic)
                case let .file(target, childFolder, childIsDocument, range):
                    visit(target, documentFolder: childFolder, isDocument: childIsDocument, reportedAt: range,
                          prefetched: readByPath.removeValue(forKey: target), documents: &documents, seen: &seen,
                          collector: collector)
                }
            }
        }
    }

    /// The `include` and `toctree` entries of a document's blocks, resolved.
    private func children(of blocks: [RSTBlock], in path: String, documentFolder: String) -> [Child] {
        let folder = OSAPIRefPaths.folder(of: path)
        var children: [Child] = []
        for block in blocks {
            guard case .directive(let directive) = block else { continue }
            switch directive.name {
            case "include":
                guard let argument = directive.argument else { continue }
                // docutils resolves include paths against the including file's folder.
                let written = String(argument.trimmed)
                switch resolve(written, from: folder, at: argument, in: path) {
                case .target(let target):
                    children.append(.file(path: target, documentFolder: documentFolder, isDocument: false,
                                          reportedAt: argument.range(in: path, length: written.count)))
                case .refused(let diagnostic):
                    children.append(.unresolved(diagnostic))
                }
            case "toctree":
                for line in directive.content where !line.isBlank && line.content.first != ":" {
                    // Entries are document names without suffix, or `Title <name>`.
                    var name = String(line.trimmed)
                    if name.hasSuffix(">"), let open = name.lastIndex(of: "<") {
                        name = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
                    }
                    guard !name.contains("://"), name != "self" else { continue }
                    switch resolve(name, from: documentFolder, at: line, in: path) {
                    case .target(let target):
                        let file = [target, target + ".rst", target + ".inc"].first {
                            fileSystem.kind(at: PathUtilities.join(sourceFolder, $0)) == .file
                        } ?? target + ".rst"
                        children.append(.file(path: file, documentFolder: OSAPIRefPaths.folder(of: file), isDocument: true,
                                              reportedAt: line.range(in: path, length: name.count)))
                    case .refused(let diagnostic):
                        children.append(.unresolved(diagnostic))
                    }
                }
            default:
                continue
            }
        }
        return children
    }

    private enum Resolution {
        case target(String)
        /// The path reaches outside the tree.
        case refused(Diagnostic)
    }

    /// A written path as a source-relative one; absolute paths start at the source folder.
    private func resolve(_ written: String, from folder: String, at line: RSTLine,
                         in file: String) -> Resolution {
        let joined = written.hasPrefix("/") ? String(written.dropFirst()) : PathUtilities.join(folder, written)
        let (ups, rest) = OSAPIRefPaths.normalize(joined)
        guard ups <= maxClimb else {
            return .refused(IncludeNotFound.make(path: written, at: line.range(in: file, length: written.count),
                                                 reason: "lies outside the tree (more than \(maxClimb) folders above the source folder)",
                                                 suggestion: nil))
        }
        return .target(String(repeating: "../", count: ups) + rest)
    }

    private func suggestion(for path: String) -> String? {
        let folder = OSAPIRefPaths.folder(of: path)
        let name = String(path.split(separator: "/").last ?? "")
        guard let siblings = try? fileSystem.contents(ofDirectory: PathUtilities.join(sourceFolder, folder)) else {
            return nil
        }
        return Spelling.closest(to: name, among: siblings).map { PathUtilities.join(folder, $0) }
    }
}
