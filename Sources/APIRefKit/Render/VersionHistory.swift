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

    init(model: APIModel, scale: VersionScale) {
        let endpoints = model.endpoints
        var candidates: [Microversion: Set<Int>] = [:]
        for (index, endpoint) in endpoints.enumerated() {
            var bounds = [model.window(of: endpoint)]
            for reference in endpoint.request + endpoint.response {
                if let definition = model.definition(reference.key) { bounds.append(model.window(of: definition)) }
            }
            for window in bounds {
                if let low = window.min { candidates[low, default: []].insert(index) }
                if let high = window.max, let after = scale.next(after: high) {
                    candidates[after, default: []].insert(index)
                }
            }
        }
        let notes = Dictionary(model.project.versionNotes.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [Entry] = []
        var previous: Microversion?
        // Between its candidate versions an endpoint stands still, so its snapshot just before a
        // candidate is the one made at its last candidate: each snapshot is made once.
        var lastSnapshot: [Int: EndpointSnapshot?] = [:]
        for version in scale.versions {
            var changes: [EndpointChange] = []
            if let previous {
                for index in (candidates[version] ?? []).sorted() {
                    let before: EndpointSnapshot?
                    if let known = lastSnapshot[index] { before = known } else { before = model.snapshot(of: endpoints[index], at: previous) }
                    let after = model.snapshot(of: endpoints[index], at: version)
                    lastSnapshot[index] = .some(after)
                    if let change = APIModel.change(of: endpoints[index], before: before, after: after) {
                        changes.append(change)
                    }
                }
            }
            entries.append(Entry(version: version, note: notes[version], changes: changes))
            previous = version
        }
        self.entries = entries
    }
}
