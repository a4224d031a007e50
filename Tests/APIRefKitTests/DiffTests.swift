import XCTest
@testable import APIRefKit

final class DiffTests: XCTestCase {
    private func demo() throws -> APIModel {
        try Pipeline.read(root: Fixtures.packageRoot.appendingPathComponent("api-ref").path).model
    }

    func testDemoDiffGoldens() throws {
        let model = try demo()
        let whole = model.diff(from: model.project.minVersion, to: model.project.maxVersion)
        for (name, text) in [("diff/demo-all.txt", DiffReport.text(whole)),
                             ("diff/demo-all.json", DiffReport.json(whole)),
                             ("diff/demo-all.md", DiffReport.markdown(whole, title: model.project.title))] {
            if let problem = Golden.check(text, against: name) { XCTFail(problem) }
        }
    }

    func testRemovalsAreBreakingAndAdditionsAreNot() throws {
        let model = try demo()
        let diff = model.diff(from: Microversion(1, 6), to: Microversion(1, 7))
        XCTAssertTrue(diff.addedEndpoints.isEmpty)
        let changes = diff.changedEndpoints.flatMap(\.fields)
        let hostname = try XCTUnwrap(changes.first { $0.name == "instance.hostname" })
        XCTAssertEqual(hostname.kind, .removed)
        XCTAssertTrue(hostname.isBreaking)
        let added = model.diff(from: Microversion(1, 2), to: Microversion(1, 3)).changedEndpoints.flatMap(\.fields)
        XCTAssertFalse(added.isEmpty)
        XCTAssertTrue(added.allSatisfy { $0.kind == .added && !$0.isBreaking })
    }

    func testSameVersionHasNoChanges() throws {
        let model = try demo()
        XCTAssertTrue(model.diff(from: Microversion(1, 4), to: Microversion(1, 4)).isEmpty)
    }

    func testRequestFieldBecomingRequiredIsBreaking() {
        func definition(required: Bool) -> ParameterDefinition {
            ParameterDefinition(key: "k", location: .body, type: .string, required: required, description: nil,
                                versions: .unbounded, range: .file("parameters.yaml"))
        }
        let reference = ParameterReference(name: "a", key: "k", range: .file("pages/p.md"))
        let change = FieldChange(kind: .changed, direction: .request, reference: reference,
                                 before: definition(required: false), after: definition(required: true))
        XCTAssertTrue(change.isBreaking)
        XCTAssertEqual(change.details, ["now required"])
        let relaxed = FieldChange(kind: .changed, direction: .request, reference: reference,
                                  before: definition(required: true), after: definition(required: false))
        XCTAssertFalse(relaxed.isBreaking)
    }
}
