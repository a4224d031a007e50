/// The inline context of one page: resolves references against the tree's index, writes
/// page links relative to this page, and reports through the reader's collector.
final class RSTPageContext: RSTInlineContext {
    /// Root-relative path of the file being converted (an RST file or parameters.yaml).
    let file: String
    /// Root-relative path of the page that links are written from.
    let page: String
    /// Source-relative path of the RST file, for its anonymous targets.
    private let document: String
    /// The folder (source-relative) `:doc:` paths are resolved against.
    private let documentFolder: String
    private let index: RSTReferenceIndex
    private let collector: DiagnosticCollector
    private var anonymousPosition = 0
    private(set) var links: [MarkdownLink] = []

    init(file: String, page: String, document: String, documentFolder: String, index: RSTReferenceIndex,
         collector: DiagnosticCollector) {
        self.file = file
        self.page = page
        self.document = document
        self.documentFolder = documentFolder
        self.index = index
        self.collector = collector
    }

    func namedTarget(_ name: String) -> RSTLinkTarget? {
        let key = RSTReferenceIndex.normalize(name)
        if let url = index.urls[key] { return .url(url) }
        return index.labels[key] ?? index.sections[key]
    }

    func nextAnonymousTarget() -> String? {
        let targets = index.anonymous[document] ?? []
        guard anonymousPosition < targets.count else { return nil }
        defer { anonymousPosition += 1 }
        return targets[anonymousPosition]
    }

    func label(_ name: String) -> RSTLinkTarget? { index.labels[name] }

    func document(_ path: String) -> RSTLinkTarget? {
        let joined = path.hasPrefix("/") ? String(path.dropFirst()) : PathUtilities.join(documentFolder, path)
        let (ups, rest) = OSAPIRefPaths.normalize(joined)
        return index.documents[String(repeating: "../", count: ups) + rest]
    }

    func substitution(_ name: String) -> String? { index.substitutions[name] }

    func destination(of target: RSTLinkTarget) -> String {
        switch target {
        case .url(let url):
            return url
        case .page(let path, let anchor, _):
            let suffix = anchor.map { "#" + $0 } ?? ""
            if path == page { return suffix.isEmpty ? OSAPIRefPaths.relative(path, from: OSAPIRefPaths.folder(of: page)) : suffix }
            return OSAPIRefPaths.relative(path, from: OSAPIRefPaths.folder(of: page)) + suffix
        }
    }

    func recordLink(_ destination: String, at range: SourceRange) {
        links.append(MarkdownLink(destination: destination, range: range))
    }

    func unsupported(_ what: String, at range: SourceRange) {
        collector.report(UnsupportedMarkup.make(what, at: range))
    }

    func unresolved(_ what: String, at range: SourceRange) {
        collector.report(UnresolvedReference.make(what, at: range))
    }
}
