import Foundation

/// What model rules see: the model, plus analyses shared by several rules, computed once.
public final class CheckContext {
    public let model: APIModel
    /// Every `.json` file found under the description root.
    public let discoveredSamples: [String]

    /// What the model was made from, when the reader knows (lets `serve` keep analyses).
    let fingerprints: ContentFingerprints?

    /// The definition each parameter of each endpoint names (nil: none), in model order:
    /// looked up once for the rules, which ask for them ~40,000 times on nova.
    public let definitions: [EndpointDefinitions]

    /// What one endpoint's parameter lists name, item for item.
    public struct EndpointDefinitions: Sendable {
        public let request: [ParameterDefinition?]
        public let response: [ParameterDefinition?]
        /// Where in the model's definitions each named one is, request items first.
        public let positions: [Int]
    }

    public convenience init(model: APIModel, discoveredSamples: [String]) {
        self.init(model: model, discoveredSamples: discoveredSamples, fingerprints: nil)
    }

    init(model: APIModel, discoveredSamples: [String], fingerprints: ContentFingerprints?) {
        self.model = model
        self.discoveredSamples = discoveredSamples
        self.fingerprints = fingerprints
        let endpoints = model.endpoints
        definitions = Parallel.map(endpoints.count) { index in
            let request = endpoints[index].request.map { model.definitionPosition($0.key) }
            let response = endpoints[index].response.map { model.definitionPosition($0.key) }
            return EndpointDefinitions(request: request.map { $0.map { model.definitions[$0] } },
                                       response: response.map { $0.map { model.definitions[$0] } },
                                       positions: (request + response).compactMap { $0 })
        }
    }

    /// Every sample checked against its endpoint at its microversion.
    public var sampleFindings: [SampleFinding] { sampleAnalysis.findings }

    /// With the reader's fingerprints, one of everything the sample findings were found from.
    var sampleFindingsFingerprint: Int? { sampleAnalysis.fingerprint }

    /// With `serve`'s cache, kept whole while the endpoints (samples included), the
    /// definitions but their descriptions and the versions are those of the last build (after
    /// a description edit); else each endpoint's findings are kept or found (`analyze`).
    private lazy var sampleAnalysis: (findings: [SampleFinding], fingerprint: Int?) = {
        guard let cache = ReadCache.current, let fingerprints, let definitions = part(.definitions) else {
            return SampleConformance.analyze(model, definitions: self.definitions, fingerprints: fingerprints)
        }
        let step = SampleAnalysisStep(endpoints: fingerprints.endpoints, definitions: definitions, versions: model.project.versions)
        return cache.step(step) { SampleConformance.analyze(model, definitions: self.definitions, fingerprints: fingerprints) }
    }()

    private let partsLock = NSLock()
    private var parts: [RuleInputs: Int?] = [:]

    /// `fingerprint(of:)` of one part, worked out once per build.
    func part(_ part: RuleInputs) -> Int? {
        if let known = partsLock.withLock({ parts[part] }) { return known }
        let value = fingerprint(of: part)
        partsLock.withLock { parts[part] = value }
        return value
    }

    func findings(_ matching: (SampleFinding.Kind) -> Bool) -> [SampleFinding] {
        sampleFindings.filter { matching($0.kind) }
    }
}

/// Every endpoint's sample findings at once (`CheckContext.sampleFindings`).
private struct SampleAnalysisStep: Hashable {
    let endpoints: [Int]
    let definitions: Int
    let versions: VersionRange
}
