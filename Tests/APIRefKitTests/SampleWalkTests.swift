import XCTest
@testable import APIRefKit

/// A sample's objects are checked for repeated keys and missing required fields by comparing
/// keys when the object is small and through a table when it is large: both ways must find
/// the same (the rule fixtures hold small objects only).
final class SampleWalkTests: XCTestCase {
    private func findings(widget members: [String]) throws -> (text: String, found: [String]) {
        var fixture = try TxtarFixture.load("_base")
        let text = "{\"widget\": {" + members.joined(separator: ", ") + "}}"
        fixture.files["samples/widget-show-resp.json"] = text
        let (_, diagnostics) = try Pipeline.check(root: "/fixture", fileSystem: fixture.fileSystem())
        return (text, diagnostics.sorted(by: Diagnostic.ordered)
            .map { "\($0.code) \($0.range.file):\($0.range.start)" })
    }

    private func column(ofLast needle: String, in text: String) -> Int {
        let range = text.range(of: needle, options: .backwards)!
        return text.distance(from: text.startIndex, to: range.lowerBound) + 1
    }

    func testRepeatedKeysAreFoundInSmallAndLargeObjects() throws {
        for extra in [0, 40] {
            let fillers = (0..<extra).map { "\"x\($0)\": 0" }
            let (text, found) = try findings(widget: ["\"id\": \"w1\"", "\"size\": 3"] + fillers + ["\"id\": \"w2\""])
            let repeated = "AR023 samples/widget-show-resp.json:1:\(column(ofLast: "\"id\"", in: text))"
            XCTAssertEqual(found.filter { $0.hasPrefix("AR023") }, [repeated], "\(extra) more members")
            XCTAssertEqual(found.filter { $0.hasPrefix("AR025") }.count, extra, "each filler is undocumented")
            XCTAssertEqual(found.filter { $0.hasPrefix("AR027") }, [], "nothing required is missing")
        }
    }

    func testMissingRequiredFieldsAreFoundInSmallAndLargeObjects() throws {
        for extra in [0, 40] {
            let fillers = (0..<extra).map { "\"x\($0)\": 0" }
            let (_, found) = try findings(widget: ["\"id\": \"w1\""] + fillers)
            XCTAssertEqual(found.filter { $0.hasPrefix("AR027") }.count, 1, "size is missing (\(extra) more members)")
            XCTAssertEqual(found.filter { $0.hasPrefix("AR023") }, [])
        }
    }
}
