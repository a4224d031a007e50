/// The whole description as read: immutable, built by a reader, only read afterwards.
public struct APIModel: Sendable {
    public let project: Project
    /// In file order.
    public let definitions: [ParameterDefinition]
    public let pages: [Page]
    /// Every sample file found under the root or referenced, by relative path.
    public let samples: [String: SampleDocument]
    /// The text of every file read, for excerpts in diagnostics.
    public let sources: SourceStore
    /// False when a parameters file could not be read or parsed at all. Its definitions are
    /// then unknown, not absent: references and samples are not checked against the table,
    /// so that one broken file gives its own diagnostic rather than one per reference.
    public let definitionsAreComplete: Bool

    /// Every page's endpoints, in order (kept: rules ask for them again and again).
    public let endpoints: [Endpoint]
    private let definitionIndex: [String: Int]

    public init(project: Project, definitions: [ParameterDefinition], pages: [Page],
                samples: [String: SampleDocument], sources: SourceStore, definitionsAreComplete: Bool = true) {
        self.project = project
        self.definitionsAreComplete = definitionsAreComplete
        self.definitions = definitions
        self.pages = pages
        self.endpoints = pages.flatMap(\.endpoints)
        self.samples = samples
        self.sources = sources
        var index: [String: Int] = [:]
        index.reserveCapacity(definitions.count)
        for (position, definition) in definitions.enumerated() where index[definition.key] == nil {
            index[definition.key] = position
        }
        self.definitionIndex = index
    }

    public func definition(_ key: String) -> ParameterDefinition? {
        definitionIndex[key].map { definitions[$0] }
    }

    /// Where in `definitions` the definition of `key` is (the first of that key).
    public func definitionPosition(_ key: String) -> Int? {
        definitionIndex[key]
    }

    /// The endpoint's window with open bounds filled from the API's range.
    public func window(of endpoint: Endpoint) -> VersionRange {
        endpoint.versions.bounded(by: project.versions)
    }

    /// The definition's window with open bounds filled from the API's range.
    public func window(of definition: ParameterDefinition) -> VersionRange {
        definition.versions.bounded(by: project.versions)
    }

    /// Every microversion of the API, oldest first. Minor numbers run within the project's
    /// major version(s); a range spanning majors lists each major's minors up to the max seen.
    public var allVersions: [Microversion] {
        let low = project.minVersion, high = project.maxVersion
        guard low <= high else { return [] }
        if low.major == high.major {
            return (low.minor...high.minor).map { Microversion(low.major, $0) }
        }
        // Across majors the minors in between are unknown: list the bounds and the versions
        // anything in the description names.
        var named = Set([low, high])
        for definition in definitions {
            if let v = definition.versions.min { named.insert(v) }
            if let v = definition.versions.max { named.insert(v) }
        }
        for endpoint in endpoints {
            if let v = endpoint.versions.min { named.insert(v) }
            if let v = endpoint.versions.max { named.insert(v) }
        }
        return named.filter { project.versions.contains($0) }.sorted()
    }
}

/// The text of the files a reader read, by relative path.
public struct SourceStore: Sendable {
    private var files: [String: SourceFile] = [:]

    public init() {}

    public mutating func add(_ file: SourceFile) { files[file.path] = file }

    public mutating func add(contentsOf other: SourceStore) {
        if files.isEmpty { files = other.files } else { files.merge(other.files) { _, new in new } }
    }

    public subscript(path: String) -> SourceFile? { files[path] }

    public var paths: [String] { files.keys.sorted() }

    /// `paths` in no particular order, for callers that do not need one (sorting nova's
    /// ~1,100 paths is a millisecond).
    public var unorderedPaths: some Collection<String> { files.keys }
}
