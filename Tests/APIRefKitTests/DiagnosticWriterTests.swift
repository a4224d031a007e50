import Foundation
import XCTest
@testable import APIRefKit

final class DiagnosticWriterTests: XCTestCase {
    private func sample() -> (DiagnosticEngine, SourceStore) {
        var sources = SourceStore()
        sources.add(SourceFile(path: "samples/s.json", text: "{\n\t\"naïve\": 1, \"x\": \"<b>\"\n}\n"))
        let diagnostics = [
            Diagnostic(code: "AR025", severity: .error, message: "field 'x' is not documented", range:
                        SourceRange(file: "samples/s.json", line: 2, column: 15, length: 3),
                       microversion: Microversion(2, 10), pointer: "/x", label: "here",
                       notes: [DiagnosticNote("defined here", at: SourceRange(file: "pages/p.md", line: 3, column: 1))],
                       help: "add it"),
            Diagnostic(code: "AR015", severity: .warning, message: "definition 'y' is not used, 100%",
                       range: SourceRange(file: "parameters.yaml", line: 1, column: 1)),
        ]
        return (DiagnosticEngine(diagnostics), sources)
    }

    func testHumanOutputPointsAtScalarColumnsPastNonASCIIAndTabs() {
        let (engine, sources) = sample()
        let text = HumanWriter(sources: sources, pathPrefix: "api-ref", color: false).write(engine)
        XCTAssertEqual(text, """
        warning[AR015]: definition 'y' is not used, 100%
         --> api-ref/parameters.yaml:1:1

        error[AR025]: field 'x' is not documented
         --> api-ref/samples/s.json:2:15
          |
        2 |  "naïve": 1, "x": "<b>"
          |               ^^^ here
          = note: defined here (api-ref/pages/p.md:3:1)
          = help: add it

        """)
    }

    /// A line of more than 200 bytes (minified JSON) is cut to a window around the column,
    /// marked with `…`; a shorter one is shown whole, its carets counted in scalars.
    func testHumanOutputCutsLongLinesAroundTheColumnAndKeepsShortOnesWhole() {
        var sources = SourceStore()
        let long = "{" + (0..<40).map { "\"k\($0)\": \"v\"" }.joined(separator: ", ") + "}"
        sources.add(SourceFile(path: "long.json", text: long + "\n{\"é\": \"ü\", \"bad\": 1}\n"))
        let column = long.utf8.count - 12 // inside the last member, `"k39": "v"`
        let engine = DiagnosticEngine([
            Diagnostic(code: "AR025", severity: .error, message: "long", range: SourceRange(file: "long.json", line: 1, column: column, length: 5)),
            Diagnostic(code: "AR025", severity: .error, message: "short", range: SourceRange(file: "long.json", line: 2, column: 12, length: 5)),
        ])
        let lines = HumanWriter(sources: sources, pathPrefix: "", color: false).write(engine).split(separator: "\n", omittingEmptySubsequences: false)
        let shownLong = lines[3].dropFirst(4)
        XCTAssertTrue(shownLong.hasPrefix("…"), String(shownLong))
        XCTAssertTrue(shownLong.hasSuffix("\"k39\": \"v\"}"), String(shownLong))
        XCTAssertLessThanOrEqual(shownLong.unicodeScalars.count, 201)
        let caretsLong = lines[4].dropFirst(4)
        let caretAt = caretsLong.unicodeScalars.firstIndex(of: "^").map { caretsLong.unicodeScalars.distance(from: caretsLong.unicodeScalars.startIndex, to: $0) }
        XCTAssertEqual(caretAt.map { Array(shownLong.unicodeScalars)[$0...].prefix(5).map(String.init).joined() },
                       String(long.utf8.dropFirst(column - 1).prefix(5)))
        XCTAssertEqual(Array(lines[8...10]), [
            "  |",
            "2 | {\"é\": \"ü\", \"bad\": 1}",
            "  | " + String(repeating: " ", count: 11) + "^^^^^",
        ])
    }

