/// What changed in the API between two microversions, derived from the description alone.
/// The one comparison behind `apiref diff`, its release-note Markdown and the history page.
public struct APIDiff: Sendable {
    public let from: Microversion
    public let to: Microversion
    public let addedEndpoints: [Endpoint]
    public let removedEndpoints: [Endpoint]
    /// Endpoints present at both versions whose parameters differ (kind `.changed`).
    public let changedEndpoints: [EndpointChange]

    public var isEmpty: Bool { addedEndpoints.isEmpty && removedEndpoints.isEmpty && changedEndpoints.isEmpty }

    /// Changes that break a client written against `from` when it moves to `to`.
    public var breakingChanges: [String] {
        removedEndpoints.map { "endpoint '\($0.signature)' is removed" }
            + changedEndpoints.flatMap { endpoint in
                endpoint.fields.filter(\.isBreaking).map { "'\(endpoint.endpoint.signature)': \($0.summary)" }
            }
    }
}

/// One endpoint that appeared, disappeared, or whose parameters changed between two versions.
public struct EndpointChange: Sendable {
    public enum Kind: String, Sendable { case added, removed, changed }

    public let endpoint: Endpoint
    public let kind: Kind
    /// Empty for an added or removed endpoint.
    public let fields: [FieldChange]
}

/// One parameter row that appeared, disappeared or changed between two versions.
public struct FieldChange: Sendable {
    public enum Kind: String, Sendable { case added, removed, changed }

    public let kind: Kind
    public let direction: SampleDirection
    /// The row as it stands after the change (before it, for a removal).
    public let reference: ParameterReference
    public let before: ParameterDefinition?
    public let after: ParameterDefinition?

    public init(kind: Kind, direction: SampleDirection, reference: ParameterReference,
                before: ParameterDefinition?, after: ParameterDefinition?) {
        self.kind = kind
        self.direction = direction
        self.reference = reference
        self.before = before
        self.after = after
    }

    public var name: String { reference.name }
    public var location: ParameterLocation { (after ?? before)?.location ?? .body }

    /// What differs, as short phrases (`integer → number`, `now required`); empty unless changed.
    public var details: [String] {
        guard let before, let after else { return [] }
        return FieldDifferences.describe(before, after)
    }

    /// A client pinned at the old version breaks if it relies on what went away: a response
    /// field removed, retyped, made optional or nullable; a request field removed, retyped, or
    /// required where it was not (or added as required).
    public var isBreaking: Bool {
        switch (direction, kind) {
        case (.response, .removed), (.request, .removed): return true
        case (.response, .added): return false
        case (.request, .added): return after?.required ?? false
        case (.response, .changed):
            return before?.type != after?.type || (before?.required == true && after?.required == false)
                || (before?.nullable == false && after?.nullable == true)
        case (.request, .changed):
            return before?.type != after?.type || (before?.required == false && after?.required == true)
        }
    }

    public var summary: String {
        let subject = "\(direction.rawValue) \(location.rawValue) '\(name)'"
        switch kind {
        case .added: return "\(subject) added" + (after.map { " (\(TypeText.make($0))\($0.required ? ", required" : ""))" } ?? "")
        case .removed: return "\(subject) removed"
        case .changed: return "\(subject) changed: " + details.joined(separator: ", ")
        }
    }
}

extension APIModel {
    /// How one endpoint differs between two versions, or nil when it does not.
    public func change(of endpoint: Endpoint, from old: Microversion, to new: Microversion) -> EndpointChange? {
        Self.change(of: endpoint, before: snapshot(of: endpoint, at: old), after: snapshot(of: endpoint, at: new))
    }

