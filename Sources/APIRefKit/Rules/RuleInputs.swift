/// What of the model a model rule's check reads, declared with the rule (`Rule.inputs`):
/// `serve` keeps the rule's findings while all of it reads as at the last rebuild, so that a
/// description edit does not run every whole-model rule again. A rule that reads anything
/// else (the sample analysis, say) declares no inputs and runs at every rebuild.
public struct RuleInputs: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Every field of every definition but its description (ranges included), and whether
    /// the definitions are complete (`APIModel.definitionsAreComplete`).
    public static let definitions = RuleInputs(rawValue: 1 << 0)
    /// Every field of every endpoint: its route, window, parameter lists, sample references.
    public static let endpoints = RuleInputs(rawValue: 1 << 1)
    /// The contents of the samples the endpoints show (known only from a reader that gives
    /// fingerprints; without them a rule reading this runs every time).
    public static let sampleContents = RuleInputs(rawValue: 1 << 2)
    /// The project's settings, the API's version range among them (`APIModel.window(of:)`).
    public static let project = RuleInputs(rawValue: 1 << 3)
    /// Each page's path, links and anchors.
    public static let pageLinks = RuleInputs(rawValue: 1 << 4)
    /// Which sample files the endpoints name and which were found on disk.
    public static let sampleFiles = RuleInputs(rawValue: 1 << 5)

    /// What the samples' walk against their endpoints found (`CheckContext.sampleFindings`),
    /// by a fingerprint of what it walked (known only from a reader that gives fingerprints).
    public static let sampleFindings = RuleInputs(rawValue: 1 << 6)

    static let allParts: [RuleInputs] = [.definitions, .endpoints, .sampleContents, .project, .pageLinks, .sampleFiles, .sampleFindings]
}

extension CheckContext {
    /// One hash of the parts `inputs` names, or nil when one of them cannot be told.
    func fingerprint(ofAll inputs: RuleInputs) -> Int? {
        var hasher = Hasher()
        for part in RuleInputs.allParts where inputs.contains(part) {
            guard let value = self.part(part) else { return nil }
            hasher.combine(part.rawValue)
            hasher.combine(value)
        }
        return hasher.finalize()
    }

    /// The fingerprint of one part of the model (see `RuleInputs`); nil when it cannot be told.
    func fingerprint(of part: RuleInputs) -> Int? {
        var hasher = Hasher()
        switch part {
        case .definitions:
            hasher.combine(model.definitionsAreComplete)
            hasher.combine(model.definitions.count)
            // Kept in each definition's box: unchanged definitions are not hashed again.
            for definition in model.definitions { hasher.combine(definition.hashValueWithoutDescription) }
        case .endpoints:
            hasher.combine(model.endpoints.count)
            for endpoint in model.endpoints { hasher.combine(endpoint) }
        case .sampleContents:
            guard let fingerprints else { return nil }
            hasher.combine(fingerprints.endpoints)
        case .project:
            hasher.combine(model.project)
        case .pageLinks:
            for page in model.pages {
                hasher.combine(page.path)
                hasher.combine(page.links)
                hasher.combine(page.anchors)
            }
        case .sampleFiles:
            // The samples' paths in any order (a dictionary's keys come in no fixed order).
            var named = 0
            for path in model.samples.keys { named &+= path.hashValue }
            hasher.combine(model.samples.count)
            hasher.combine(named)
            hasher.combine(discoveredSamples)
        case .sampleFindings:
            guard let fingerprint = sampleFindingsFingerprint else { return nil }
            hasher.combine(fingerprint)
        default:
            return nil
        }
        return hasher.finalize()
    }
}