    /// The engine orders by file, position, code and message; drops exact duplicates wherever
    /// they are in the input (even with a different finding of the same key between them);
    /// keeps findings that differ only past the key, in the order given.
    func testEngineOrdersAndDropsOnlyExactDuplicates() {
        func finding(_ file: String, _ line: Int, _ code: String, _ message: String, note: String? = nil) -> Diagnostic {
            Diagnostic(code: code, severity: .warning, message: message, range: SourceRange(file: file, line: line, column: 1),
                       notes: note.map { [DiagnosticNote($0)] } ?? [])
        }
        let engine = DiagnosticEngine([
            finding("b.yaml", 1, "AR015", "m"),
            finding("a.inc", 9, "AR014", "z", note: "first"),
            finding("a.inc", 9, "AR014", "z", note: "second"),
            finding("a.inc", 2, "AR020", "m"),
            finding("a.inc", 9, "AR014", "z", note: "first"),
            finding("a.inc", 9, "AR014", "a"),
            finding("b.yaml", 1, "AR015", "m"),
            finding("a.inc", 2, "AR013", "m"),
        ], policy: .init(overrides: ["AR020": .error], disabled: ["AR013"]))
        XCTAssertEqual(engine.diagnostics.map { "\($0.range.file):\($0.range.start.line) \($0.code) \($0.severity) \($0.message) \($0.notes.map(\.message))" }, [
            "a.inc:2 AR020 error m []",
            "a.inc:9 AR014 warning a []",
            "a.inc:9 AR014 warning z [\"first\"]",
            "a.inc:9 AR014 warning z [\"second\"]",
            "b.yaml:1 AR015 warning m []",
        ])
    }

    func testColourOnlyWhenAsked() {
        let (engine, sources) = sample()
        XCTAssertFalse(HumanWriter(sources: sources, pathPrefix: "", color: false).write(engine).contains("\u{1B}["))
        XCTAssertTrue(HumanWriter(sources: sources, pathPrefix: "", color: true).write(engine).contains("\u{1B}[1;31m"))
    }

    func testJSONOutputHasTheDocumentedShape() throws {
        let (engine, _) = sample()
        let text = JSONWriter(pathPrefix: "api-ref").write(engine)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(object["version"] as? Int, 1)
        let summary = try XCTUnwrap(object["summary"] as? [String: Int])
        XCTAssertEqual(summary, ["errors": 1, "warnings": 1])
        let first = try XCTUnwrap((object["diagnostics"] as? [[String: Any]])?.last)
        XCTAssertEqual(first["file"] as? String, "api-ref/samples/s.json")
        XCTAssertEqual(first["line"] as? Int, 2)
        XCTAssertEqual(first["column"] as? Int, 15)
        XCTAssertEqual(first["microversion"] as? String, "2.10")
        XCTAssertEqual(first["pointer"] as? String, "/x")
        XCTAssertEqual(first["help"] as? String, "add it")
        XCTAssertEqual((first["notes"] as? [[String: Any]])?.first?["line"] as? Int, 3)
        XCTAssertTrue(text.hasPrefix("{\"version\":1,\"diagnostics\":["), "keys in documented order")
    }

