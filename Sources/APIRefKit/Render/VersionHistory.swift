/// What changed at each microversion: endpoints and fields added, removed or changed, found by
/// comparing the API as of consecutive versions (`APIModel.snapshot(of:at:)`).
///
/// An endpoint can only differ between two neighbouring versions where its own window or the
/// window of one of its parameters starts or ends, so only those endpoints are compared at
/// each version: the work grows with the number of window bounds, not versions x endpoints.
struct VersionHistory {
    struct Entry {
        let version: Microversion
        let note: VersionNote?
        /// In description order.
        let changes: [EndpointChange]
    }

    /// Oldest first; one entry per version of the API.
    let entries: [Entry]
    /// A hash of what the history page shows of the changes (versions, kinds, field names,
    /// locations and what changed in them; never a description's text): with the endpoints'
    /// identities, windows and parameter lists, it decides the page.
    let shownHash: Int

    /// `memo` (`serve`) keeps each endpoint's changes while the endpoint, the definitions it
    /// names and the versions are the same, and the whole history while every endpoint's are.
    init(model: APIModel, scale: VersionScale, memo: RenderMemo? = nil) {
        let endpoints = model.endpoints
        guard let memo else {
            // Endpoints change independently of each other: each one's changes are found
            // across the cores, then gathered by version in description order.
            self.init(Parallel.map(endpoints.count) { EndpointHistory(changes: Self.changes(of: endpoints[$0], model: model, scale: scale)) },
                      model: model, scale: scale)
            return
        }
        let versionsKey = { var hasher = Hasher(); hasher.combine(scale.versions); hasher.combine(model.project.versions); return hasher.finalize() }()
        // The whole history, by what every endpoint's changes are found from: the endpoints,
        // every definition but its description (the hashes are kept in their boxes), whether
        // two definitions of one field say the same, the versions and their release notes.
        var whole = Hasher()
        whole.combine("history of all endpoints")
        whole.combine(versionsKey)
        whole.combine(model.project.versionNotes)
        whole.combine(endpoints.count)
        for endpoint in endpoints {
            whole.combine(endpoint)
            let pairs = endpoint.sameNamePairs
            for (list, pairs) in [(endpoint.request, pairs.request), (endpoint.response, pairs.response)] where !pairs.isEmpty {
                Self.combineDescriptionsAlike(of: list, sameName: pairs, model: model, into: &whole)
            }
        }
        whole.combine(model.definitions.count)
        for definition in model.definitions { whole.combine(definition.hashValueWithoutDescription) }
        self = memo.value(whole.finalize()) {
            VersionHistory(Parallel.map(endpoints.count) { index in
                let endpoint = endpoints[index]
                var hasher = Hasher()
                hasher.combine("history")
                hasher.combine(versionsKey)
                hasher.combine(endpoint)
                let pairs = endpoint.sameNamePairs
                Self.combineDefinitions(of: endpoint.request, sameName: pairs.request, model: model, into: &hasher)
                hasher.combine(-1)
                Self.combineDefinitions(of: endpoint.response, sameName: pairs.response, model: model, into: &hasher)
                return memo.value(hasher.finalize()) { EndpointHistory(changes: Self.changes(of: endpoint, model: model, scale: scale)) }
            }, model: model, scale: scale)
        }
    }

    /// Whether each two definitions of one name in `list` say the same.
    private static func combineDescriptionsAlike(of list: [ParameterReference], sameName pairs: [(Int, Int)],
                                                 model: APIModel, into hasher: inout Hasher) {
        for (earlier, later) in pairs {
            hasher.combine(model.definition(list[earlier].key)?.description?.text == model.definition(list[later].key)?.description?.text)
        }
    }

    /// The entries of each version, from each endpoint's changes (in description order).
    private init(_ perEndpoint: [EndpointHistory], model: APIModel, scale: VersionScale) {
        var byVersion: [Microversion: [EndpointChange]] = [:]
        var shown = Hasher()
        for history in perEndpoint {
            for (version, change) in history.changes { byVersion[version, default: []].append(change) }
            shown.combine(history.shownHash)
        }
        shownHash = shown.finalize()
        let notes = Dictionary(model.project.versionNotes.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        entries = scale.versions.map { Entry(version: $0, note: notes[$0], changes: byVersion[$0] ?? []) }
    }

    /// What an endpoint's changes read of the definitions one of its lists names: all but their
    /// descriptions, which only tell whether two definitions of one name say the same (a row
    /// that changed only in that is "description changed"). A description edit then finds the
    /// changes of no endpoint again unless it makes two such descriptions equal or unequal.
    private static func combineDefinitions(of list: [ParameterReference], sameName pairs: [(Int, Int)],
                                           model: APIModel, into hasher: inout Hasher) {
        for reference in list { hasher.combine(model.definition(reference.key)?.hashValueWithoutDescription) }
        combineDescriptionsAlike(of: list, sameName: pairs, model: model, into: &hasher)
    }

    /// One endpoint's changes, and a hash of what the page shows of them.
    struct EndpointHistory {
        let changes: [(Microversion, EndpointChange)]
        let shownHash: Int

        init(changes: [(Microversion, EndpointChange)]) {
            self.changes = changes
            var hasher = Hasher()
            for (version, change) in changes {
                hasher.combine(version)
                hasher.combine(change.kind)
                hasher.combine(change.fields.count)
                for field in change.fields {
                    hasher.combine(field.kind)
                    hasher.combine(field.direction)
                    hasher.combine(field.reference)
                    hasher.combine((field.after ?? field.before)?.location)
                    if field.kind == .changed { hasher.combine(field.details) }
                }
            }
            shownHash = hasher.finalize()
        }
    }

    /// What changed in `endpoint` at each version of the scale but the first, oldest first.
    static func changes(of endpoint: Endpoint, model: APIModel, scale: VersionScale) -> [(Microversion, EndpointChange)] {
        var bounds = [model.window(of: endpoint)]
        for reference in endpoint.request + endpoint.response {
            if let definition = model.definition(reference.key) { bounds.append(model.window(of: definition)) }
        }
        var candidates = Set<Microversion>()
        for window in bounds {
            if let low = window.min { candidates.insert(low) }
            if let high = window.max, let after = scale.next(after: high) { candidates.insert(after) }
        }
        var changes: [(Microversion, EndpointChange)] = []
        // Between its candidate versions an endpoint stands still, so its snapshot just before a
        // candidate is the one made at its last candidate: each snapshot is made once.
        var last: EndpointSnapshot??
        for version in candidates.sorted() {
            // Only versions of the scale after its first are compared with the one before.
            guard scale.contains(version), let previous = scale.previous(before: version) else { continue }
            let before = last ?? model.snapshot(of: endpoint, at: previous)
            let after = model.snapshot(of: endpoint, at: version)
            last = .some(after)
            if let change = APIModel.change(of: endpoint, before: before, after: after) { changes.append((version, change)) }
        }
        return changes
    }
}
