import Foundation

/// One reStructuredText file of an os-api-ref tree, read and parsed once.
struct RSTDocument: Sendable {
    /// Relative to the source folder, normalised; starts with `../` when it lies above it.
    let path: String
    let text: String
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
        visit(entry, documentFolder: OSAPIRefPaths.folder(of: entry), isDocument: true,
              reportedAt: nil, documents: &documents, seen: &seen, collector: collector)
        return documents
    }

    private func visit(_ path: String, documentFolder: String, isDocument: Bool, reportedAt: SourceRange?,
                       documents: inout [RSTDocument], seen: inout Set<String>, collector: DiagnosticCollector) {
        guard seen.insert(path).inserted else { return }
        let absolute = PathUtilities.join(sourceFolder, path)
        let bytes: [UInt8]
        do {
            bytes = try fileSystem.readFile(at: absolute)
        } catch {
            let reason = fileSystem.kind(at: absolute) == nil ? "does not exist" : "cannot be read: \(error.reason)"
            if let reportedAt {
                collector.report(IncludeNotFound.make(path: path, at: reportedAt, reason: reason,
                                                      suggestion: suggestion(for: path)))
            } else {
                collector.report(ReadFailure.make("'\(path)' \(reason)", at: .file(path)))
            }
            return
        }
        guard let text = TextDecoding.decode(bytes, file: path, into: collector) else { return }
        let parse = { () -> (lines: [RSTLine], blocks: [RSTBlock]) in
            let lines = RSTLine.lines(of: text)
            return (lines, RSTBlockParser.parseDocument(lines))
        }
        let (lines, blocks) = ReadCache.current?.rst(text, parse: parse) ?? parse()
        documents.append(RSTDocument(path: path, text: text, lines: lines, blocks: blocks,
                                     documentFolder: documentFolder, isDocument: isDocument))
        let folder = OSAPIRefPaths.folder(of: path)
        for block in blocks {
            guard case .directive(let directive) = block else { continue }
            switch directive.name {
            case "include":
                guard let argument = directive.argument else { continue }
                // docutils resolves include paths against the including file's folder.
                let written = String(argument.trimmed)
                if let target = resolve(written, from: folder, at: argument, in: path, collector: collector) {
                    visit(target, documentFolder: documentFolder, isDocument: false,
                          reportedAt: argument.range(in: path, length: written.count),
                          documents: &documents, seen: &seen, collector: collector)
                }
            case "toctree":
                for line in directive.content where !line.isBlank && line.content.first != ":" {
                    // Entries are document names without suffix, or `Title <name>`.
                    var name = String(line.trimmed)
                    if name.hasSuffix(">"), let open = name.lastIndex(of: "<") {
                        name = String(name[name.index(after: open)..<name.index(before: name.endIndex)])
                    }
                    guard !name.contains("://"), name != "self",
                          let target = resolve(name, from: documentFolder, at: line, in: path, collector: collector)
                    else { continue }
                    let file = [target, target + ".rst", target + ".inc"].first {
                        fileSystem.kind(at: PathUtilities.join(sourceFolder, $0)) == .file
                    } ?? target + ".rst"
                    visit(file, documentFolder: OSAPIRefPaths.folder(of: file), isDocument: true,
                          reportedAt: line.range(in: path, length: name.count),
                          documents: &documents, seen: &seen, collector: collector)
                }
            default:
                continue
            }
        }
    }

    /// A written path as a source-relative one; absolute paths start at the source folder.
    private func resolve(_ written: String, from folder: String, at line: RSTLine, in file: String,
                         collector: DiagnosticCollector) -> String? {
        let joined = written.hasPrefix("/") ? String(written.dropFirst()) : PathUtilities.join(folder, written)
        let (ups, rest) = OSAPIRefPaths.normalize(joined)
        guard ups <= maxClimb else {
            collector.report(IncludeNotFound.make(path: written, at: line.range(in: file, length: written.count),
                                                  reason: "lies outside the tree (more than \(maxClimb) folders above the source folder)",
                                                  suggestion: nil))
            return nil
        }
        return String(repeating: "../", count: ups) + rest
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
