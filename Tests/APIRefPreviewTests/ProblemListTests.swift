import XCTest
@testable import APIRefKit
@testable import APIRefPreview

/// The overlay's problems are worded again only when the findings or the root differ from
/// the last rebuild's.
final class ProblemListTests: XCTestCase {
    private func finding(_ message: String, line: Int) -> Diagnostic {
        Diagnostic(code: "AR014", severity: .error, message: message, range: SourceRange(file: "pages/a.md", line: line, column: 3))
    }

    func testTheSameFindingsGiveTheSameProblemsAndOthersTheirOwn() {
        let list = ProblemList()
        let first = list.problems(for: [finding("b", line: 9), finding("a", line: 2)], root: "api-ref")
        XCTAssertEqual(first.map(\.location), ["api-ref/pages/a.md:2:3", "api-ref/pages/a.md:9:3"], "sorted, under the root")
        XCTAssertEqual(list.problems(for: [finding("b", line: 9), finding("a", line: 2)], root: "api-ref"), first)

        let moved = list.problems(for: [finding("b", line: 9), finding("a", line: 3)], root: "api-ref")
        XCTAssertEqual(moved.map(\.location), ["api-ref/pages/a.md:3:3", "api-ref/pages/a.md:9:3"])
        let reworded = list.problems(for: [finding("b", line: 9), finding("c", line: 3)], root: "api-ref")
        XCTAssertEqual(reworded.map(\.message), ["c", "b"])
        let elsewhere = list.problems(for: [finding("b", line: 9), finding("c", line: 3)], root: "other")
        XCTAssertEqual(elsewhere.first?.location, "other/pages/a.md:3:3")
        XCTAssertEqual(list.problems(for: [], root: "other"), [])
    }
}
