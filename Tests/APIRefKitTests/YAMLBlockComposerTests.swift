import XCTest
@testable import APIRefKit

/// The block composer (no libyaml) against libyaml's events: whatever it composes must be
/// what libyaml composes, marks, styles and alias costs included; whatever it leaves must
/// still be read (by libyaml, with libyaml's errors).
final class YAMLBlockComposerTests: XCTestCase {
    private func block(_ text: String, budget: YAMLAliasBudget = YAMLAliasBudget(limit: 10_000),
                       limits: ReadLimits = .default) -> YAMLNode? {
        YAMLBlockComposer.compose(text, limits: limits, aliasBudget: budget)
    }

    private func libyaml(_ text: String, budget: YAMLAliasBudget = YAMLAliasBudget(limit: 10_000),
                         limits: ReadLimits = .default) -> YAMLNode? {
        try? YAMLComposer.compose(text, limits: limits, aliasBudget: budget, blockComposer: false)
    }

    /// Composes `text` both ways; fails when the block composer takes it and differs. Returns
    /// whether the block composer took it.
    @discardableResult
    private func assertAgrees(_ text: String, limit: Int = 10_000, file: StaticString = #filePath,
                              line: UInt = #line) -> Bool {
        let fastBudget = YAMLAliasBudget(limit: limit), slowBudget = YAMLAliasBudget(limit: limit)
        guard let fast = block(text, budget: fastBudget) else {
            XCTAssertEqual(fastBudget.remaining, limit, "a text given up on charges nothing", file: file, line: line)
            return false
        }
        guard let slow = libyaml(text, budget: slowBudget) else {
            XCTFail("composed without libyaml, refused by it: \(text.debugDescription)", file: file, line: line)
            return true
        }
        XCTAssertEqual(fast.outline, slow.outline, text.debugDescription, file: file, line: line)
        XCTAssertEqual(fastBudget.remaining, slowBudget.remaining, "alias cost of \(text.debugDescription)", file: file, line: line)
        return true
    }

