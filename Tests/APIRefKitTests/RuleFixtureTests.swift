import XCTest
@testable import APIRefKit

/// Every rule has a fixture under Fixtures/rules named after its code; each fixture lists the
/// exact diagnostics it must produce (`expect: CODE file:line:col`), no more, no fewer.
final class RuleFixtureTests: XCTestCase {
    func run(_ name: String) throws -> (TxtarFixture, [Diagnostic], ReadResult) {
        let fixture = try TxtarFixture.load(name)
        let (result, diagnostics) = try Pipeline.check(root: "/fixture", fileSystem: fixture.fileSystem())
        return (fixture, diagnostics, result)
    }

    func format(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.code) \(diagnostic.range.file):\(diagnostic.range.start)"
    }

    func testBaseFixtureIsClean() throws {
        let (_, diagnostics, result) = try run("_base")
        XCTAssertEqual(diagnostics.map(format), [])
        XCTAssertEqual(result.model.endpoints.count, 1)
    }

    func testEveryFixtureProducesExactlyItsExpectations() throws {
        let names = Fixtures.ruleFixtureNames.filter { $0 != "_base" }
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let (fixture, diagnostics, _) = try run(name)
            XCTAssertFalse(fixture.expectations.isEmpty, "\(name) lists no expectations")
            XCTAssertEqual(diagnostics.sorted(by: Diagnostic.ordered).map(format), fixture.expectations.sorted { lhs, rhs in
                // Same order as Diagnostic.ordered for readable failures.
                order(lhs) < order(rhs)
            }, "fixture \(name)")
        }
    }

    private func order(_ expectation: String) -> String {
        let parts = expectation.split(separator: " ")
        guard parts.count == 2 else { return expectation }
        let location = parts[1].split(separator: ":")
        guard location.count == 3, let line = Int(location[1]), let column = Int(location[2]) else { return expectation }
        return "\(location[0])\u{0}\(String(format: "%08d%08d", line, column))\u{0}\(parts[0])"
    }

    func testEveryRuleHasAFixtureWhoseNameStartsWithItsCode() {
        let names = Fixtures.ruleFixtureNames
        for rule in RuleRegistry.all {
            let code = rule.descriptor.code
            XCTAssertTrue(names.contains { $0.hasPrefix(code) }, "rule \(code) has no fixture in Fixtures/rules")
            let failing = names.filter { $0.hasPrefix(code) }.compactMap { try? TxtarFixture.load($0) }
            XCTAssertTrue(failing.contains { $0.expectations.contains { $0.hasPrefix(code + " ") } },
                          "no fixture of \(code) expects \(code)")
        }
    }

    func testRuleCodesAreUniqueAndDocumented() {
        let codes = RuleRegistry.all.map { $0.descriptor.code }
        XCTAssertEqual(codes.count, Set(codes).count, "duplicate rule codes")
        let names = RuleRegistry.all.map { $0.descriptor.name }
        XCTAssertEqual(names.count, Set(names).count, "duplicate rule names")
        for rule in RuleRegistry.all.map({ $0.descriptor }) {
            XCTAssertTrue(rule.code.hasPrefix("AR") && rule.code.count == 5, rule.code)
            XCTAssertFalse(rule.documentation.what.isEmpty || rule.documentation.why.isEmpty
                           || rule.documentation.example.isEmpty || rule.documentation.fix.isEmpty, rule.code)
            XCTAssertFalse(rule.summary.hasSuffix("."), "\(rule.code) summary ends with a period")
        }
    }

    /// The model rules are picked by `modelCheck`, not by casting: exactly the `ModelRule`s.
    func testModelRulesAreExactlyTheRulesThatCheckTheModel() {
        let conforming = RuleRegistry.all.filter { $0 is any ModelRule.Type }.map { $0.descriptor.code }
        XCTAssertEqual(RuleRegistry.modelRules.map(\.descriptor.code), conforming)
        XCTAssertGreaterThan(conforming.count, 10)
    }

    /// Human output of every fixture, compared with Golden/diagnostics/*.txt.
    func testHumanOutputGoldens() throws {
        for name in Fixtures.ruleFixtureNames where name != "_base" {
            let (_, diagnostics, result) = try run(name)
            let engine = DiagnosticEngine(diagnostics)
            let text = HumanWriter(sources: result.model.sources, pathPrefix: "fixture", color: false).write(engine)
            if let problem = Golden.check(text, against: "diagnostics/\(name).txt") { XCTFail(problem) }
        }
    }
}
