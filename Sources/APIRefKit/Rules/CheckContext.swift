/// What model rules see: the model, plus analyses shared by several rules, computed once.
public final class CheckContext {
    public let model: APIModel
    /// Every `.json` file found under the description root.
    public let discoveredSamples: [String]

    /// What the model was made from, when the reader knows (lets `serve` keep analyses).
    let fingerprints: ContentFingerprints?

    public init(model: APIModel, discoveredSamples: [String]) {
        self.model = model
        self.discoveredSamples = discoveredSamples
        fingerprints = nil
    }

    init(model: APIModel, discoveredSamples: [String], fingerprints: ContentFingerprints?) {
        self.model = model
        self.discoveredSamples = discoveredSamples
        self.fingerprints = fingerprints
    }

    /// Every sample checked against its endpoint at its microversion.
    public private(set) lazy var sampleFindings: [SampleFinding] = SampleConformance.analyze(model, fingerprints: fingerprints)

    func findings(_ matching: (SampleFinding.Kind) -> Bool) -> [SampleFinding] {
        sampleFindings.filter { matching($0.kind) }
    }
}
