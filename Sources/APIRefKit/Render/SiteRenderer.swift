import Dispatch
import Foundation

public struct RenderOptions: Sendable {
    /// Where the site is served (`/docs/compute/`, `https://example.com/api/`); nil makes every
    /// link relative, so the site works from any folder and from disk.
    public var baseURL: String?
    /// Shown in the footer and `<meta name="generator">`.
    public var generator: String

    public init(baseURL: String? = nil, generator: String = "apiref") {
        self.baseURL = baseURL
        self.generator = generator
    }
}

/// A rendered site, in memory.
public struct RenderedSite: Sendable {
    /// Sorted by path.
    public let files: [OutputFile]

    public var pageCount: Int { files.count { $0.path.hasSuffix(".html") } }
    public var byteCount: Int { files.reduce(0) { $0 + $1.bytes.count } }

    public subscript(path: String) -> OutputFile? { files.first { $0.path == path } }
}

/// model -> view models -> templates -> files. Pure: no I/O, so tests render in memory and
/// the writer decides where the files go.
public enum SiteRenderer {
    /// `memo` (for repeated renders of one description, as `serve` does) skips pages whose
    /// inputs did not change since the last render with it. `onFile` is handed each file as
    /// soon as it is made, from the thread that made it (`build` writes it then).
    public static func render(model: APIModel, theme: Theme = .builtIn, options: RenderOptions = RenderOptions(),
                              memo: RenderMemo? = nil,
                              onFile: (@Sendable (OutputFile) -> Void)? = nil) throws(RenderError) -> RenderedSite {
        let library = try theme.library()
        let assets = theme.assets
        let builder = Trace.span("render: site builder") {
            SiteBuilder(model: model, options: options, assetVersion: Self.fingerprint(assets.map(\.bytes)), memo: memo)
        }
        let layout = builder.layout
        let keys = memo.map { _ in
            Trace.span("render: shared keys") {
                RenderKeys(model: model, theme: theme, options: options, layout: layout, scale: builder.scale,
                           navigationVersion: builder.navigationVersion)
            }
        }
        /// `make`, unless the memo has the file for these inputs.
        func memoized(_ path: String, _ key: @escaping @Sendable (RenderKeys) -> Int,
                      _ make: @escaping @Sendable () -> Result<OutputFile, RenderError>) -> @Sendable () -> Result<OutputFile, RenderError> {
            guard let memo, let keys else { return make }
            return { memo.file(path, key: Trace.span("render: key \(path)") { key(keys) }, make: make) }
        }
        // One job per output file, run in parallel: each builds its view models (sharing the
        // Markdown cache) and renders them. The biggest pages go first so that no core idles
        // at the end waiting on them.
        var jobs: [@Sendable () -> Result<OutputFile, RenderError>] = []
        // The history is keyed by what it shows: a definition's edit changes what it is made
        // from, seldom what it says (a description's text is not shown). Its changes are found
        // (across the cores, before the pages: a parallel loop within the jobs' loop runs on
        // one core) only when what it is made from is new.
        let historyKey = memo.flatMap { memo in
            keys.map { keys in
                memo.value(keys.whole("history")) { () -> Int in keys.whole("history shown", definitions: .none) { $0.combine(builder.history.shownHash) } }
            }
        }
        jobs.append(memoized(layout.historyPath, { _ in historyKey! }) {
            let history = builder.historyPage(root: layout.root(for: layout.historyPath))
            return page("history", layout.historyPath, library: library,
                        chrome: builder.chrome(sitePath: layout.historyPath, title: history.title, current: nil, isHistory: true),
                        body: history, fragments: memo)
        })
        let indexPage = layout.indexPage.flatMap { path in model.pages.first { $0.path == path } }
        jobs.append(memoized(SiteLayout.indexPath, { $0.whole("index", definitions: .none) { $0.combine(indexPage) } }) {
            page("index", SiteLayout.indexPath, library: library,
                 chrome: builder.chrome(sitePath: SiteLayout.indexPath, title: nil, current: indexPage),
                 body: builder.indexPage(), fragments: memo)
        })
        jobs.append(memoized(SiteLayout.searchIndexPath, { $0.whole("search", definitions: .windows) }) {
            .success(OutputFile(path: SiteLayout.searchIndexPath,
                                bytes: SearchIndex(model: model, layout: layout, scale: builder.scale,
                                                   anchors: builder.anchors(of:)).script()))
        })
        let resources = model.pages.filter { $0.path != layout.indexPage }
            .sorted { $0.endpoints.count > $1.endpoints.count }
        for modelPage in resources {
            let sitePath = layout.path(of: modelPage)
            // With the memo, the page's endpoints are kept apart too: an edit re-renders those
            // it changed, not every endpoint of the page.
            let endpointKey = keys.map { keys in { @Sendable (endpoint: Endpoint, root: String) in keys.endpoint(endpoint, root: root, model: model) } }
            jobs.append(memoized(sitePath, { $0.page(modelPage, model: model) }) {
                page("resource", sitePath, library: library,
                     chrome: builder.chrome(sitePath: sitePath, title: modelPage.title, current: modelPage),
                     body: builder.resourcePage(modelPage, sitePath: sitePath, endpointKey: endpointKey), fragments: memo)
            })
        }

        memo?.begin()
        defer { memo?.end() }
        // Without the memo, the history is made in its page's job (the first: the biggest), on
        // one core while the other renders pages: made across both cores before the pages, as
        // `serve` does, it kept one of them idle for most of its time (its parts are uneven).
        var files = try Trace.span("render: pages") { () throws(RenderError) -> [OutputFile] in try run(jobs, onFile: onFile) }
        files.append(Trace.span("render: navigation") { OutputFile(path: SiteLayout.navigationPath, text: builder.navigation.script()) })
        for asset in assets {
            files.append(OutputFile(path: asset.path, bytes: asset.bytes))
        }
        if let onFile { for file in files[(files.count - assets.count - 1)...] { onFile(file) } }
        return RenderedSite(files: files.sorted { $0.path < $1.path })
    }

