import XCTest
@testable import APIRefKit

/// The YAML composer over libyaml's events: what it builds, and what hostile input it refuses
/// (with the position and the limit), quickly and without recursion.
final class YAMLComposerTests: XCTestCase {
    private func compose(_ text: String, limits: ReadLimits = .default) -> Result<YAMLNode, YAMLComposeError> {
        Result { () throws(YAMLComposeError) in try YAMLComposer.compose(text, limits: limits) }
    }

    /// "line:column message" of the error, or nil when the text composes.
    private func failure(_ text: String, limits: ReadLimits = .default) -> String? {
        guard case .failure(let error) = compose(text, limits: limits) else { return nil }
        return "\(error.mark.map { "\($0.line):\($0.column)" } ?? "-") \(error.message)"
    }

    func testComposesScalarsWithStylesAndMarks() throws {
        let node = try compose("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  literal\ne: >\n  folded\nf:\n").get()
        guard case .mapping(let mapping) = node else { return XCTFail("not a mapping: \(node)") }
        XCTAssertEqual(mapping.map { $0.key.scalar?.string ?? "?" }, ["a", "b", "c", "d", "e", "f"])
        XCTAssertEqual(mapping.map { $0.value.scalar?.string ?? "?" }, ["plain", "single", "double", "literal\n", "folded\n", ""])
        XCTAssertEqual(mapping.map { "\($0.value.scalar!.style)" },
                       ["plain", "singleQuoted", "doubleQuoted", "literal", "folded", "plain"])
        XCTAssertEqual(mapping.map { "\($0.key.mark.line):\($0.key.mark.column)" }, ["1:1", "2:1", "3:1", "4:1", "6:1", "8:1"])
        XCTAssertEqual(mapping[1].value.mark, YAMLMark(line: 2, column: 4))
        // Tags stay unresolved: readers interpret `1.10` and `yes` themselves.
        let versions = try compose("- 1.10\n- yes\n- !!str 2\n").get()
        XCTAssertEqual(versions.sequence?.map { $0.scalar?.string ?? "?" }, ["1.10", "yes", "2"])
    }

    func testEmptyTextIsAnEmptyMapping() throws {
        for text in ["", "\n", "# only a comment\n"] {
            let node = try compose(text).get()
            guard case .mapping(let mapping) = node else { return XCTFail("\(text.debugDescription): \(node)") }
            XCTAssertTrue(mapping.isEmpty)
        }
        XCTAssertEqual(try compose("~").get().scalar?.string, "~")
    }

    func testAliasesShareTheNodeTheyName() throws {
        let node = try compose("base: &b {in: body, type: string}\nchild:\n  <<: *b\n  x: *b\n").get()
        guard case .mapping(let top) = node, case .mapping(let child) = top[1].value,
              case .mapping(let merged) = child[0].value else { return XCTFail("\(node)") }
        XCTAssertEqual(merged.map { $0.key.scalar?.string ?? "?" }, ["in", "type"])
        // The alias keeps the anchored node's position: diagnostics point at the definition.
        XCTAssertEqual(merged.mark, YAMLMark(line: 1, column: 7))
        XCTAssertNotNil(try compose("name: &k id\n*k : value\n").get(), "an alias of a scalar is a scalar key")
    }

    func testDuplicateKeysAreRefusedAtTheSecond() {
        XCTAssertEqual(failure("a: 1\nb: 2\na: 3\n"), "3:1 duplicate key 'a' in one mapping")
        XCTAssertEqual(failure("x: {a: 1, 'a': 2}\n"), "1:11 duplicate key 'a' in one mapping")
        XCTAssertNil(failure("a: {k: 1}\nb: {k: 2}\n"), "the same key in two mappings")
    }

    /// Small mappings are searched pair by pair, larger ones through a set made at the
    /// threshold: a repeat is found on either side of it, and only a repeat.
    func testDuplicateKeysAreFoundInMappingsOfAnySize() {
        let threshold = EventComposerThreshold.keySet
        for size in [threshold - 1, threshold, threshold + 1, threshold * 3] {
            let keys = (0..<size).map { "k\($0): \($0)\n" }.joined()
            XCTAssertNil(failure(keys), "\(size) distinct keys")
            for repeated in [0, size / 2, size - 1] {
                XCTAssertEqual(failure(keys + "k\(repeated): x\n"), "\(size + 1):1 duplicate key 'k\(repeated)' in one mapping",
                               "\(size) keys, then k\(repeated) again")
            }
        }
    }