    func testSARIFHasRulesResultsAndRelatedLocations() throws {
        let (engine, _) = sample()
        let text = SARIFWriter(pathPrefix: "api-ref", toolVersion: "0.1.0").write(engine)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(object["version"] as? String, "2.1.0")
        let run = try XCTUnwrap((object["runs"] as? [[String: Any]])?.first)
        let driver = try XCTUnwrap((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        XCTAssertEqual(rules.count, RuleRegistry.all.count)
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.map { $0["ruleId"] as? String }, ["AR015", "AR025"])
        XCTAssertEqual(results.map { $0["level"] as? String }, ["warning", "error"])
        let index = try XCTUnwrap(results[1]["ruleIndex"] as? Int)
        XCTAssertEqual(rules[index]["id"] as? String, "AR025")
        XCTAssertNotNil(results[1]["relatedLocations"])
    }

    func testGitHubAnnotationsEscapeTheirData() {
        let (engine, _) = sample()
        let lines = GitHubWriter(pathPrefix: "api-ref").write(engine).split(separator: "\n")
        XCTAssertEqual(lines.first, "::warning file=api-ref/parameters.yaml,line=1,col=1,title=AR015::definition 'y' is not used, 100%25")
        XCTAssertTrue(lines.last?.hasPrefix("::error file=api-ref/samples/s.json,line=2,col=15,title=AR025::") ?? false)
    }

    func testEnginePolicyStrictOverridesAndExitCodes() {
        let (engine, _) = sample()
        XCTAssertEqual(engine.exitCode, 1)
        let warningsOnly = DiagnosticEngine(engine.diagnostics, policy: .init(disabled: ["AR025"]))
        XCTAssertEqual(warningsOnly.diagnostics.map { $0.code }, ["AR015"])
        XCTAssertEqual(warningsOnly.exitCode, 0)
        XCTAssertEqual(DiagnosticEngine(warningsOnly.diagnostics, policy: .init(strict: true)).exitCode, 1)
        let promoted = DiagnosticEngine(engine.diagnostics, policy: .init(overrides: ["AR015": .error]))
        XCTAssertEqual(promoted.errorCount, 2)
        XCTAssertEqual(DiagnosticEngine(engine.diagnostics + engine.diagnostics).diagnostics.count, 2, "duplicates dropped")
        // Counted once each, after duplicates are dropped and the policy applied.
        let doubled = DiagnosticEngine(engine.diagnostics + engine.diagnostics)
        XCTAssertEqual([doubled.errorCount, doubled.warningCount], [1, 1])
        XCTAssertEqual([warningsOnly.errorCount, warningsOnly.warningCount], [0, 1])
        let unreadable = ReadFailure.make("'x' cannot be read", at: .file("x"))
        XCTAssertEqual(DiagnosticEngine(engine.diagnostics + [unreadable]).exitCode, 2)
    }
}

/// `serve` words a finding for the terminal again only when it, or the file it points into,
/// changed; the text is always what the writer gives.
final class KeptFindingsTextTests: XCTestCase {
    func testEachFindingIsWordedAgainOnlyWhenItOrItsFileChanged() {
        let kept = KeptFindingsText()
        func writer(_ fileText: String, prefix: String = "api-ref") -> HumanWriter {
            var sources = SourceStore()
            sources.add(SourceFile(path: "parameters.yaml", text: fileText))
            sources.add(SourceFile(path: "pages/a.md", text: "# A\n\nText.\n"))
            return HumanWriter(sources: sources, pathPrefix: prefix, color: false)
        }
        let definition = Diagnostic(code: "AR003", severity: .error, message: "lacks 'in'",
                                    range: SourceRange(file: "parameters.yaml", line: 1, column: 1))
        let page = Diagnostic(code: "AR018", severity: .warning, message: "no such page",
                              range: SourceRange(file: "pages/a.md", line: 3, column: 1))
        func check(_ diagnostics: [Diagnostic], _ writer: HumanWriter, file: StaticString = #filePath, line: UInt = #line) {
            let engine = DiagnosticEngine(diagnostics)
            XCTAssertEqual(kept.text(for: engine, writer: writer), writer.write(engine), file: file, line: line)
        }
        check([definition, page], writer("a:\n  type: string\n"))
        check([definition, page], writer("a:\n  type: string\n"))
        check([definition, page], writer("a: # the excerpt shows this\n  type: string\n"))
        check([definition], writer("a: # the excerpt shows this\n  type: string\n"))
        check([definition, page], writer("a: # the excerpt shows this\n  type: string\n", prefix: "elsewhere"))
    }
}
