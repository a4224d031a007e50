import Foundation

/// Turns the model into the view models of each page. Holds what every page shares: the
/// layout, the version scale, the history, and the Markdown cache.
struct SiteBuilder: Sendable {
    let model: APIModel
    let scale: VersionScale
    let layout: SiteLayout
    let markdown: MarkdownRenderer
    /// `serve`'s memo: what pages are made of, kept between renders.
    let memo: RenderMemo?
    /// Made on first use: only the history page needs it, and `serve` often re-renders
    /// one resource page only.
    var history: VersionHistory { historyBox.value }
    private let historyBox: OnceBox<VersionHistory>
    let options: RenderOptions
    let assetVersion: String
    let navigation: SiteNavigation
    /// Changes with the list of pages, so browsers refetch `navigation.js`.
    let navigationVersion: String
    private let anchorCache = AnchorCache()
    /// The version picker's options, newest first: the same on every page, so a shared list
    /// (its section is rendered once and copied into the other pages).
    let versionOptions: TemplateValue

    init(model: APIModel, options: RenderOptions, assetVersion: String, memo: RenderMemo? = nil) {
        self.model = model
        self.memo = memo
        self.options = options
        self.assetVersion = assetVersion
        scale = VersionScale(model: model)
        layout = SiteLayout(pages: model.pages, baseURL: options.baseURL)
        let links = LinkResolver(pages: layout.pagePaths)
        markdown = memo?.markdownRenderer(links: links) ?? MarkdownRenderer(links: links)
        let scale = self.scale
        historyBox = OnceBox { Trace.span("render: history model") { VersionHistory(model: model, scale: scale, memo: memo) } }
        navigation = SiteNavigation(model: model, layout: layout)
        navigationVersion = SiteRenderer.fingerprint([Array(navigation.script().utf8)])
        let notes = Dictionary(model.project.versionNotes.map { ($0.version, $0.release) }, uniquingKeysWith: { first, _ in first })
        versionOptions = .shared(SharedList(scale.versions.reversed().map { [latest = scale.latest] version in
            .object(VersionOptionView(version: version.description, release: notes[version] ?? nil, isLatest: version == latest))
        }))
    }

    var siteTitle: String { model.project.title }

    /// An endpoint's parameter anchors, made once: its page, the history and the search all
    /// link to them (making them three times was a twentieth of rendering nova).
    func anchors(of endpoint: Endpoint) -> (request: [String], response: [String]) {
        anchorCache.anchors(of: endpoint)
    }

    // MARK: Chrome

    func chrome(sitePath: String, title: String?, current: Page?, isHistory: Bool = false) -> ChromeView {
        let root = layout.root(for: sitePath)
        let latest = scale.latest
        let api = scale.api
        // Only the current page: `navigation.js` lists the others (see `SiteNavigation`).
        let nav = model.pages.filter { $0.path != layout.indexPage && $0.path == current?.path }.map { page -> NavPageView in
            let pagePath = layout.path(of: page)
            return NavPageView(
                title: page.title,
                url: root + pagePath,
                path: pagePath,
                isCurrent: true,
                endpoints: page.endpoints.map { endpoint in
                    NavEndpointView(title: endpoint.title, method: endpoint.method, url: "#" + endpoint.id,
                                    window: scale.windowView(model.window(of: endpoint), within: api,
                                                             historyURL: root + layout.historyPath))
                },
                endpointCount: page.endpoints.count
            )
        }
        let canonical = options.baseURL.flatMap { base -> String? in
            guard base.hasPrefix("https://") || base.hasPrefix("http://") else { return nil }
            return layout.root(for: sitePath) + (sitePath == SiteLayout.indexPath ? "" : sitePath)
        }
        return ChromeView(
            siteTitle: siteTitle,
            pageTitle: title.map { "\($0) · \(siteTitle)" } ?? siteTitle,
            metaDescription: model.project.description.flatMap { MarkdownRenderer.firstParagraphText($0.text) },
            root: root,
            assetVersion: assetVersion,
            generator: options.generator,
            canonicalURL: canonical,
            service: model.project.service,
            versionHeader: model.project.versionHeader,
            apiRange: VersionScale.rangeText(api),
            minVersion: model.project.minVersion.description,
            latestVersion: (latest ?? model.project.maxVersion).description,
            versions: versionOptions,
            nav: nav,
            navigationURL: root + SiteLayout.navigationPath + "?v=" + navigationVersion,
            isIndex: sitePath == SiteLayout.indexPath,
            isHistory: isHistory,
            historyURL: root + layout.historyPath,
            indexURL: root + SiteLayout.indexPath
        )
    }

