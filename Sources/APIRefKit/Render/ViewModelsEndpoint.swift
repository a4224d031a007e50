// View models of one endpoint: header, parameter tables, status codes, samples.

struct EndpointView: TemplateObject {
    let id: String
    let method: String
    let path: String
    let title: String
    let descriptionHTML: String?
    let window: WindowView
    let request: ParameterTableView?
    let response: ParameterTableView?
    let success: [StatusView]
    let errors: [StatusView]
    let samples: [SampleView]

    static let fields: TemplateFields<Self> = TemplateFields([
        "id": { TemplateValue($0.id) },
        "method": { TemplateValue($0.method) },
        "methodClass": { TemplateValue($0.method.lowercased()) },
        "path": { TemplateValue($0.path) },
        "pathHTML": { TemplateValue(HTML.pathTemplate($0.path)) },
        "title": { TemplateValue($0.title) },
        "descriptionHTML": { TemplateValue(orNull($0.descriptionHTML)) },
        "window": { TemplateValue($0.window) },
        "request": { TemplateValue(orNull($0.request)) },
        "response": { TemplateValue(orNull($0.response)) },
        "success": { TemplateValue($0.success) },
        "errors": { TemplateValue($0.errors) },
        "hasStatus": { TemplateValue(!$0.success.isEmpty || !$0.errors.isEmpty) },
        "samples": { TemplateValue($0.samples) },
        "hasSamples": { TemplateValue(!$0.samples.isEmpty) },
    ])
}

struct ParameterTableView: TemplateObject {
    /// `Request` or `Response`.
    let caption: String
    /// `request` or `response`.
    let direction: String
    let rows: [ParameterRowView]

    static let fields: TemplateFields<Self> = TemplateFields([
        "caption": { TemplateValue($0.caption) },
        "direction": { TemplateValue($0.direction) },
        "rows": { TemplateValue($0.rows) },
    ])
}

/// A class: a row is entered by a section and looked into a score of times, and a struct of
/// this size would be boxed into each template value made of it.
final class ParameterRowView: TemplateObject {
    let anchor: String
    let name: String
    let location: String
    let type: String
    let format: String?
    let nullable: Bool
    let enumValues: [String]
    let required: Bool
    let descriptionHTML: String?
    let window: WindowView
    /// Set when the row's definition key does not exist (only rendered with --allow-errors).
    let undefinedKey: String?
    /// `instance.volumes.` dimmed before the `size` the row is about; lines may break after a
    /// dot, never inside a name. Made once: templates may ask for it, and the depth, often.
    let nameHTML: String
    let depth: Int

    init(anchor: String, name: String, location: String, type: String, format: String?, nullable: Bool,
         enumValues: [String], required: Bool, descriptionHTML: String?, window: WindowView, undefinedKey: String?) {
        self.anchor = anchor
        self.name = name
        self.location = location
        self.type = type
        self.format = format
        self.nullable = nullable
        self.enumValues = enumValues
        self.required = required
        self.descriptionHTML = descriptionHTML
        self.window = window
        self.undefinedKey = undefinedKey
        let segments = name.split(ascii: ".", omittingEmptySubsequences: false)
        var html = ""
        if segments.count > 1 {
            html += "<span class=\"name-prefix\">"
            for segment in segments.dropLast() {
                HTML.escape(segment, into: &html)
                html += ".<wbr>"
            }
            html += "</span>"
        }
        html += "<span class=\"name-leaf\">"
        HTML.escape(segments.last ?? "", into: &html)
        nameHTML = html + "</span>"
        depth = max(0, segments.count - 1)
    }

    static let fields: TemplateFields<ParameterRowView> = TemplateFields([
        "anchor": { TemplateValue($0.anchor) },
        "name": { TemplateValue($0.name) },
        "nameHTML": { TemplateValue($0.nameHTML) },
        "depth": { TemplateValue($0.depth) },
        "isNested": { TemplateValue($0.depth > 0) },
        "location": { TemplateValue($0.location) },
        "type": { TemplateValue($0.type) },
        "format": { TemplateValue(orNull($0.format)) },
        "nullable": { TemplateValue($0.nullable) },
        "enumValues": { TemplateValue($0.enumValues) },
        "hasEnum": { TemplateValue(!$0.enumValues.isEmpty) },
        "required": { TemplateValue($0.required) },
        "descriptionHTML": { TemplateValue(orNull($0.descriptionHTML)) },
        "window": { TemplateValue($0.window) },
        "undefinedKey": { TemplateValue(orNull($0.undefinedKey)) },
    ])
}

struct StatusView: TemplateObject {
    let code: Int
    let phrase: String
    let reasonHTML: String?
    /// `success` or `error`.
    let kind: String

    static let fields: TemplateFields<Self> = TemplateFields([
        "code": { TemplateValue($0.code) },
        "phrase": { TemplateValue($0.phrase) },
        "reasonHTML": { TemplateValue(orNull($0.reasonHTML)) },
        "kind": { TemplateValue($0.kind) },
    ])
}

