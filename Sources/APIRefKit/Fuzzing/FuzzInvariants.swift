/// What must hold whatever the input; each failure traps, which the fuzzer reports as a crash.
enum FuzzInvariants {
    // MARK: Diagnostics

    static func checkLocated(_ diagnostic: Diagnostic, sources: SourceStore) {
        let label = "\(diagnostic.code) \(diagnostic.range) \(diagnostic.message)"
        precondition(!diagnostic.code.isEmpty && !diagnostic.message.isEmpty, "a diagnostic without code or message: \(label)")
        checkRange(diagnostic.range, sources: sources, label: label)
        for note in diagnostic.notes {
            precondition(!note.message.isEmpty, "a note without a message: \(label)")
            if let range = note.range { checkRange(range, sources: sources, label: "note of \(label)") }
        }
    }

    /// What a reader-level harness checks: the diagnostics as `checkLocated`, the ranges the
    /// reader recorded in the model likewise, and the human writer renders the diagnostics.
    static func checkRead(_ diagnostics: [Diagnostic], ranges: [SourceRange], sources: SourceStore) {
        for diagnostic in diagnostics { checkLocated(diagnostic, sources: sources) }
        for range in ranges {
            precondition(sources[range.file] != nil, "a recorded range in a file that was not read: \(range)")
            checkRange(range, sources: sources, label: "a range the reader recorded")
        }
        let rendered = HumanWriter(sources: sources, pathPrefix: "", color: false).write(DiagnosticEngine(diagnostics))
        precondition(diagnostics.isEmpty || !rendered.isEmpty, "diagnostics rendered as nothing")
    }

    private static func checkRange(_ range: SourceRange, sources: SourceStore, label: String) {
        precondition(range.start.line >= 1 && range.start.column >= 1, "located before 1:1: \(label)")
        precondition(range.end >= range.start, "a range that ends before it starts: \(label)")
        if let file = sources[range.file] {
            precondition(range.start.line <= file.lineCount,
                         "located on line \(range.start.line) of a file of \(file.lineCount) lines: \(label)")
        }
    }

    // MARK: JSON

    /// The most lines a JSON text can have: the reader counts LF, CR LF and lone CR.
    private static func lineCount(_ data: [UInt8]) -> Int {
        var lines = 1
        for (index, byte) in data.enumerated() {
            if byte == 0x0A || (byte == 0x0D && (index + 1 == data.count || data[index + 1] != 0x0A)) { lines += 1 }
        }
        return lines
    }

    static func checkJSONError(_ error: JSONSyntaxError, in data: [UInt8]) {
        precondition(!error.message.isEmpty, "a JSON error without a message")
        precondition(error.location.line >= 1 && error.location.column >= 1, "a JSON error before 1:1: \(error)")
        precondition(error.location.line <= lineCount(data), "a JSON error past the last line: \(error)")
        precondition(error.location.column <= data.count + 1, "a JSON error past the end of its line: \(error)")
    }

    /// Spans are ordered and inside the text, nesting stays within the limit, and the text
    /// read through the `String` entry point gives the same value.
    static func checkJSONValue(_ value: JSONValue, in data: [UInt8]) {
        precondition(String(validating: data, as: UTF8.self) != nil, "accepted JSON that is not UTF-8")
        let lines = lineCount(data)
        var pending: [(JSONValue, depth: Int)] = [(value, 0)]
        var previousStart = SourceLocation(line: 1, column: 1)
        while let (node, depth) = pending.popLast() {
            precondition(node.span.start.line >= 1 && node.span.start.column >= 1, "a JSON span before 1:1")
            precondition(node.span.end >= node.span.start && node.span.end.line <= lines, "a JSON span out of order or past the end")
            precondition(node.span.start >= previousStart || depth == 0, "JSON spans out of document order")
            previousStart = node.span.start
            switch node.kind {
            case .array(let elements):
                precondition(depth < JSONReader.defaultMaxDepth, "JSON nested deeper than the limit")
                pending += elements.reversed().map { ($0, depth + 1) }
            case .object(let members):
                precondition(depth < JSONReader.defaultMaxDepth, "JSON nested deeper than the limit")
                for member in members {
                    precondition(member.keySpan.end <= member.value.span.start, "a JSON key after its value")
                }
                pending += members.reversed().map { ($0.value, depth + 1) }
            case .number(let number):
                precondition(!number.literal.isEmpty, "an empty JSON number")
            default:
                break
            }
        }
        let text = String(decoding: data, as: UTF8.self)
        precondition((try? JSONReader.parse(text)) == value, "bytes and String parse differently")
    }

