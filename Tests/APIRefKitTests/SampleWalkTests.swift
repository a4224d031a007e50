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

/// Documented fields are found by name whether a node has few (compared in order) or many
/// (through a table), and keep the order they were first named in.
final class FieldTreeTests: XCTestCase {
    func testFieldsAreFoundByNameUnderFewAndManySiblings() {
        let range = SourceRange(file: "parameters.yaml", line: 1, column: 1)
        for count in [3, 40] {
            let names = ["server"] + (0..<count).map { "server.f\($0)" } + ["server.f1", "server.{key}.x"]
            let references = names.map { ParameterReference(name: $0, key: $0, range: range) }
            let definitions: [ParameterDefinition?] = names.map {
                ParameterDefinition(key: $0, location: .body, type: .string, required: false, description: nil,
                                    versions: .unbounded, range: range)
            }
            let tree = FieldTree(references, definitions: definitions)
            guard let server = tree.field("server") else { return XCTFail("no server field") }
            XCTAssertEqual(server.fields.map(\.name), (0..<count).map { "f\($0)" }, "in first-named order, once each")
            for index in 0..<count {
                XCTAssertEqual(server.field("f\(index)")?.definitions.count, index == 1 ? 2 : 1, "f\(index) of \(count)")
            }
            XCTAssertNil(server.field("missing"))
            XCTAssertNotNil(server.wildcard?.field("x"), "a {key} segment is the wildcard")
        }
    }
}
