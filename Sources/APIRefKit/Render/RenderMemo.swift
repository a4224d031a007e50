import Foundation

/// The pages of the previous render and what they were made from, so that a rebuild renders
/// only pages whose inputs changed (`apiref serve`: an edited sample re-renders one page).
///
/// A page's key hashes everything its HTML depends on: its page of the model, the definitions
/// and samples its endpoints use, and what every page shares (project, theme, layout, version
/// list, options). Model values are plain `Hashable` values, so an equal key means an equal
/// page. Hash values are only compared within one process.
public final class RenderMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (key: Int, file: OutputFile)] = [:]
    private var touched: Set<String> = []
    /// Values made on the way to pages (an endpoint's history), by a hash of their inputs,
    /// with the render that last used each.
    private var values: [Int: (value: Any, render: Int)] = [:]
    private var renders = 0, mostValuesUsed = 0
    private var counts = (rendered: 0, reused: 0, fragmentsRendered: 0, fragmentsReused: 0)

    public init() {}

    /// Pages rendered and pages reused by the last render.
    public var lastRun: (rendered: Int, reused: Int) { lock.withLock { (counts.rendered, counts.reused) } }

    /// Parts of pages (endpoints) rendered and taken from the last renders by the last render.
    public var lastFragments: (rendered: Int, reused: Int) { lock.withLock { (counts.fragmentsRendered, counts.fragmentsReused) } }

    /// The paths the last render rendered (not reused), sorted.
    public var lastRendered: [String] { lock.withLock { rendered.sorted() } }
    private var rendered: [String] = []

    func begin() {
        lock.withLock {
            touched = []
            renders += 1
            counts = (0, 0, 0, 0)
            rendered = []
        }
    }

    /// The file made for `path` from inputs hashing to `key`, made now or taken from the last
    /// render.
    func file(_ path: String, key: Int, make: () -> Result<OutputFile, RenderError>) -> Result<OutputFile, RenderError> {
        let cached: OutputFile? = lock.withLock {
            touched.insert(path)
            guard let entry = entries[path], entry.key == key else { return nil }
            counts.reused += 1
            return entry.file
        }
        if let cached { return .success(cached) }
        let result = make()
        lock.withLock {
            counts.rendered += 1
            rendered.append(path)
            if case .success(let file) = result { entries[path] = (key, file) } else { entries[path] = nil }
        }
        return result
    }

    /// The value made from inputs hashing to `key` (`Value` part of what it hashes), made now
    /// or kept from the last render.
    func value<Value>(_ key: Int, make: () -> Value) -> Value {
        let kept = lock.withLock { () -> Value? in
            guard let entry = values[key], let value = entry.value as? Value else { return nil }
            values[key] = (entry.value, renders)
            return value
        }
        if let kept { return kept }
        let value = make()
        lock.withLock { values[key] = (value, renders) }
        return value
    }

    /// The size in bytes of the file last made for `path`.
    func lastSize(of path: String) -> Int? {
        lock.withLock { entries[path]?.file.bytes.count }
    }

    /// The Markdown renderer of the last render while links resolve the same, so that each
    /// text is rendered once per session rather than once per render of a page showing it.
    func markdownRenderer(links: LinkResolver) -> MarkdownRenderer {
        lock.withLock {
            if let kept = markdown, kept.links == links { return kept }
            let made = MarkdownRenderer(links: links)
            (markdown, markdownBaseline) = (made, nil)
            return made
        }
    }

    private var markdown: MarkdownRenderer?
    /// The texts the renderer held after its first render: it is dropped once it holds many
    /// more (old versions of edited texts pile up in it).
    private var markdownBaseline: Int?

    /// The output of a template section kept for `key` (see `TemplateFragment`), marked used.
    func fragment(_ key: Int) -> RenderedFragment? {
        lock.withLock {
            guard let entry = values[key], let fragment = entry.value as? RenderedFragment else { return nil }
            values[key] = (entry.value, renders)
            counts.fragmentsReused += 1
            return fragment
        }
    }

    /// Keeps the output of a template section for `key`.
    func keepFragment(_ key: Int, _ fragment: RenderedFragment) {
        lock.withLock {
            values[key] = (fragment, renders)
            counts.fragmentsRendered += 1
        }
    }

    /// Forgets pages that no longer exist, and the least recently used values beyond twice
    /// the most one render used (a page kept whole does not ask for the values it was made
    /// from, which the render that changes it needs).
    func end() {
        lock.withLock {
            if let held = markdown?.cachedCount {
                if let baseline = markdownBaseline {
                    if held > 2 * baseline + 1024 { markdown = nil }
                } else {
                    markdownBaseline = held
                }
            }
            entries = entries.filter { touched.contains($0.key) }
            mostValuesUsed = max(mostValuesUsed, values.values.count { $0.render == renders })
            let excess = values.count - (2 * mostValuesUsed + 512)
            guard excess > 0 else { return }
            let unused = values.filter { $0.value.render != renders }.sorted { $0.value.render < $1.value.render }
            for (key, _) in unused.prefix(excess) { values.removeValue(forKey: key) }
        }
    }
}