    /// Yams hashed and sorted keys with their whole expansion; no description needs a list or
    /// a mapping as a key, so they are refused as they open.
    func testListsAndMappingsAsKeysAreRefused() {
        let refused = ["[a, b]: x\n": "1:1", "k:\n  {a: b}: x\n": "2:3", "? [a]\n: x\n": "1:3", "? - a\n: x\n": "1:3",
                       "?\n  ? a\n": "2:3", "x: [[a]: b]\n": "1:5", "x: {? {a: b}: c}\n": "1:7", "- ? {a: b}\n": "1:5",
                       "a: &s [x]\n*s : y\n": "2:1"]
        for (text, position) in refused {
            XCTAssertEqual(failure(text), "\(position) a list or mapping is used as a mapping key; keys are plain values",
                           text.debugDescription)
        }
        let accepted = ["foo[0]: x\n", "enum: [red, blue]\n", "a: [b]\nc: d\n", "url: http://x/[a]:8080\n", "a: what ? [b]\n",
                        "a: ?x\n", "? a\n: b\n", "status: {success: [200], error: [404]}\n", "a: \"[b]: c\"\n",
                        "d: |\n  [a]: b\n  ? [c]\n", "a: x\"y\nb: '*c: d'\n"]
        for text in accepted { XCTAssertNil(failure(text), text.debugDescription) }
    }

    /// Ten levels of ten aliases name 10^10 nodes; each alias costs what it repeats.
    func testBillionLaughsStopsAtTheAliasBudget() {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...9 {
            text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        XCTAssertEqual(failure(text), "4:45 aliases repeat more than 10000 nodes")
        guard case .failure(let error) = compose(text) else { return XCTFail() }
        XCTAssertEqual(error.kind, .limit("yaml-aliases"))
        var generous = ReadLimits.default
        generous.maxYAMLAliases = 100_000
        XCTAssertEqual(failure(text, limits: generous), "5:45 aliases repeat more than 100000 nodes")
        // The file's texts share one budget.
        let few = "a: &a [x, x]\nb: [*a, *a]\n"
        let budget = YAMLAliasBudget(limit: 7)
        XCTAssertNoThrow(try YAMLComposer.compose(few, limits: .default, aliasBudget: budget))
        XCTAssertThrowsError(try YAMLComposer.compose(few, limits: .default, aliasBudget: budget))
    }

    func testNestingIsBoundedWithoutRecursion() {
        XCTAssertEqual(failure(String(repeating: "[", count: 150) + String(repeating: "]", count: 150)),
                       "1:101 nesting deeper than 100 levels")
        // libyaml's scanner reads ahead and stops at its own bound first.
        XCTAssertEqual(failure(String(repeating: "[", count: 200_000))?.hasSuffix("nesting deeper than 100 levels"), true)
        let indented = (0..<120).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " x\n"
        XCTAssertEqual(failure(indented), "101:201 nesting deeper than 100 levels")
        var shallow = ReadLimits.default
        shallow.maxYAMLDepth = 2
        XCTAssertEqual(failure("a:\n  b:\n    c: d\n", limits: shallow), "3:5 nesting deeper than 2 levels")
        guard case .failure(let error) = compose("[[[]]]", limits: shallow) else { return XCTFail() }
        XCTAssertEqual(error.kind, .limit("yaml-depth"))
    }

    func testSyntaxErrorsArePositioned() {
        XCTAssertEqual(failure("a: *missing\n"), "1:4 alias '*missing' names no anchor defined before it")
        XCTAssertEqual(failure("a: &r [*r]\n"), "1:8 alias '*r' names no anchor defined before it")
        XCTAssertEqual(failure("a: 1\n---\nb: 2\n"), "2:1 a second YAML document starts here; the file holds one")
        XCTAssertEqual(failure("a: [b\n"), "2:1 did not find expected ',' or ']' while parsing a flow sequence")
        // What libyaml was reading, and where it starts, becomes a note.
        guard case .failure(let open) = compose("a: [b\n") else { return XCTFail() }
        XCTAssertEqual(open.context.map { "\($0.what) \($0.mark.line):\($0.mark.column)" }, "flow sequence 1:4")
        XCTAssertEqual(failure("a: b: c\n"), "1:5 mapping values are not allowed in this context")
        // Reader errors come with a byte offset; it is turned into a position.
        XCTAssertEqual(failure("a: 1\nb: \u{1}\n"), "2:4 control characters are not allowed")
        XCTAssertEqual(failure("a: 1\r\nb: é\u{2}\n"), "2:5 control characters are not allowed")
    }

    /// Marks map to the file's lines whether only LF breaks them (mapped as they are) or CR,
    /// CR LF and NEL do too; past the last line is the text's end.
    func testLineMapGivesFileLinesAndTheEnd() {
        for text in ["a: 1\nb: é x", "a: 1\r\nb: é x", "a: 1\rb: é x"] {
            let map = YAMLLineMap(text)
            let positions = [YAMLMark(line: 1, column: 4), YAMLMark(line: 2, column: 6), YAMLMark(line: 3, column: 1)]
                .map { "\(map.position(of: $0))" }
            XCTAssertEqual(positions, ["(line: 1, column: 4)", "(line: 2, column: 6)", "(line: 2, column: 7)"], text.debugDescription)
        }
        // NEL breaks libyaml's line, not the file's.
        let nel = YAMLLineMap("a: x\u{85}b: y\n")
        XCTAssertEqual("\(nel.position(of: YAMLMark(line: 2, column: 1)))", "(line: 1, column: 6)")
        XCTAssertEqual("\(nel.position(of: YAMLMark(line: 3, column: 1)))", "(line: 2, column: 1)")
    }
}
