import Foundation

/// Parsed files by content, kept from one build to the next in `apiref serve`, so that a
/// rebuild parses only the files that changed. Parsing is a pure function of the text (and the
/// read limits, fixed for a session), so a cached result is the result.
///
/// Installed for a read with `ReadCache.$current.withValue(cache) { ... }`; without one (`check`,
/// `build`) every file is parsed. Entries not used by a build are dropped after it, so the cache
/// holds one description's files, not every version of them.
public final class ReadCache: @unchecked Sendable {
    @TaskLocal public static var current: ReadCache?

    struct Entry<Value> {
        var value: Value
        var generation: Int
    }

    private let lock = NSLock()
    private var generation = 0
    private var json: [[UInt8]: Entry<JSONValue>] = [:]
    private var yaml: [String: Entry<YAMLNode>] = [:]
    private var rst: [String: Entry<(lines: [RSTLine], blocks: [RSTBlock])>] = [:]
    private var counts = (hits: 0, misses: 0)

    public init() {}

    /// Files parsed and files taken from the cache by the last build.
    public var lastRun: (parsed: Int, reused: Int) { lock.withLock { (counts.misses, counts.hits) } }

    public func beginBuild() {
        lock.withLock {
            generation += 1
            counts = (0, 0)
        }
    }

    public func endBuild() {
        lock.withLock {
            json = json.filter { $0.value.generation == generation }
            yaml = yaml.filter { $0.value.generation == generation }
            rst = rst.filter { $0.value.generation == generation }
        }
    }

    /// The entry of `table` for `key`, or what `make` makes (kept unless nil). Parsing runs
    /// outside the lock.
    private func cached<Key: Hashable, Value, Failure: Error>(
        _ table: ReferenceWritableKeyPath<ReadCache, [Key: Entry<Value>]>, _ key: Key,
        make: () throws(Failure) -> Value?
    ) throws(Failure) -> Value? {
        let hit = lock.withLock { () -> Value? in
            guard var entry = self[keyPath: table][key] else { counts.misses += 1; return nil }
            counts.hits += 1
            entry.generation = generation
            self[keyPath: table][key] = entry
            return entry.value
        }
        if let hit { return hit }
        let value = try make()
        if let value { lock.withLock { self[keyPath: table][key] = Entry(value: value, generation: generation) } }
        return value
    }

    /// The JSON value of `bytes`; errors are not cached (they are rare and carry positions).
    func json<Failure: Error>(_ bytes: [UInt8], parse: () throws(Failure) -> JSONValue) throws(Failure) -> JSONValue {
        // `parse` never gives nil, so neither does the lookup.
        try cached(\.json, bytes) { () throws(Failure) -> JSONValue? in try parse() }!
    }

    /// The YAML document of `text`, when it composed without error.
    func yaml(_ text: String, compose: () -> YAMLNode?) -> YAMLNode? {
        cached(\.yaml, text, make: compose)
    }

    /// The lines and blocks of an RST file.
    func rst(_ text: String, parse: () -> (lines: [RSTLine], blocks: [RSTBlock])) -> (lines: [RSTLine], blocks: [RSTBlock]) {
        cached(\.rst, text) { parse() }!
    }
}