    // MARK: Pages

    /// `endpointKey` (`serve`): the key of an endpoint's fragment, whose output is then kept.
    func blocks(of page: Page, root: String, endpointKey: ((Endpoint) -> Int)? = nil) -> [BlockView] {
        var dropTitle: String? = page.title
        return page.blocks.compactMap { block -> BlockView? in
            switch block {
            case .prose(let text):
                let html = markdown.html(text, root: root, dropTitle: dropTitle)
                dropTitle = nil
                return html.isEmpty ? nil : BlockView(proseHTML: html, endpoint: nil)
            case .endpoint(let index):
                guard page.endpoints.indices.contains(index) else { return nil }
                let endpoint = page.endpoints[index]
                guard let endpointKey else { return BlockView(proseHTML: nil, endpoint: endpointView(endpoint, root: root).templateValue) }
                return BlockView(proseHTML: nil, endpoint: TemplateFragment(key: endpointKey(endpoint)) {
                    self.endpointView(endpoint, root: root)
                }.templateValue)
            }
        }
    }

    func resourcePage(_ page: Page, sitePath: String, endpointKey: ((Endpoint, String) -> Int)? = nil) -> ResourcePageView {
        let root = layout.root(for: sitePath)
        return ResourcePageView(title: page.title,
                                blocks: blocks(of: page, root: root, endpointKey: endpointKey.map { key in { key($0, root) } }),
                                endpointCount: page.endpoints.count)
    }

    func indexPage() -> IndexPageView {
        let root = layout.root(for: SiteLayout.indexPath)
        let page = layout.indexPage.flatMap { path in model.pages.first { $0.path == path } }
        let groups = model.pages.filter { !$0.endpoints.isEmpty }.map { page in
            let url = root + layout.path(of: page)
            return OverviewGroupView(title: page.title, url: url, endpoints: page.endpoints.map { endpoint in
                OverviewEndpointView(method: endpoint.method, pathHTML: HTML.pathTemplate(endpoint.path.value),
                                     title: endpoint.title, url: url + "#" + endpoint.id,
                                     window: scale.windowView(model.window(of: endpoint), within: scale.api,
                                                              historyURL: root + layout.historyPath))
            })
        }
        return IndexPageView(
            title: page?.title ?? siteTitle,
            descriptionHTML: page == nil ? model.project.description.map { markdown.html($0, root: root) } : nil,
            blocks: page.map { blocks(of: $0, root: root) } ?? [],
            groups: groups,
            endpointCount: model.endpoints.count,
            versionCount: scale.versions.count
        )
    }
}

/// Parameter anchors by endpoint (`page#id`), made by whichever page asks first.
final class AnchorCache: @unchecked Sendable {
    private let lock = NSLock()
    private var made: [String: (request: [String], response: [String])] = [:]

    func anchors(of endpoint: Endpoint) -> (request: [String], response: [String]) {
        let key = endpoint.page + "#" + endpoint.id
        if let known = lock.withLock({ made[key] }) { return known }
        let anchors = ParameterAnchors.of(endpoint)
        lock.withLock { made[key] = anchors }
        return anchors
    }
}

/// A value made on first use, from any thread, once.
final class OnceBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?
    private let make: () -> Value

    init(_ make: @escaping () -> Value) { self.make = make }

    var value: Value {
        lock.withLock {
            if let made { return made }
            let value = make()
            made = value
            return value
        }
    }
}
