import Foundation

/// The list of resource pages for the sidebar, written once as `navigation.js` rather than into
/// every page: inline, every page would list every page, and the site would grow with the
/// square of the API (nova 10x: 82 MB of sidebars). Each page carries its own entry with its
/// endpoints; `apiref.js` puts the others around it. Without JavaScript the sidebar links to
/// the index, which lists every resource.
struct SiteNavigation {
    struct Entry {
        /// title, url (from the site root), endpoint count
        let t: String, u: String, n: Int
    }

    let pages: [Entry]

    init(model: APIModel, layout: SiteLayout) {
        pages = model.pages.filter { $0.path != layout.indexPage }.map {
            Entry(t: $0.title, u: layout.path(of: $0), n: $0.endpoints.count)
        }
    }

    /// A script, like the search index, so that it also loads on a site opened from disk.
    func script() -> String {
        let json = JSONOutput.array(pages.map { .object([("n", .int($0.n)), ("t", .string($0.t)), ("u", .string($0.u))]) })
        return "window.apirefNav = \(json.serialized());\n"
    }
}