    /// One page: the template with the chrome's and the page's view models; `fragments`
    /// (`serve`'s memo) keeps its fragments and knows its last size.
    private static func page(_ template: String, _ path: String, library: TemplateLibrary,
                             chrome: ChromeView, body: any TemplateObject,
                             fragments: RenderMemo? = nil) -> Result<OutputFile, RenderError> {
        let unknown = UnknownNames()
        let root = TemplateRoot(layers: [chrome, body], unknown: unknown)
        let rendered: [UInt8]?
        let expectedSize = fragments?.lastSize(of: path).map { $0 + $0 / 8 } ?? 32 * 1024
        do throws(RenderError) { rendered = try library.renderBytes(root, template: template, fragments: fragments, expectedSize: expectedSize) } catch {
            return .failure(error)
        }
        guard let html = rendered else {
            return .failure(RenderError("the theme has no '\(template).mustache' template"))
        }
        if !unknown.names.isEmpty {
            let names = unknown.names.sorted().map { "'\($0)'" }.joined(separator: ", ")
            return .failure(RenderError("template '\(template).mustache' uses \(names), which no view model of \(path) has"))
        }
        return .success(OutputFile(path: path, bytes: html))
    }

    private static func run(_ jobs: [@Sendable () -> Result<OutputFile, RenderError>],
                            onFile: (@Sendable (OutputFile) -> Void)?) throws(RenderError) -> [OutputFile] {
        let results = ResultSlots(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
            let result = Trace.span("render: job \(index)") { jobs[index]() }
            if let onFile, case .success(let file) = result { onFile(file) }
            results.set(index, result)
        }
        var files: [OutputFile] = []
        for result in results.values {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let error): throw error
            case nil: throw RenderError("a page was not rendered")
            }
        }
        return files
    }

    /// A short hash of the assets, added to their URLs so browsers refetch them after a change.
    static func fingerprint(_ contents: [[UInt8]]) -> String {
        var hash: UInt32 = 0x811C_9DC5
        for bytes in contents {
            for byte in bytes {
                hash = (hash ^ UInt32(byte)) &* 0x0100_0193
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}

/// One slot per page for the pages rendered in parallel.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<OutputFile, RenderError>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<OutputFile, RenderError>) {
        lock.withLock { slots[index] = result }
    }

    var values: [Result<OutputFile, RenderError>?] { lock.withLock { slots } }
}
