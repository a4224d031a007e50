import Foundation

/// Findings as worded for the terminal (`serve` prints them after each rebuild), kept while a
/// rebuild finds what the last one found in files that read the same (their excerpts show
/// the files' lines): nova's ~700 findings took ~2 ms to word again after each save.
public final class KeptFindingsText: @unchecked Sendable {
    private struct Inputs: Equatable {
        let diagnostics: [Diagnostic]
        let root: String
        /// The text hash of each file the findings point into, in the findings' order.
        let files: [Int?]
    }

    private let lock = NSLock()
    private var last: (inputs: Inputs, text: String)?

    public init() {}

    /// `write`'s text, or the last one when the findings, the root and their files are the same.
    public func text(for diagnostics: [Diagnostic], root: String, sources: SourceStore, write: () -> String) -> String {
        var seen = Set<String>()
        var files: [Int?] = []
        for diagnostic in diagnostics {
            for file in [diagnostic.range.file] + diagnostic.notes.compactMap({ $0.range?.file }) where seen.insert(file).inserted {
                files.append(sources[file]?.textHash)
            }
        }
        let inputs = Inputs(diagnostics: diagnostics, root: root, files: files)
        if let last = lock.withLock({ last }), last.inputs == inputs { return last.text }
        let text = write()
        lock.withLock { last = (inputs, text) }
        return text
    }
}