    // MARK: Microversions

    /// Parses `text` and checks it against the grammar `DIGITS{1,9} "." DIGITS{1,9}`; a parsed
    /// version prints as text that parses back to it.
    static func checkMicroversion(_ text: String) -> Microversion? {
        let parsed = Microversion(text)
        let expected = grammarParse(Array(text.utf8))
        precondition(parsed?.major == expected?.major && parsed?.minor == expected?.minor,
                     "Microversion('\(text)') is \(parsed.map(\.description) ?? "nil"), the grammar says \(expected.map { "\($0.major).\($0.minor)" } ?? "nil")")
        guard let version = parsed else { return nil }
        precondition(version.major >= 0 && version.minor >= 0, "a negative microversion from '\(text)'")
        precondition(Microversion(version.description) == version, "'\(version)' does not parse back to itself")
        precondition(Microversion(Substring(version.description)) == version, "'\(version)' as a substring differs")
        return version
    }

    private static func grammarParse(_ bytes: [UInt8]) -> (major: Int, minor: Int)? {
        guard let dot = bytes.firstIndex(of: 0x2E) else { return nil }
        func number(_ part: ArraySlice<UInt8>) -> Int? {
            guard (1...9).contains(part.count), part.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            return part.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        }
        guard let major = number(bytes[..<dot]), let minor = number(bytes[(dot + 1)...]) else { return nil }
        return (major, minor)
    }

    static func checkOrdering(_ a: Microversion, _ b: Microversion) {
        let byParts = (a.major, a.minor) < (b.major, b.minor)
        precondition((a < b) == byParts, "\(a) < \(b) disagrees with (major, minor)")
        precondition((a == b) == (a.major == b.major && a.minor == b.minor), "\(a) == \(b) disagrees with (major, minor)")
        precondition([a < b, a == b, a > b].filter { $0 }.count == 1, "\(a) and \(b) are not totally ordered")
        precondition(a != b || a.hashValue == b.hashValue, "equal versions hash differently")
    }

    static func checkRange(min: Microversion, max: Microversion, probe: Microversion) {
        let range = VersionRange(min: min, max: max)
        precondition(range.contains(probe) == (min <= probe && probe <= max), "\(range) contains \(probe) wrongly")
        precondition(range.isEmpty == (min > max), "\(range).isEmpty is wrong")
        let other = VersionRange(min: probe, max: nil)
        precondition(range.overlaps(other) == other.overlaps(range) || range.isEmpty, "overlaps is not symmetric")
        precondition(VersionRange.unbounded.contains(range), "the unbounded range does not contain \(range)")
        precondition(range.bounded(by: .unbounded) == range, "bounding by all versions changed \(range)")
    }

    /// What the block composer composes, libyaml composes the same (marks, styles, alias
    /// costs); what it gives up is libyaml's alone (`YAMLBlockComposer`).
    static func checkBlockComposer(_ data: [UInt8]) {
        guard let text = String(validating: data, as: UTF8.self) else { return }
        let fastBudget = YAMLAliasBudget(limit: 10_000), slowBudget = YAMLAliasBudget(limit: 10_000)
        guard let fast = YAMLBlockComposer.compose(text, limits: .default, aliasBudget: fastBudget) else {
            precondition(fastBudget.remaining == 10_000, "the block composer charged aliases of a text it gave up")
            return
        }
        let slow = try? YAMLComposer.compose(text, limits: .default, aliasBudget: slowBudget, blockComposer: false)
        precondition(slow != nil, "the block composer composed a text libyaml refuses")
        precondition(fast.outline == slow?.outline, "the block composer and libyaml differ:\n\(fast.outline)\n\(slow?.outline ?? "")")
        precondition(fastBudget.remaining == slowBudget.remaining, "the block composer and libyaml charge different alias costs")
    }
}
