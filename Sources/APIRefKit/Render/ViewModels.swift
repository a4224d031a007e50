// View models shared by every page: the chrome (header, version picker, sidebar) and the
// page bodies. Templates see these, never the model.

/// Everything around the content, the same on each page but for what is current.
struct ChromeView: TemplateObject {
    let siteTitle: String
    /// For `<title>`: `Instances · Tessera API`.
    let pageTitle: String
    let metaDescription: String?
    /// Prefix from this page to the site root (`""`, `../`, or the base URL).
    let root: String
    let assetVersion: String
    let generator: String
    let canonicalURL: String?
    let service: String
    let versionHeader: String
    let apiRange: String
    let minVersion: String
    let latestVersion: String
    /// Newest first.
    let versions: [VersionOptionView]
    /// The current resource page with its endpoints (none on the index and history pages).
    let nav: [NavPageView]
    let navigationURL: String
    let isIndex: Bool
    let isHistory: Bool
    let historyURL: String
    let indexURL: String

    static let fields: [String: @Sendable (Self) -> Any] = [
        "siteTitle": { $0.siteTitle },
        "pageTitle": { $0.pageTitle },
        "metaDescription": { orNull($0.metaDescription) },
        "root": { $0.root },
        "assets": { $0.root + SiteLayout.assetsFolder },
        "assetVersion": { $0.assetVersion },
        "searchIndexURL": { $0.root + SiteLayout.searchIndexPath },
        "generator": { $0.generator },
        "canonicalURL": { orNull($0.canonicalURL) },
        "service": { $0.service },
        "versionHeader": { $0.versionHeader },
        "apiRange": { $0.apiRange },
        "minVersion": { $0.minVersion },
        "latestVersion": { $0.latestVersion },
        "versions": { $0.versions },
        "nav": { $0.nav },
        "navigationURL": { $0.navigationURL },
        "isIndex": { $0.isIndex },
        "isHistory": { $0.isHistory },
        "historyURL": { $0.historyURL },
        "indexURL": { $0.indexURL },
    ]
}

struct VersionOptionView: TemplateObject {
    let version: String
    let release: String?
    let isLatest: Bool

    static let fields: [String: @Sendable (Self) -> Any] = [
        "version": { $0.version },
        "release": { orNull($0.release) },
        "isLatest": { $0.isLatest },
    ]
}

struct NavPageView: TemplateObject {
    let title: String
    let url: String
    /// From the site root, as in `navigation.js`, which the script matches it against.
    let path: String
    let isCurrent: Bool
    let endpoints: [NavEndpointView]
    let endpointCount: Int

    static let fields: [String: @Sendable (Self) -> Any] = [
        "title": { $0.title },
        "url": { $0.url },
        "path": { $0.path },
        "isCurrent": { $0.isCurrent },
        "endpoints": { $0.endpoints },
        "endpointCount": { $0.endpointCount },
    ]
}

struct NavEndpointView: TemplateObject {
    let title: String
    let method: String
    let url: String
    let window: WindowView

    static let fields: [String: @Sendable (Self) -> Any] = [
        "title": { $0.title },
        "method": { $0.method },
        "methodClass": { $0.method.lowercased() },
        "url": { $0.url },
        "window": { $0.window },
    ]
}

/// A run of a page: prose, or one endpoint.
struct BlockView: TemplateObject {
    let proseHTML: String?
    let endpoint: EndpointView?

    static let fields: [String: @Sendable (Self) -> Any] = [
        "proseHTML": { orNull($0.proseHTML) },
        "endpoint": { orNull($0.endpoint) },
    ]
}

/// A page of the description: one resource group.
struct ResourcePageView: TemplateObject {
    let title: String
    let blocks: [BlockView]
    let endpointCount: Int

    static let fields: [String: @Sendable (Self) -> Any] = [
        "title": { $0.title },
        "blocks": { $0.blocks },
        "endpointCount": { $0.endpointCount },
    ]
}

/// The home page: the index page of the description if there is one (else the project's
/// description), then every endpoint by resource.
struct IndexPageView: TemplateObject {
    let title: String
    let descriptionHTML: String?
    let blocks: [BlockView]
    let groups: [OverviewGroupView]
    let endpointCount: Int
    let versionCount: Int

    static let fields: [String: @Sendable (Self) -> Any] = [
        "title": { $0.title },
        "descriptionHTML": { orNull($0.descriptionHTML) },
        "blocks": { $0.blocks },
        "groups": { $0.groups },
        "endpointCount": { $0.endpointCount },
        "versionCount": { $0.versionCount },
    ]
}

struct OverviewGroupView: TemplateObject {
    let title: String
    let url: String
    let endpoints: [OverviewEndpointView]

    static let fields: [String: @Sendable (Self) -> Any] = [
        "title": { $0.title },
        "url": { $0.url },
        "endpoints": { $0.endpoints },
    ]
}

struct OverviewEndpointView: TemplateObject {
    let method: String
    let pathHTML: String
    let title: String
    let url: String
    let window: WindowView

    static let fields: [String: @Sendable (Self) -> Any] = [
        "method": { $0.method },
        "methodClass": { $0.method.lowercased() },
        "pathHTML": { $0.pathHTML },
        "title": { $0.title },
        "url": { $0.url },
        "window": { $0.window },
    ]
}
