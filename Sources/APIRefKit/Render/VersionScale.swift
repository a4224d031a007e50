/// The API's microversions in order, for stepping between neighbours and for showing and
/// filtering the windows of elements.
struct VersionScale {
    /// Ascending.
    let versions: [Microversion]
    /// The API's window, both bounds set.
    let api: VersionRange

    init(model: APIModel) {
        versions = model.allVersions
        api = VersionRange(min: model.project.minVersion, max: model.project.maxVersion)
    }

    var latest: Microversion? { versions.last }

    /// The first version of the API after `version`.
    func next(after version: Microversion) -> Microversion? {
        let index = firstIndex { $0 > version }
        return index < versions.count ? versions[index] : nil
    }

    /// The last version of the API before `version`.
    func previous(before version: Microversion) -> Microversion? {
        let index = firstIndex { $0 >= version }
        return index > 0 ? versions[index - 1] : nil
    }

    /// Whether `version` is one of the API's versions.
    func contains(_ version: Microversion) -> Bool {
        let index = firstIndex { $0 >= version }
        return index < versions.count && versions[index] == version
    }

    /// The first index of `versions` whose version satisfies `isAtOrPast` (a condition that,
    /// in ascending order, stays true once true), by bisection: the history asks for every
    /// window bound of every endpoint.
    private func firstIndex(where isAtOrPast: (Microversion) -> Bool) -> Int {
        var low = 0, high = versions.count
        while low < high {
            let middle = (low + high) / 2
            if isAtOrPast(versions[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// `1.3–1.6`, `1.3 only`.
    static func rangeText(_ window: VersionRange) -> String {
        switch (window.min, window.max) {
        case (let low?, let high?): low == high ? "\(low) only" : "\(low)–\(high)"
        case (let low?, nil): "\(low) and later"
        case (nil, let high?): "up to \(high)"
        case (nil, nil): "all versions"
        }
    }

    /// How an element with `window` (bounds filled) shows inside `outer`, the window of what
    /// holds it (the API for an endpoint, the endpoint for a parameter). Only the bounds that
    /// are narrower than `outer` get a badge and a filter attribute: a field as old as its
    /// endpoint says nothing.
    func windowView(_ window: VersionRange, within outer: VersionRange, historyURL: String) -> WindowView {
        var attributes = ""
        var badges: [BadgeView] = []
        if let low = window.min, let outerLow = outer.min, low > outerLow {
            attributes += " data-min=\"\(low)\""
            badges.append(BadgeView(kind: "new", text: "New in \(low)",
                                    title: "Added in microversion \(low)", url: historyURL + "#v\(low)"))
        }
        if let high = window.max, let outerHigh = outer.max, high < outerHigh {
            attributes += " data-max=\"\(high)\""
            let removed = next(after: high)
            badges.append(BadgeView(kind: "until", text: "Until \(high)",
                                    title: removed.map { "Removed in microversion \($0)" } ?? "Last in microversion \(high)",
                                    url: historyURL + "#v\(removed ?? high)"))
        }
        return WindowView(attributes: attributes, badges: badges, range: Self.rangeText(window))
    }
}

/// An element's microversion window as the templates show it.
/// A class, as `ParameterRowView` is: templates look a window up twice a row, and a struct
/// this size would be boxed (allocated and copied) into the template value each time.
final class WindowView: TemplateObject {
    /// ` data-min="1.3" data-max="1.6"` (leading space), or empty: made here from versions only,
    /// so safe to insert unescaped.
    let attributes: String
    let badges: [BadgeView]
    /// `1.3–1.6`
    let range: String

    init(attributes: String, badges: [BadgeView], range: String) {
        self.attributes = attributes
        self.badges = badges
        self.range = range
    }

    static let fields: TemplateFields<WindowView> = TemplateFields([
        "attributes": { TemplateValue($0.attributes) },
        "badges": { TemplateValue($0.badges) },
        "range": { TemplateValue($0.range) },
        "isLimited": { TemplateValue(!$0.badges.isEmpty) },
    ])
}

struct BadgeView: TemplateObject {
    /// `new` or `until`.
    let kind: String
    let text: String
    let title: String
    let url: String

    static let fields: TemplateFields<Self> = TemplateFields([
        "kind": { TemplateValue($0.kind) },
        "text": { TemplateValue($0.text) },
        "title": { TemplateValue($0.title) },
        "url": { TemplateValue($0.url) },
    ])
}
