import Foundation

/// Parsed files by content, kept from one build to the next in `apiref serve`, so that a
/// rebuild parses only the files that changed. Parsing is a pure function of the text (and the
/// read limits, fixed for a session), so a cached result is the result.
///
/// Installed for a read with `ReadCache.$current.withValue(cache) { ... }`; without one (`check`,
/// `build`) every file is parsed. Entries not used by a build are dropped after it, least
/// recently used first, once they outnumber those it used: the cache holds about one
/// description's files and steps, not every version of them.
public final class ReadCache: @unchecked Sendable {
    @TaskLocal public static var current: ReadCache?

    /// A class, so that marking an entry used by this build does not store it again (which
    /// hashed its key again: a sample's whole text).
    final class Entry<Value> {
        let value: Value
        var generation: Int

        init(value: Value, generation: Int) {
            self.value = value
            self.generation = generation
        }
    }

    private let lock = NSLock()
    private var generation = 0
    private var yaml: [TextKey: Entry<YAMLNode>] = [:]
    private var rst: [TextKey: Entry<(lines: [RSTLine], blocks: [RSTBlock])>] = [:]
    /// Results of reading steps, by their keys (see `step`).
    private var steps: [AnyHashable: Entry<Any>] = [:]
    private var counts = (hits: 0, misses: 0)
    private var stepCounts = (kept: 0, made: 0, revised: 0)
    private var ruleCounts = (run: 0, kept: 0)

    public init() {}

    /// Files parsed and files taken from the cache by the last build.
    public var lastRun: (parsed: Int, reused: Int) { lock.withLock { (counts.misses, counts.hits) } }

    /// Reading steps redone and kept by the last build (see `step`).
    public var lastSteps: (made: Int, kept: Int) { lock.withLock { (stepCounts.made, stepCounts.kept) } }

    /// Of the steps the last build redid, those it brought up to date rather than made anew.
    public var lastRevisedSteps: Int { lock.withLock { stepCounts.revised } }

    /// A file whose parse a step kept (so it was not looked up here) counts as reused.
    func countReusedParse() {
        countReusedParses(1)
    }

    func countReusedParses(_ count: Int) {
        lock.withLock { counts.hits += count }
    }

    /// A file parsed without looking here (a sample not in the last load) counts as parsed.
    func countParse() {
        lock.withLock { counts.misses += 1 }
    }

    public func beginBuild() {
        lock.withLock {
            generation += 1
            counts = (0, 0)
            stepCounts = (0, 0, 0)
            ruleCounts = (0, 0)
        }
    }

    public func endBuild() {
        lock.withLock {
            dropUnused(\.yaml, name: "yaml")
            dropUnused(\.rst, name: "rst")
            dropUnused(\.steps, name: "steps")
        }
    }

    /// Removes the least recently used entries that this build did not use, beyond a bound
    /// of twice the most any build used (and a few hundred): a step kept whole does not look
    /// at the steps it was made of (a parameters file kept does not look up its descriptions),
    /// and those must outlive a run of builds that kept it, for the build that edits it. Only
    /// the removed keys are hashed again.
    private func dropUnused<Key: Hashable, Value>(_ table: ReferenceWritableKeyPath<ReadCache, [Key: Entry<Value>]>, name: String) {
        let entries = self[keyPath: table]
        let used = entries.values.count { $0.generation == generation }
        let peak = max(used, mostUsed[name, default: 0])
        mostUsed[name] = peak
        let excess = entries.count - (2 * peak + Self.spareEntries)
        guard excess > 0 else { return }
        let unused = entries.filter { $0.value.generation != generation }.sorted { $0.value.generation < $1.value.generation }
        for (key, _) in unused.prefix(excess) { self[keyPath: table].removeValue(forKey: key) }
    }

    private static let spareEntries = 512
    /// The most entries of each table one build used.
    private var mostUsed: [String: Int] = [:]