    func testNovaParametersAreComposedWithoutLibYAMLAsLibYAMLComposesThem() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../shared/corpora/nova/api-ref/source/parameters.yaml").standardized
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw XCTSkip("no nova corpus beside the project (../shared)")
        }
        XCTAssertTrue(assertAgrees(text), "nova's parameters.yaml is in the subset")
        XCTAssertNil(YAMLBlockComposer.lineGivenUp(text))
    }

    func testTheDemoParametersAreComposedWithoutLibYAML() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../api-ref/parameters.yaml").standardized
        let text = try String(contentsOf: file, encoding: .utf8)
        XCTAssertTrue(assertAgrees(text))
        XCTAssertNil(YAMLBlockComposer.lineGivenUp(text))
    }

    func testBlockScalarsFoldAndChompAsLibYAMLDoes() {
        let texts = [
            "a: |\n  one\n  two\n", "a: |-\n  one\n\n", "a: |+\n  one\n\n\nb: x\n", "a: >\n  one\n  two\n\n  three\n",
            "a: >\n  one\n    more\n  two\n", "a: >-\n  x\n   \n  y\n", "a: |\n\n  after a blank line\n",
            "k:\n  d: >\n    folded\n    text\n  e: 1\n",
            "a: | # comment\n  x\n", "a: |\nb: c\n", "a: >\n  x\n\n\n", "a: |\n  x", "a: |\n  trailing spaces   \n",
            "a: >+\n  x\n\n", "a: |\n  é ü\n", 
        ]
        for text in texts { XCTAssertTrue(assertAgrees(text), text.debugDescription) }
    }

    func testMarksCountCharactersAndAnchorsAsLibYAMLDoes() {
        let texts = [
            "clé: valeur\nnext: é # c\n", "a: &x\n  in: body\nb:\n  <<: *x\n  c: *x\n", "a: &s scalar\nb: *s\n",
            "a: &l |\n  text\nb: *l\n", "  indented: root\n  second: 2\n", "a:\nb:   \n", "a: 'it''s'\nb: \"q\" # c\n",
            "a: -1\nb: x[0]{y}\n", "a:    spaced   words  \n",
            "# leading comment\n\na: 1\n   # indented comment\nb: 2\n", "a:\n  b:\n    c:\n      d: deep\n  e: 1\nf: 2\n",
            "key with spaces : v\n", "a: x#y\n", "a:b: c\n", "a: [b, c d ,e]\n", "a: []\n", "a: [ ]  # none\n",
            "a: ['x', \"y\", -1]\n", "a: &e [x]\nb: *e\n", "<<: *nothing\n",
        ]
        var taken = 0
        for text in texts where assertAgrees(text) { taken += 1 }
        XCTAssertEqual(taken, texts.count - 1, "all but the alias without an anchor")
    }

    /// What the subset leaves to libyaml: the block composer gives up, libyaml reads it (or
    /// reports it, with its message and position).
    func testWhatLiesOutsideTheSubsetIsLeftToLibYAML() {
        let outside = [
            "a: [[b]]\n", "a: [b,]\n", "a: [b, c: d]\n", "a: [b # c]\n", "a: [b,\n  c]\n", "a: [b]x\n", "a: [,b]\n",
            "a: {b: c}\n", "- a\n", "a:\n  - b\n", "a: !!str x\n", "? a\n: b\n", "a: b\n  c\n",
            "a: 'b\n  c'\n", "a: \"b\\n\"\n", "a:\tb\n", "a: b\r\n", "---\na: b\n", "a: b\n...\n", "%YAML 1.1\n---\na: b\n",
            "a: 1\na: 2\n", "a: b: c\n", "a: *missing\n", "a: &x\nb: c\n", "a: |2\n  x\n", "\u{FEFF}a: b\n",
            "a: b\u{85}c\n", "a: b\u{2028}\n", "a: `b`\n", "a: @b\n", "plain\n", "a:\n  b: c\n d: e\n",
            "a: |\n    deep\n  shallow: x\n", "a: |\n  x\n b: y\n", "a: >\n   lead\n  x\n", "a: |\n     \n  x\n",
            "a: 'x'y\n", "a: 'x'#c\n", "a: |#c\n  x\n", "'a': b\n", "a: %x\n", "a: , b\n",
        ]
        for text in outside {
            XCTAssertNil(block(text), text.debugDescription)
        }
        // Limits are libyaml's to report, with the budget untouched here.
        XCTAssertNil(block("a: &a x\nb: *a\nc: *a\n", budget: YAMLAliasBudget(limit: 1)))
        var shallow = ReadLimits.default
        shallow.maxYAMLDepth = 2
        XCTAssertNil(block("a:\n  b:\n    c: d\n", limits: shallow))
        XCTAssertNotNil(block("a:\n  b: c\n", limits: shallow))
        XCTAssertEqual(block("")?.outline, YAMLNode.emptyDocument.outline)
        XCTAssertEqual(block("# only\n\n")?.outline, YAMLNode.emptyDocument.outline)
    }

    /// Texts built from the pieces parameters files are made of, shuffled with the ones that
    /// end the subset (tabs, colons, comments, flow, indentation off by one). A fixed seed:
    /// a failure names its text.
    func testGeneratedTextsComposeAsLibYAMLComposesThem() {
        var random = SplitMix(seed: 0x5EED_1234)
        var taken = 0
        let total = 6_000
        for _ in 0..<total {
            let text = Self.generatedText(&random)
            if assertAgrees(text, limit: 40) { taken += 1 }
        }
        // Not a vacuous comparison: most texts stay in the subset.
        XCTAssertGreaterThan(taken, total / 3, "texts the block composer took")
    }

    private struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
        mutating func chance(_ percent: Int) -> Bool { below(100) < percent }
    }

    private static let words = ["body", "true", "2.75", "a b", "x: y", "a #c", "a#b", "-1", "- x", "é", "[a]", "{b}",
                                "it's", "~", "null", "*", "&", "x:", ":x", "ü ö", "\u{1F600}", "url: http://a", "'", "\""]
    private static let contentLines = ["text", "more text", "  indented", "- item", "``code``", "# not a comment", "a: b",
                                       "", " ", "   ", "é à", "trailing  ", "\ttab", "..", "---"]

    private static func generatedText(_ random: inout SplitMix) -> String {
        var lines: [String] = []
        var anchors: [String] = []
        func mapping(indent: Int, depth: Int) {
            for index in 0..<(1 + random.below(4)) {
                if random.chance(15) { lines.append(random.pick(["", "   ", "# comment", String(repeating: " ", count: indent + 2) + "# c"])) }
                var pad = String(repeating: " ", count: indent)
                if random.chance(3) { pad += " " }
                let key = random.pick(["in", "type", "description", "min_version", "k\(index)", "clé", "<<", "a b", "x"])
                let head = pad + key + (random.chance(3) ? " :" : ":")
                switch random.below(10) {
                case 0, 1:
                    var value = random.pick(words)
                    if random.chance(30) { value += " " + random.pick(words) }
                    if random.chance(10) { value += "  # comment" }
                    if random.chance(5) { value += "   " }
                    lines.append(head + " " + value)
                case 8:
                    let items = (0..<random.below(4)).map { _ in random.pick(["x", "a b", "'q'", "\"d\"", "-1", "é", "b:", "[c]", ""]) }
                    lines.append(head + " [" + items.joined(separator: random.pick([", ", ",", " , "])) + "]"
                                 + (random.chance(10) ? " # c" : ""))
                case 2:
                    let content = random.pick(["x", "it''s", "a \"b\"", "é", "a: b", "#c", ""])
                    lines.append(head + " " + random.pick(["'\(content)'", "\"\(content)\"", "'\(content)' # c"]))
                case 3, 4:
                    lines.append(head + " " + random.pick(["|", ">", "|-", ">-", "|+", ">+", "| # c", "|2"]))
                    let contentIndent = indent + random.pick([1, 2, 2, 2, 4])
                    for _ in 0..<random.below(5) {
                        let extra = random.chance(15) ? random.pick([-1, 1, 2]) : 0
                        let text = random.pick(contentLines)
                        lines.append(text.isEmpty || text.allSatisfy({ $0 == " " }) ? text
                                     : String(repeating: " ", count: max(0, contentIndent + extra)) + text)
                    }
                case 5 where depth < 4:
                    let anchor = random.chance(30) ? "a\(random.below(3))" : nil
                    lines.append(head + (anchor.map { " &\($0)" } ?? ""))
                    mapping(indent: indent + random.pick([1, 2, 2, 4]), depth: depth + 1)
                    if let anchor { anchors.append(anchor) }
                case 6 where !anchors.isEmpty || random.chance(10):
                    lines.append(head + " *" + (anchors.isEmpty ? "none" : random.pick(anchors)))
                case 7:
                    let anchor = "a\(random.below(3))"
                    lines.append(head + " &\(anchor) " + random.pick(words))
                    anchors.append(anchor)
                default:
                    lines.append(head)
                }
            }
        }
        mapping(indent: random.chance(5) ? 2 : 0, depth: 0)
        return lines.joined(separator: "\n") + (random.chance(90) ? "\n" : "")
    }
}