/// The keys of `RenderMemo`.
struct RenderKeys {
    /// What every page depends on.
    let shared: Int
    /// Every definition, and what the history, index and search show of every endpoint.
    private let endpoints: Int
    /// What the index and search show of every endpoint, without the definitions.
    private let endpointsAlone: Int
    /// Each definition's key and window (all the search shows of them).
    private let definitionWindows: Int
    /// Each definition's hash, by key: made once, as pages name definitions many times over.
    private let definitionHashes: [String: Int]

    init(model: APIModel, theme: Theme, options: RenderOptions, layout: SiteLayout, scale: VersionScale,
         navigationVersion: String) {
        var hasher = Hasher()
        hasher.combine(model.project)
        hasher.combine(theme.files)
        hasher.combine(options.baseURL)
        hasher.combine(options.generator)
        hasher.combine(layout.pagePaths)
        hasher.combine(layout.historyPath)
        hasher.combine(layout.indexPage)
        hasher.combine(scale.versions)
        hasher.combine(navigationVersion)
        shared = hasher.finalize()

        var hashes: [String: Int] = [:]
        hashes.reserveCapacity(model.definitions.count)
        var definitionsHasher = Hasher(), windows = Hasher()
        for definition in model.definitions {
            let hash = definition.hashValue
            if hashes[definition.key] == nil { hashes[definition.key] = hash }
            definitionsHasher.combine(hash)
            windows.combine(definition.key)
            windows.combine(definition.versions)
        }
        definitionHashes = hashes
        definitionWindows = windows.finalize()
        var all = Hasher()
        // What the history, the index and the search show of the endpoints: who they are, their
        // windows and their parameter lists, never their prose, samples or status codes (an
        // edit to an endpoint's description re-renders its page only).
        for page in model.pages {
            all.combine(page.path)
            all.combine(page.title)
            for endpoint in page.endpoints { all.combine(endpoint.outlineHashValue) }
        }
        let alone = all.finalize()
        endpointsAlone = alone
        var withDefinitions = Hasher()
        withDefinitions.combine(alone)
        withDefinitions.combine(definitionsHasher.finalize())
        endpoints = withDefinitions.finalize()
    }

    /// A resource page: the page, and the definitions and samples of its endpoints.
    func page(_ page: Page, model: APIModel) -> Int {
        var hasher = Hasher()
        hasher.combine(shared)
        hasher.combine(page)
        for endpoint in page.endpoints { combineUses(of: endpoint, model: model, into: &hasher) }
        return hasher.finalize()
    }

    /// One endpoint as a page shows it (its `TemplateFragment`): the endpoint, the definitions
    /// and samples it uses, and the page's way to the site root, which its links start with.
    func endpoint(_ endpoint: Endpoint, root: String, model: APIModel) -> Int {
        var hasher = Hasher()
        hasher.combine(shared)
        hasher.combine(endpoint)
        hasher.combine(root)
        combineUses(of: endpoint, model: model, into: &hasher)
        return hasher.finalize()
    }

    /// The definitions and samples an endpoint uses.
    private func combineUses(of endpoint: Endpoint, model: APIModel, into hasher: inout Hasher) {
        for reference in endpoint.request + endpoint.response {
            // The first definition of a key is the one the model looks up.
            hasher.combine(definitionHashes[reference.key])
        }
        for sample in endpoint.samples {
            // The file's text decides its value; hashing text is cheaper than the tree.
            if let source = model.sources[sample.path] {
                // By bytes, once per file (kept samples keep theirs): `String` hashes by
                // canonical equivalence, normalizing.
                hasher.combine(source.textHash)
            } else {
                hasher.combine(model.samples[sample.path])
            }
        }
    }

    /// Pages made from every endpoint (history, index, search): the endpoints and what is
    /// shown of the definitions (`.all` for the history, which tells their changes; the
    /// windows for the search; nothing for the index), plus `extra`.
    func whole(_ name: String, definitions: DefinitionsShown = .all, extra: (inout Hasher) -> Void = { _ in }) -> Int {
        var hasher = Hasher()
        hasher.combine(shared)
        hasher.combine(name)
        switch definitions {
        case .all: hasher.combine(endpoints)
        case .windows: hasher.combine(endpointsAlone); hasher.combine(definitionWindows)
        case .none: hasher.combine(endpointsAlone)
        }
        extra(&hasher)
        return hasher.finalize()
    }

    enum DefinitionsShown {
        case all, windows, none
    }
}
