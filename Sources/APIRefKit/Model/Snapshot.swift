/// A parameter reference resolved to the definition that applies at one microversion.
public struct ResolvedParameter: Sendable, Hashable {
    public let reference: ParameterReference
    public let definition: ParameterDefinition
}

/// One endpoint exactly as it stands at one microversion.
public struct EndpointSnapshot: Sendable {
    public let endpoint: Endpoint
    public let version: Microversion
    public let request: [ResolvedParameter]
    public let response: [ResolvedParameter]

    public func parameters(_ direction: SampleDirection) -> [ResolvedParameter] {
        direction == .request ? request : response
    }
}

extension APIModel {
    /// The API at microversion `version`: the endpoints that exist then, each with the request
    /// and response parameters whose definitions are in window. References to undefined keys
    /// are left out (they are reported by their own rule).
    public func snapshot(at version: Microversion) -> [EndpointSnapshot] {
        endpoints.compactMap { snapshot(of: $0, at: version) }
    }

    public func snapshot(of endpoint: Endpoint, at version: Microversion) -> EndpointSnapshot? {
        guard window(of: endpoint).contains(version) else { return nil }
        return EndpointSnapshot(
            endpoint: endpoint,
            version: version,
            request: resolve(endpoint.request, at: version),
            response: resolve(endpoint.response, at: version)
        )
    }

    func resolve(_ references: [ParameterReference], at version: Microversion) -> [ResolvedParameter] {
        references.compactMap { reference in
            guard let definition = definition(reference.key),
                  window(of: definition).contains(version)
            else { return nil }
            return ResolvedParameter(reference: reference, definition: definition)
        }
    }
}