    /// The entry of `table` for `key`, or what `make` makes (kept unless nil). Parsing runs
    /// outside the lock.
    private func cached<Key: Hashable, Value, Failure: Error>(
        _ table: ReferenceWritableKeyPath<ReadCache, [Key: Entry<Value>]>, _ key: Key,
        make: () throws(Failure) -> Value?
    ) throws(Failure) -> Value? {
        let hit = lock.withLock { () -> Value? in
            guard let entry = self[keyPath: table][key] else { counts.misses += 1; return nil }
            counts.hits += 1
            entry.generation = generation
            return entry.value
        }
        if let hit { return hit }
        let value = try make()
        if let value { lock.withLock { self[keyPath: table][key] = Entry(value: value, generation: generation) } }
        return value
    }

    /// The YAML document of `text`, when it composed without error.
    func yaml(_ text: String, compose: () -> YAMLNode?) -> YAMLNode? {
        cached(\.yaml, TextKey(text), make: compose)
    }

    /// What `make` gives for `key`, made now or kept from an earlier build. For steps of reading
    /// that are pure functions of their key (with the session's read limits): the key holds
    /// every input (texts, or fingerprints of values made from texts), and its type names the
    /// step. `isValid` checks what the key cannot hold: inputs found only while making it.
    /// `revise` may bring a kept value that is no longer valid up to date for less than
    /// `make` costs (nil: it cannot); a revised value counts as made.
    func step<Key: Hashable, Value>(_ key: Key, isValid: (Value) -> Bool = { _ in true },
                                    revise: (Value) -> Value? = { _ in nil },
                                    make: () -> Value) -> Value {
        let key = AnyHashable(key)
        let hit = lock.withLock { () -> Value? in
            guard let entry = steps[key], let value = entry.value as? Value else { return nil }
            entry.generation = generation
            return value
        }
        if let hit, isValid(hit) {
            lock.withLock { stepCounts.kept += 1 }
            return hit
        }
        let revised = hit.flatMap(revise)
        let value = revised ?? make()
        lock.withLock {
            stepCounts.made += 1
            if revised != nil { stepCounts.revised += 1 }
            steps[key] = Entry(value: value, generation: generation)
        }
        return value
    }

    /// The value of the step of `key` kept from an earlier build, marked used by this one; nil
    /// when there is none. With `keep`, for a caller that makes what is missing itself, in
    /// bulk (across the cores) rather than one `step` at a time.
    /// `counting`: whether it counts as a step kept (not for a value kept to help make others).
    func kept<Key: Hashable, Value>(_ key: Key, as type: Value.Type = Value.self, counting: Bool = true) -> Value? {
        let key = AnyHashable(key)
        return lock.withLock { () -> Value? in
            guard let entry = steps[key], let value = entry.value as? Value else { return nil }
            entry.generation = generation
            if counting { stepCounts.kept += 1 }
            return value
        }
    }

    /// Keeps `value` as the step of `key`, made by this build (see `kept`).
    func keep<Key: Hashable, Value>(_ key: Key, _ value: Value, counting: Bool = true) {
        let key = AnyHashable(key)
        lock.withLock {
            if counting { stepCounts.made += 1 }
            steps[key] = Entry(value: value, generation: generation)
        }
    }

    /// `make`'s result for `key` when a cache is installed (`step`), else `make`'s result: the
    /// key is only computed when there is a cache to look in.
    static func memoized<Key: Hashable, Value>(_ key: @autoclosure () -> Key, isValid: (Value) -> Bool = { _ in true },
                                              revise: (Value) -> Value? = { _ in nil },
                                              make: () -> Value) -> Value {
        guard let cache = current else { return make() }
        return cache.step(key(), isValid: isValid, revise: revise, make: make)
    }

