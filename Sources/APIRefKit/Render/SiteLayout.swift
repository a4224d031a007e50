/// Where everything goes on the site: the path of each page, the prefix that leads from a
/// page back to the site root, and the anchors of endpoints and parameters.
struct SiteLayout {
    static let indexPath = "index.html"
    static let assetsFolder = "assets/"
    static let searchIndexPath = "search-index.js"
    static let navigationPath = "navigation.js"

    /// Description page path -> site path (`pages/instances.md` -> `instances.html`).
    let pagePaths: [String: String]
    /// The description page shown as the home page, if one maps to `index.html`.
    let indexPage: String?
    let historyPath: String
    /// `--base-url` with a trailing slash, or nil for links relative to each page.
    let baseURL: String?

    init(pages: [Page], baseURL: String?) {
        var taken: Set<String> = [Self.searchIndexPath, Self.navigationPath]
        var paths: [String: String] = [:]
        var indexPage: String?
        for page in pages {
            let path = Self.unique(Self.sitePath(forPage: page.path), taken: &taken)
            paths[page.path] = path
            if path == Self.indexPath { indexPage = page.path }
        }
        taken.insert(Self.indexPath)
        self.pagePaths = paths
        self.indexPage = indexPage
        self.historyPath = Self.unique("history.html", taken: &taken)
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

    /// `pages/instances.md` -> `instances.html`; `pages/compute/servers.md` ->
    /// `compute/servers.html`. Anything that could climb out of the site is flattened.
    static func sitePath(forPage page: String) -> String {
        var parts = page.split(separator: "/").map(String.init).filter { $0 != "." && $0 != ".." && !$0.isEmpty }
        if parts.count > 1, parts[0] == "pages" { parts.removeFirst() }
        guard var name = parts.popLast() else { return "page.html" }
        if name.hasSuffix(".md") { name.removeLast(3) }
        if name.isEmpty || name.hasPrefix(".") { name = "page" + name }
        parts.append(name + ".html")
        if parts.first == "assets" { parts[0] = "assets-page" }
        return parts.joined(separator: "/")
    }

    private static func unique(_ path: String, taken: inout Set<String>) -> String {
        var candidate = path
        var counter = 2
        while taken.contains(candidate) || candidate.hasPrefix(assetsFolder) {
            candidate = String(path.dropLast(5)) + "-\(counter).html"
            counter += 1
        }
        taken.insert(candidate)
        return candidate
    }

    /// What a page at `sitePath` puts before a site path to link to it: the base URL, or
    /// `../` once per folder level.
    func root(for sitePath: String) -> String {
        if let baseURL { return baseURL }
        let depth = sitePath.split(separator: "/").count - 1
        return String(repeating: "../", count: depth)
    }

    func path(of page: Page) -> String {
        pagePaths[page.path] ?? Self.sitePath(forPage: page.path)
    }
}

/// Permalink anchors of an endpoint's parameters: `{endpoint}-req-{name}` and
/// `{endpoint}-resp-{name}`. A name listed twice (one field with two definitions in two
/// windows) keeps the plain anchor for its first row, so links made before the second row
/// existed still land.
enum ParameterAnchors {
    /// The anchors of both lists of an endpoint.
    static func of(_ endpoint: Endpoint) -> (request: [String], response: [String]) {
        (make(endpointID: endpoint.id, direction: .request, references: endpoint.request),
         make(endpointID: endpoint.id, direction: .response, references: endpoint.response))
    }

    static func make(endpointID: String, direction: SampleDirection,
                     references: [ParameterReference]) -> [String] {
        let prefix = "\(endpointID)-\(direction == .request ? "req" : "resp")-"
        var used = Set<String>()
        return references.map { reference in
            let base = prefix + sanitize(reference.name)
            var anchor = base
            if used.contains(anchor) { anchor = base + "-" + sanitize(reference.key) }
            var counter = 2
            while used.contains(anchor) {
                anchor = base + "-\(counter)"
                counter += 1
            }
            used.insert(anchor)
            return anchor
        }
    }

    /// Letters, digits, `.`, `_` and `-` stay; `{`/`}` go; anything else becomes `-`.
    /// By bytes (every parameter of every endpoint passes here, twice): a scalar outside
    /// ASCII becomes one `-` at its first byte, its continuation bytes are skipped.
    static func sanitize(_ name: String) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(name.utf8.count)
        for byte in name.utf8 {
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "}"), 0x80...0xBF: continue
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
                result.append(byte)
            default: result.append(UInt8(ascii: "-"))
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
