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
    /// Newest first; the same list on every page (`SiteBuilder.versionOptions`), made into a
    /// template value once.
    let versions: TemplateValue
    /// The current resource page with its endpoints (none on the index and history pages).
    let nav: [NavPageView]
    let navigationURL: String
    let isIndex: Bool
    let isHistory: Bool
    let historyURL: String
    let indexURL: String

    static let fields: TemplateFields<Self> = TemplateFields([
        "siteTitle": { TemplateValue($0.siteTitle) },
        "pageTitle": { TemplateValue($0.pageTitle) },
        "metaDescription": { TemplateValue(orNull($0.metaDescription)) },
        "root": { TemplateValue($0.root) },
        "assets": { TemplateValue($0.root + SiteLayout.assetsFolder) },
        "assetVersion": { TemplateValue($0.assetVersion) },
        "searchIndexURL": { TemplateValue($0.root + SiteLayout.searchIndexPath) },
        "generator": { TemplateValue($0.generator) },
        "canonicalURL": { TemplateValue(orNull($0.canonicalURL)) },
        "service": { TemplateValue($0.service) },
        "versionHeader": { TemplateValue($0.versionHeader) },
        "apiRange": { TemplateValue($0.apiRange) },
        "minVersion": { TemplateValue($0.minVersion) },
        "latestVersion": { TemplateValue($0.latestVersion) },
        "versions": { $0.versions },
        "nav": { TemplateValue($0.nav) },
        "navigationURL": { TemplateValue($0.navigationURL) },
        "isIndex": { TemplateValue($0.isIndex) },
        "isHistory": { TemplateValue($0.isHistory) },
        "historyURL": { TemplateValue($0.historyURL) },
        "indexURL": { TemplateValue($0.indexURL) },
    ])
}

/// A class, as `WindowView` is: the version picker lists every version on every page, and a
/// struct this size would be boxed (allocated) into each list made of it.
final class VersionOptionView: TemplateObject {
    let version: String
    let release: String?
    let isLatest: Bool

    init(version: String, release: String?, isLatest: Bool) {
        (self.version, self.release, self.isLatest) = (version, release, isLatest)
    }

    static let fields: TemplateFields<VersionOptionView> = TemplateFields([
        "version": { TemplateValue($0.version) },
        "release": { TemplateValue(orNull($0.release)) },
        "isLatest": { TemplateValue($0.isLatest) },
    ])
}

struct NavPageView: TemplateObject {
    let title: String
    let url: String
    /// From the site root, as in `navigation.js`, which the script matches it against.
    let path: String
    let isCurrent: Bool
    let endpoints: [NavEndpointView]
    let endpointCount: Int

    static let fields: TemplateFields<Self> = TemplateFields([
        "title": { TemplateValue($0.title) },
        "url": { TemplateValue($0.url) },
        "path": { TemplateValue($0.path) },
        "isCurrent": { TemplateValue($0.isCurrent) },
        "endpoints": { TemplateValue($0.endpoints) },
        "endpointCount": { TemplateValue($0.endpointCount) },
    ])
}

struct NavEndpointView: TemplateObject {
    let title: String
    let method: String
    let url: String
    let window: WindowView

    static let fields: TemplateFields<Self> = TemplateFields([
        "title": { TemplateValue($0.title) },
        "method": { TemplateValue($0.method) },
        "methodClass": { TemplateValue($0.method.lowercased()) },
        "url": { TemplateValue($0.url) },
        "window": { TemplateValue($0.window) },
    ])
}

/// A run of a page: prose, or one endpoint.
struct BlockView: TemplateObject {
    let proseHTML: String?
    /// An `EndpointView`, or (`serve`) a `TemplateFragment` making one when shown.
    let endpoint: TemplateValue?

    static let fields: TemplateFields<Self> = TemplateFields([
        "proseHTML": { TemplateValue(orNull($0.proseHTML)) },
        "endpoint": { $0.endpoint ?? .null },
    ])
}

/// A page of the description: one resource group.
struct ResourcePageView: TemplateObject {
    let title: String
    let blocks: [BlockView]
    let endpointCount: Int

    static let fields: TemplateFields<Self> = TemplateFields([
        "title": { TemplateValue($0.title) },
        "blocks": { TemplateValue($0.blocks) },
        "endpointCount": { TemplateValue($0.endpointCount) },
    ])
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

    static let fields: TemplateFields<Self> = TemplateFields([
        "title": { TemplateValue($0.title) },
        "descriptionHTML": { TemplateValue(orNull($0.descriptionHTML)) },
        "blocks": { TemplateValue($0.blocks) },
        "groups": { TemplateValue($0.groups) },
        "endpointCount": { TemplateValue($0.endpointCount) },
        "versionCount": { TemplateValue($0.versionCount) },
    ])
}

struct OverviewGroupView: TemplateObject {
    let title: String
    let url: String
    let endpoints: [OverviewEndpointView]

    static let fields: TemplateFields<Self> = TemplateFields([
        "title": { TemplateValue($0.title) },
        "url": { TemplateValue($0.url) },
        "endpoints": { TemplateValue($0.endpoints) },
    ])
}

struct OverviewEndpointView: TemplateObject {
    let method: String
    let pathHTML: String
    let title: String
    let url: String
    let window: WindowView

    static let fields: TemplateFields<Self> = TemplateFields([
        "method": { TemplateValue($0.method) },
        "methodClass": { TemplateValue($0.method.lowercased()) },
        "pathHTML": { TemplateValue($0.pathHTML) },
        "title": { TemplateValue($0.title) },
        "url": { TemplateValue($0.url) },
        "window": { TemplateValue($0.window) },
    ])
}