    /// `memoized` for a step that reports: `make` reports into a collector of its own, whose
    /// findings are kept with the result and reported into `collector` whether made or kept.
    static func memoized<Key: Hashable, Value>(_ key: @autoclosure () -> Key, reportingInto collector: DiagnosticCollector,
                                              make: (DiagnosticCollector) -> Value) -> Value {
        guard let cache = current else { return make(collector) }
        let (value, diagnostics) = cache.step(key()) { () -> (Value, [Diagnostic]) in
            let own = DiagnosticCollector()
            return (make(own), own.diagnostics)
        }
        collector.report(diagnostics)
        return value
    }

    /// What `make` made at the last build of the file named by `key`, when that had the same
    /// bytes (compared in place: an unchanged file's are most often the very same buffer);
    /// else `make`'s result, kept for the next build. Not counted as a reading step.
    func keptWhileSameBytes<Key: Hashable, Value>(_ key: Key, _ bytes: [UInt8], make: () -> Value?) -> Value? {
        if let kept = kept(key, as: (bytes: [UInt8], value: Value).self, counting: false),
           TextKey.sameBytes(kept.bytes, bytes) {
            return kept.value
        }
        guard let value = make() else { return nil }
        keep(key, (bytes: bytes, value: value), counting: false)
        return value
    }

    /// A model rule's findings for `key`, kept from an earlier build or found now (not counted
    /// as reading steps: see `lastRules`).
    func findings(_ key: RuleStep, check: () -> [Diagnostic]) -> [Diagnostic] {
        if let kept = kept(key, as: [Diagnostic].self, counting: false) {
            lock.withLock { ruleCounts.kept += 1 }
            return kept
        }
        let found = check()
        keep(key, found, counting: false)
        lock.withLock { ruleCounts.run += 1 }
        return found
    }

    /// Of the model rules that declare their inputs, those the last build ran and those whose
    /// findings it kept.
    public var lastRules: (run: Int, kept: Int) { lock.withLock { (ruleCounts.run, ruleCounts.kept) } }

    /// The lines and blocks of an RST file.
    func rst(_ text: TextKey, parse: () -> (lines: [RSTLine], blocks: [RSTBlock])) -> (lines: [RSTLine], blocks: [RSTBlock]) {
        cached(\.rst, text) { parse() }!
    }
}

/// A text as part of a cache key: hashed and compared by its UTF-8 bytes, hashed once when
/// made (a page's text is in the keys of several steps). `String` hashes by canonical
/// equivalence, normalizing non-ASCII text on every hash (nova's pages hold some), and would
/// take two differently normalized texts, whose positions differ, for one.
struct TextKey: Hashable, Sendable {
    let text: String
    private let hash: Int

    init(_ text: String) {
        var text = text
        var hasher = Hasher()
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        self.text = text
        hash = hasher.finalize()
    }

    static func == (left: TextKey, right: TextKey) -> Bool {
        guard left.hash == right.hash, left.text.utf8.count == right.text.utf8.count else { return false }
        var (a, b) = (left.text, right.text)
        return a.withUTF8 { a in
            b.withUTF8 { b in a.baseAddress == b.baseAddress || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        }
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    /// The two texts have the same bytes: compared in place, at once when they share storage.
    static func sameBytes(_ left: Substring, _ right: Substring) -> Bool {
        let (a, b) = (left.utf8, right.utf8)
        guard a.count == b.count else { return false }
        let compared = a.withContiguousStorageIfAvailable { a in
            b.withContiguousStorageIfAvailable { b in
                a.isEmpty || a.baseAddress == b.baseAddress || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
            }
        }
        return (compared ?? nil) ?? a.elementsEqual(b)
    }

    /// The two byte arrays are equal: compared in place, at once when they share storage.
    static func sameBytes(_ left: [UInt8], _ right: [UInt8]) -> Bool {
        guard left.count == right.count else { return false }
        guard !left.isEmpty else { return true }
        return left.withUnsafeBufferPointer { a in
            right.withUnsafeBufferPointer { b in a.baseAddress == b.baseAddress || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        }
    }
}
