import Foundation

/// Findings as worded for the terminal (`serve` prints them after each rebuild), each kept
/// while it and the file it points into read the same (its excerpt shows that file's lines):
/// a rebuild words only the findings that are new or whose file changed (nova's ~700 took
/// ~2 ms to word again after each save).
public final class KeptFindingsText: @unchecked Sendable {
    private struct Key: Hashable {
        let diagnostic: Diagnostic
        /// The text hash of the file the finding points into.
        let file: Int?
    }

    private let lock = NSLock()
    private var last: (prefix: String, color: Bool, texts: [Key: String])?

    public init() {}

    /// What `writer.write(engine)` gives, each finding taken from the last call when it can be.
    public func text(for engine: DiagnosticEngine, writer: HumanWriter) -> String {
        let diagnostics = engine.diagnostics
        let keys = diagnostics.map { Key(diagnostic: $0, file: writer.sources[$0.range.file]?.textHash) }
        let kept = lock.withLock { last }.flatMap { $0.prefix == writer.pathPrefix && $0.color == writer.color ? $0.texts : nil } ?? [:]
        let texts = Parallel.map(keys.count) { kept[keys[$0]] ?? writer.render(diagnostics[$0]) }
        lock.withLock {
            last = (writer.pathPrefix, writer.color, Dictionary(zip(keys, texts), uniquingKeysWith: { first, _ in first }))
        }
        return texts.joined(separator: "\n")
    }
}