    /// The change between two snapshots of `endpoint` (nil: it does not exist then).
    static func change(of endpoint: Endpoint, before: EndpointSnapshot?, after: EndpointSnapshot?) -> EndpointChange? {
        switch (before, after) {
        case (nil, nil):
            return nil
        case (nil, _?):
            return EndpointChange(endpoint: endpoint, kind: .added, fields: [])
        case (_?, nil):
            return EndpointChange(endpoint: endpoint, kind: .removed, fields: [])
        case (let before?, let after?):
            let fields = Self.fieldChanges(before, after)
            return fields.isEmpty ? nil : EndpointChange(endpoint: endpoint, kind: .changed, fields: fields)
        }
    }

    /// The difference between the API at `from` and at `to` (`from` is the base).
    public func diff(from: Microversion, to: Microversion) -> APIDiff {
        var added: [Endpoint] = [], removed: [Endpoint] = [], changed: [EndpointChange] = []
        for endpoint in endpoints {
            guard let change = change(of: endpoint, from: from, to: to) else { continue }
            switch change.kind {
            case .added: added.append(endpoint)
            case .removed: removed.append(endpoint)
            case .changed: changed.append(change)
            }
        }
        // Several operations may share one route (nova's `POST /servers/{id}/action`), so
        // endpoints are compared as blocks. A block replaced by another on the same route
        // (adjacent windows) reads as one changed endpoint.
        let addedByRoute = Dictionary(grouping: added, by: Self.routeKey)
        var replaced = Set<String>()
        for (route, olds) in Dictionary(grouping: removed, by: Self.routeKey) {
            guard olds.count == 1, let news = addedByRoute[route], news.count == 1, let old = olds.first, let new = news.first,
                  let before = snapshot(of: old, at: from), let after = snapshot(of: new, at: to) else { continue }
            replaced.insert(route)
            let fields = Self.fieldChanges(before, after)
            if !fields.isEmpty { changed.append(EndpointChange(endpoint: new, kind: .changed, fields: fields)) }
        }
        let order = Dictionary(endpoints.enumerated().map { ($1.page + "#" + $1.id, $0) }, uniquingKeysWith: { a, _ in a })
        changed.sort { (order[$0.endpoint.page + "#" + $0.endpoint.id] ?? 0) < (order[$1.endpoint.page + "#" + $1.endpoint.id] ?? 0) }
        return APIDiff(from: from, to: to,
                       addedEndpoints: added.filter { !replaced.contains(Self.routeKey($0)) },
                       removedEndpoints: removed.filter { !replaced.contains(Self.routeKey($0)) },
                       changedEndpoints: changed)
    }

    /// Method + path with placeholder names erased: the identity of a route across versions.
    static func routeKey(_ endpoint: Endpoint) -> String {
        endpoint.method + " " + DuplicateEndpoint.normalized(endpoint.path.value)
    }

    static func fieldChanges(_ before: EndpointSnapshot, _ after: EndpointSnapshot) -> [FieldChange] {
        fieldChanges(before.request, after.request, direction: .request)
            + fieldChanges(before.response, after.response, direction: .response)
    }

    /// Rows are matched by display name: a name whose definition differs changed, a name on
    /// one side only was added or removed. A name listed twice (one per version window) is
    /// compared through the row in force.
    private static func fieldChanges(_ before: [ResolvedParameter], _ after: [ResolvedParameter],
                                     direction: SampleDirection) -> [FieldChange] {
        // The usual case at a candidate version: this list did not change (the other did).
        // Definitions compare by identity first, so this costs a pass, not two dictionaries.
        if before == after { return [] }
        let old = Dictionary(before.map { ($0.reference.name, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { ($0.reference.name, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [FieldChange] = []
        for row in after {
            guard new[row.reference.name]?.reference == row.reference else { continue }
            if let previous = old[row.reference.name] {
                if previous.definition.key != row.definition.key
                    && !FieldDifferences.describe(previous.definition, row.definition).isEmpty {
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
}

enum FieldDifferences {
    /// What differs between two definitions of one field, as short phrases.
    static func describe(_ before: ParameterDefinition, _ after: ParameterDefinition) -> [String] {
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
        if result.isEmpty && before.description?.text != after.description?.text { result.append("description changed") }
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