struct SampleView: TemplateObject {
    /// `Request` or `Response`.
    let direction: String
    let version: String
    /// The versions this sample stands for: up to the next sample of the same direction.
    let window: WindowView
    let isOpen: Bool
    let codeHTML: String?
    let path: String

    static let fields: TemplateFields<Self> = TemplateFields([
        "direction": { TemplateValue($0.direction) },
        "version": { TemplateValue($0.version) },
        "window": { TemplateValue($0.window) },
        "isOpen": { TemplateValue($0.isOpen) },
        "codeHTML": { TemplateValue(orNull($0.codeHTML)) },
        "path": { TemplateValue($0.path) },
    ])
}

extension SiteBuilder {
    func endpointView(_ endpoint: Endpoint, root: String) -> EndpointView {
        let window = model.window(of: endpoint)
        let history = root + layout.historyPath
        return EndpointView(
            id: endpoint.id,
            method: endpoint.method,
            path: endpoint.path.value,
            title: endpoint.title,
            descriptionHTML: endpoint.description.map { markdown.html($0, root: root) },
            window: scale.windowView(window, within: scale.api, historyURL: history),
            request: parameterTable(endpoint, .request, window: window, root: root),
            response: parameterTable(endpoint, .response, window: window, root: root),
            success: endpoint.successCodes.map { status($0, kind: "success", file: endpoint.page, root: root) },
            errors: endpoint.errorCodes.map { status($0, kind: "error", file: endpoint.page, root: root) },
            samples: samples(endpoint, window: window, root: root)
        )
    }

    private func parameterTable(_ endpoint: Endpoint, _ direction: SampleDirection, window: VersionRange,
                                root: String) -> ParameterTableView? {
        let references = direction == .request ? endpoint.request : endpoint.response
        guard !references.isEmpty else { return nil }
        let lists = anchors(of: endpoint)
        let anchors = direction == .request ? lists.request : lists.response
        let history = root + layout.historyPath
        let rows = zip(references, anchors).map { reference, anchor -> ParameterRowView in
            guard let definition = model.definition(reference.key) else {
                return ParameterRowView(anchor: anchor, name: reference.name, location: "", type: "", format: nil,
                                        nullable: false, enumValues: [], required: false, descriptionHTML: nil,
                                        window: scale.windowView(window, within: window, historyURL: history),
                                        undefinedKey: reference.key)
            }
            return ParameterRowView(
                anchor: anchor,
                name: reference.name,
                location: definition.location.rawValue,
                type: TypeText.make(definition),
                format: definition.format,
                nullable: definition.nullable,
                enumValues: definition.enumValues ?? [],
                required: definition.required,
                descriptionHTML: definition.description.map { markdown.html($0, root: root) },
                window: scale.windowView(model.window(of: definition), within: window, historyURL: history),
                undefinedKey: nil
            )
        }
        return ParameterTableView(caption: direction == .request ? "Request" : "Response",
                                  direction: direction.rawValue, rows: rows)
    }

    private func status(_ status: StatusCode, kind: String, file: String, root: String) -> StatusView {
        StatusView(code: status.code, phrase: HTTPStatus.phrase(status.code),
                   reasonHTML: status.reason.map { markdown.inlineHTML($0, file: file, root: root) }, kind: kind)
    }

    /// Requests first, then responses, each oldest first. A sample stands for the versions
    /// from its own up to the next sample of its direction, so that at any one version
    /// exactly one request and one response sample show; the newest is open by default.
    private func samples(_ endpoint: Endpoint, window: VersionRange, root: String) -> [SampleView] {
        var views: [SampleView] = []
        for direction in [SampleDirection.request, .response] {
            let group = endpoint.samples.filter { $0.direction == direction }
                .enumerated().sorted { ($0.element.version, $0.offset) < ($1.element.version, $1.offset) }
                .map(\.element)
            for (index, sample) in group.enumerated() {
                let nextVersion = group[(index + 1)...].first { $0.version > sample.version }?.version
                var high = nextVersion.flatMap { scale.previous(before: $0) } ?? window.max
                if let top = window.max, let value = high, value > top { high = top }
                let low = max(sample.version, window.min ?? sample.version)
                let effective = VersionRange(min: low, max: high.map { max($0, low) } ?? low)
                views.append(SampleView(
                    direction: direction == .request ? "Request" : "Response",
                    version: sample.version.description,
                    window: scale.windowView(effective, within: window, historyURL: root + layout.historyPath),
                    isOpen: nextVersion == nil,
                    codeHTML: sampleHTML(sample.path),
                    path: sample.path
                ))
            }
        }
        return views
    }

    private func sampleHTML(_ path: String) -> String? {
        let relative = PathUtilities.normalizeRelative(path) ?? path
        if let value = model.samples[relative]?.value {
            // `serve`: highlighted once per text (an endpoint rendered again shows its other
            // samples as they were).
            guard let memo, let source = model.sources[relative] else { return JSONHighlighter.html(value) }
            var key = Hasher()
            key.combine("highlighted sample")
            key.combine(source.textHash)
            return memo.value(key.finalize()) { JSONHighlighter.html(value) }
        }
        // Not valid JSON (only published with --allow-errors): show it as written.
        return model.sources[relative].map { HTML.escape($0.text) }
    }
}
