// View models of the microversion history page.

struct HistoryPageView: TemplateObject {
    let title: String
    /// Newest first.
    let entries: [VersionEntryView]

    static let fields: TemplateFields<Self> = TemplateFields([
        "title": { TemplateValue($0.title) },
        "entries": { TemplateValue($0.entries) },
    ])
}

struct VersionEntryView: TemplateObject {
    let version: String
    let release: String?
    let notesHTML: String?
    let isInitial: Bool
    let isLatest: Bool
    let endpointCount: Int
    let changes: [EndpointChangeView]
    /// The home page as of this version.
    let viewURL: String

    static let fields: TemplateFields<Self> = TemplateFields([
        "version": { TemplateValue($0.version) },
        "anchor": { TemplateValue("v" + $0.version) },
        "release": { TemplateValue(orNull($0.release)) },
        "notesHTML": { TemplateValue(orNull($0.notesHTML)) },
        "isInitial": { TemplateValue($0.isInitial) },
        "isLatest": { TemplateValue($0.isLatest) },
        "endpointCount": { TemplateValue($0.endpointCount) },
        "changes": { TemplateValue($0.changes) },
        "hasChanges": { TemplateValue(!$0.changes.isEmpty) },
        "viewURL": { TemplateValue($0.viewURL) },
    ])
}

struct EndpointChangeView: TemplateObject {
    /// `added`, `removed` or `changed`.
    let kind: String
    let method: String
    let path: String
    let title: String
    /// The endpoint at a version where it exists (`?mv=` set).
    let url: String
    let fields: [FieldChangeView]

    static let fields: TemplateFields<Self> = TemplateFields([
        "kind": { TemplateValue($0.kind) },
        "kindLabel": { TemplateValue($0.kind == "added" ? "New" : $0.kind == "removed" ? "Removed" : "Changed") },
        "isChanged": { TemplateValue($0.kind == "changed") },
        "method": { TemplateValue($0.method) },
        "methodClass": { TemplateValue($0.method.lowercased()) },
        "path": { TemplateValue($0.path) },
        "pathHTML": { TemplateValue(HTML.pathTemplate($0.path)) },
        "title": { TemplateValue($0.title) },
        "url": { TemplateValue($0.url) },
        "fields": { TemplateValue($0.fields) },
    ])
}

struct FieldChangeView: TemplateObject {
    let kind: String
    /// `request` or `response`.
    let direction: String
    let location: String
    let name: String
    /// `integer → number; now nullable`, or nil.
    let detail: String?
    let url: String

    static let fields: TemplateFields<Self> = TemplateFields([
        "kind": { TemplateValue($0.kind) },
        "kindLabel": { TemplateValue($0.kind == "added" ? "Added" : $0.kind == "removed" ? "Removed" : "Changed") },
        "direction": { TemplateValue($0.direction) },
        "location": { TemplateValue($0.location) },
        "what": { row in
            .text(row.location == "body" ? "\(row.direction) field" : "\(row.direction) \(row.location) parameter")
        },
        "name": { TemplateValue($0.name) },
        "detail": { TemplateValue(orNull($0.detail)) },
        "url": { TemplateValue($0.url) },
    ])
}

extension SiteBuilder {
    func historyPage(root: String) -> HistoryPageView {
        let latest = scale.latest
        func anchor(of reference: ParameterReference, direction: SampleDirection, in endpoint: Endpoint) -> String {
            let lists = anchors(of: endpoint)
            let references = direction == .request ? endpoint.request : endpoint.response
            let list = direction == .request ? lists.request : lists.response
            return references.firstIndex(of: reference).map { list[$0] } ?? endpoint.id
        }
        let entries = history.entries.reversed().map { entry -> VersionEntryView in
            let version = entry.version
            let before = scale.previous(before: version) ?? version
            return VersionEntryView(
                version: version.description,
                release: entry.note?.release,
                notesHTML: entry.note?.notes.map { markdown.html($0, root: root) },
                isInitial: version == scale.versions.first,
                isLatest: version == latest,
                endpointCount: model.endpoints.count { model.window(of: $0).contains(version) },
                changes: entry.changes.map { change in
                    // A removed element is shown as of the version before, where it still exists.
                    let shownAt = change.kind == .removed ? before : version
                    let endpoint = change.endpoint
                    let pageURL = root + (layout.pagePaths[endpoint.page] ?? SiteLayout.indexPath) + "?mv=\(shownAt)"
                    return EndpointChangeView(
                        kind: change.kind.rawValue,
                        method: endpoint.method,
                        path: endpoint.path.value,
                        title: endpoint.title,
                        url: pageURL + "#" + endpoint.id,
                        fields: change.fields.map { field in
                            let fieldAt = field.kind == .removed ? before : version
                            let pageURL = root + (layout.pagePaths[endpoint.page] ?? SiteLayout.indexPath) + "?mv=\(fieldAt)"
                            let definition = field.after ?? field.before
                            return FieldChangeView(
                                kind: field.kind.rawValue,
                                direction: field.direction.rawValue,
                                location: definition?.location.rawValue ?? "body",
                                name: field.reference.name,
                                detail: field.kind == .changed ? field.details.joined(separator: "; ") : nil,
                                url: pageURL + "#" + anchor(of: field.reference, direction: field.direction, in: endpoint)
                            )
                        }
                    )
                },
                viewURL: root + SiteLayout.indexPath + "?mv=\(version)"
            )
        }
        return HistoryPageView(title: "Microversion history", entries: entries)
    }
}
