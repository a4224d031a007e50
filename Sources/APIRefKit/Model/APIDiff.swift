/// What changed in the API between two microversions, derived from the description alone.
/// Used by `apiref diff`, the history page and the release-note Markdown.
public struct APIDiff: Sendable {
    public let from: Microversion
    public let to: Microversion
    public let addedEndpoints: [Endpoint]
    public let removedEndpoints: [Endpoint]
    public let changedEndpoints: [EndpointDiff]

    public var isEmpty: Bool { addedEndpoints.isEmpty && removedEndpoints.isEmpty && changedEndpoints.isEmpty }

    /// Changes that break a client written against `from` when it moves to `to`.
    public var breakingChanges: [String] {
        removedEndpoints.map { "endpoint '\($0.signature)' is removed" }
            + changedEndpoints.flatMap { endpoint in
                endpoint.changes.filter(\.isBreaking).map { "'\(endpoint.endpoint.signature)': \($0.summary)" }
            }
    }
}

public struct EndpointDiff: Sendable {
    public let endpoint: Endpoint
    public let changes: [FieldChange]
}

/// One parameter that appeared, disappeared or changed between two versions.
public struct FieldChange: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case added
        case removed
        /// What differs, e.g. ["type integer -> number", "now required"].
        case changed([String])
    }

    public let direction: SampleDirection
    public let location: ParameterLocation
    public let name: String
    public let kind: Kind
    public let old: ParameterDefinition?
    public let new: ParameterDefinition?

    /// A client pinned at the old version breaks if it relies on what went away: a response
    /// field removed, retyped or made optional; a request field removed, retyped, or required
    /// where it was not (or added as required).
    public var isBreaking: Bool {
        switch (direction, kind) {
        case (.response, .removed): return true
        case (.response, .added): return false
        case (.request, .removed): return true
        case (.request, .added): return new?.required ?? false
        case (.response, .changed): return old?.type != new?.type || (old?.required == true && new?.required == false)
            || (old?.nullable == false && new?.nullable == true)
        case (.request, .changed): return old?.type != new?.type || (old?.required == false && new?.required == true)
        }
    }

    public var summary: String {
        let subject = "\(direction.rawValue) \(location.rawValue) '\(name)'"
        switch kind {
        case .added: return "\(subject) added" + (new.map { " (\($0.type.rawValue)\($0.required ? ", required" : ""))" } ?? "")
        case .removed: return "\(subject) removed"
        case .changed(let details): return "\(subject) changed: " + details.joined(separator: ", ")
        }
    }
}

extension APIModel {
    /// The difference between the API at `from` and at `to` (either order; `from` is the base).
    public func diff(from: Microversion, to: Microversion) -> APIDiff {
        // Endpoints are matched by identity (page and id): several operations may share one
        // route (nova's `POST /servers/{id}/action`). An endpoint replaced by another block on
        // the same route (adjacent windows) is then matched by route, as a change.
        let before = Dictionary(snapshot(at: from).map { (Self.identity($0.endpoint), $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(snapshot(at: to).map { (Self.identity($0.endpoint), $0) }, uniquingKeysWith: { a, _ in a })
        var added: [EndpointSnapshot] = [], removed: [EndpointSnapshot] = [], changed: [EndpointDiff] = []
        var visited = Set<String>()
        for endpoint in endpoints {
            let key = Self.identity(endpoint)
            guard visited.insert(key).inserted else { continue }
            switch (before[key], after[key]) {
            case (nil, let new?): added.append(new)
            case (let old?, nil): removed.append(old)
            case (let old?, let new?):
                let changes = Self.fieldChanges(old, new, .request) + Self.fieldChanges(old, new, .response)
                if !changes.isEmpty { changed.append(EndpointDiff(endpoint: new.endpoint, changes: changes)) }
            case (nil, nil): break
            }
        }
        let addedRoutes = Dictionary(grouping: added) { Self.routeKey($0.endpoint) }
        let removedRoutes = Dictionary(grouping: removed) { Self.routeKey($0.endpoint) }
        var replaced = Set<String>()
        for (route, olds) in removedRoutes {
            guard olds.count == 1, let news = addedRoutes[route], news.count == 1, let old = olds.first, let new = news.first
            else { continue }
            replaced.insert(route)
            let changes = Self.fieldChanges(old, new, .request) + Self.fieldChanges(old, new, .response)
            if !changes.isEmpty { changed.append(EndpointDiff(endpoint: new.endpoint, changes: changes)) }
        }
        let order = Dictionary(endpoints.enumerated().map { (Self.identity($1), $0) }, uniquingKeysWith: { a, _ in a })
        changed.sort { (order[Self.identity($0.endpoint)] ?? 0) < (order[Self.identity($1.endpoint)] ?? 0) }
        return APIDiff(from: from, to: to,
                       addedEndpoints: added.filter { !replaced.contains(Self.routeKey($0.endpoint)) }.map(\.endpoint),
                       removedEndpoints: removed.filter { !replaced.contains(Self.routeKey($0.endpoint)) }.map(\.endpoint),
                       changedEndpoints: changed)
    }

    static func identity(_ endpoint: Endpoint) -> String { endpoint.page + "#" + endpoint.id }

    /// Method + path with placeholder names erased: the identity of a route across versions.
    static func routeKey(_ endpoint: Endpoint) -> String {
        endpoint.method + " " + DuplicateEndpoint.normalized(endpoint.path.value)
    }

    private static func fieldChanges(_ old: EndpointSnapshot, _ new: EndpointSnapshot,
                                     _ direction: SampleDirection) -> [FieldChange] {
        func index(_ parameters: [ResolvedParameter]) -> [String: ResolvedParameter] {
            Dictionary(parameters.map { ("\($0.definition.location.rawValue) \($0.reference.name)", $0) },
                       uniquingKeysWith: { a, _ in a })
        }
        let oldParameters = old.parameters(direction), newParameters = new.parameters(direction)
        let before = index(oldParameters), after = index(newParameters)
        var changes: [FieldChange] = []
        for parameter in newParameters {
            let key = "\(parameter.definition.location.rawValue) \(parameter.reference.name)"
            guard let previous = before[key] else {
                changes.append(FieldChange(direction: direction, location: parameter.definition.location,
                                           name: parameter.reference.name, kind: .added, old: nil, new: parameter.definition))
                continue
            }
            let details = differences(previous.definition, parameter.definition)
            if !details.isEmpty {
                changes.append(FieldChange(direction: direction, location: parameter.definition.location,
                                           name: parameter.reference.name, kind: .changed(details),
                                           old: previous.definition, new: parameter.definition))
            }
        }
        for parameter in oldParameters where after["\(parameter.definition.location.rawValue) \(parameter.reference.name)"] == nil {
            changes.append(FieldChange(direction: direction, location: parameter.definition.location,
                                       name: parameter.reference.name, kind: .removed, old: parameter.definition, new: nil))
        }
        return changes
    }

    private static func differences(_ old: ParameterDefinition, _ new: ParameterDefinition) -> [String] {
        var details: [String] = []
        if old.type != new.type { details.append("type \(old.type.rawValue) -> \(new.type.rawValue)") }
        if old.required != new.required { details.append(new.required ? "now required" : "now optional") }
        if old.nullable != new.nullable { details.append(new.nullable ? "now nullable" : "no longer nullable") }
        if old.items != new.items {
            details.append("items \(old.items?.rawValue ?? "any") -> \(new.items?.rawValue ?? "any")")
        }
        if old.enumValues != new.enumValues { details.append("allowed values changed") }
        return details
    }
}
