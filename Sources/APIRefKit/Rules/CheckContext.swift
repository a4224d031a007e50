/// What model rules see: the model, plus analyses shared by several rules, computed once.
public final class CheckContext {
    public let model: APIModel
    /// Every `.json` file found under the description root.
    public let discoveredSamples: [String]

    public init(model: APIModel, discoveredSamples: [String]) {
        self.model = model
        self.discoveredSamples = discoveredSamples
    }

    /// Every sample checked against its endpoint at its microversion.
    public private(set) lazy var sampleFindings: [SampleFinding] = SampleConformance.analyze(model)

    func findings(_ matching: (SampleFinding.Kind) -> Bool) -> [SampleFinding] {
        sampleFindings.filter { matching($0.kind) }
    }
}
