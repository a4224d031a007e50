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

    struct EndpointChange {
        enum Kind: String { case added, removed, changed }
        let endpoint: Endpoint
        let kind: Kind
        /// Empty for an added or removed endpoint.
        let fields: [FieldChange]
    }

    struct FieldChange {
        enum Kind: String { case added, removed, changed }
        let kind: Kind
        let direction: SampleDirection
        /// The row as it stands after the change (before it, for a removal).
        let reference: ParameterReference
        let before: ParameterDefinition?
        let after: ParameterDefinition?
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
        for version in scale.versions {
            var changes: [EndpointChange] = []
            if let previous {
                for index in (candidates[version] ?? []).sorted() {
                    if let change = Self.compare(endpoints[index], from: previous, to: version, in: model) {
                        changes.append(change)
                    }
                }
            }
            entries.append(Entry(version: version, note: notes[version], changes: changes))
            previous = version
        }
        self.entries = entries
    }

    static func compare(_ endpoint: Endpoint, from old: Microversion, to new: Microversion,
                        in model: APIModel) -> EndpointChange? {
        let before = model.snapshot(of: endpoint, at: old)
        let after = model.snapshot(of: endpoint, at: new)
        switch (before, after) {
        case (nil, nil):
            return nil
        case (nil, _?):
            return EndpointChange(endpoint: endpoint, kind: .added, fields: [])
        case (_?, nil):
            return EndpointChange(endpoint: endpoint, kind: .removed, fields: [])
        case (let before?, let after?):
            let fields = compare(before.request, after.request, direction: .request)
                + compare(before.response, after.response, direction: .response)
            return fields.isEmpty ? nil : EndpointChange(endpoint: endpoint, kind: .changed, fields: fields)
        }
    }

    /// Rows are matched by display name: a name whose definition differs changed, a name on
    /// one side only was added or removed.
    private static func compare(_ before: [ResolvedParameter], _ after: [ResolvedParameter],
                                direction: SampleDirection) -> [FieldChange] {
        let old = Dictionary(before.map { ($0.reference.name, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { ($0.reference.name, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [FieldChange] = []
        for row in after {
            guard new[row.reference.name]?.reference == row.reference else { continue }
            if let previous = old[row.reference.name] {
                if previous.definition.key != row.definition.key {
                    changes.append(FieldChange(kind: .changed, direction: direction, reference: row.reference,
                                               before: previous.definition, after: row.definition))
                }
            } else {
                changes.append(FieldChange(kind: .added, direction: direction, reference: row.reference,
                                           before: nil, after: row.definition))
            }
        }
        for row in before where new[row.reference.name] == nil && old[row.reference.name]?.reference == row.reference {
            changes.append(FieldChange(kind: .removed, direction: direction, reference: row.reference,
                                       before: row.definition, after: nil))
        }
        return changes
    }

    /// What differs between two definitions of one field, as short phrases
    /// (`integer → number`, `now required`).
    static func differences(_ before: ParameterDefinition, _ after: ParameterDefinition) -> [String] {
        var result: [String] = []
        if before.location != after.location { result.append("in \(before.location.rawValue) → in \(after.location.rawValue)") }
        let oldType = TypeText.make(before), newType = TypeText.make(after)
        if oldType != newType { result.append("\(oldType) → \(newType)") }
        if before.format != after.format {
            result.append("format \(before.format ?? "none") → \(after.format ?? "none")")
        }
        if before.required != after.required { result.append(after.required ? "now required" : "now optional") }
        if before.nullable != after.nullable { result.append(after.nullable ? "now nullable" : "no longer nullable") }
        if before.enumValues != after.enumValues { result.append("allowed values changed") }
        if result.isEmpty { result.append("description changed") }
        return result
    }
}

/// A definition's type as shown: `string`, `array of objects`, `integer`.
enum TypeText {
    static func make(_ definition: ParameterDefinition) -> String {
        guard definition.type == .array, let items = definition.items else { return definition.type.rawValue }
        return "array of \(plural(items))"
    }

    private static func plural(_ type: ValueType) -> String {
        switch type {
        case .null: "nulls"
        case .array: "arrays"
        default: type.rawValue + "s"
        }
    }
}
