import XCTest
@testable import APIRefKit

final class RenderHistoryTests: XCTestCase {
    private func history(_ model: APIModel) -> VersionHistory {
        VersionHistory(model: model, scale: VersionScale(model: model))
    }

    private func entry(_ history: VersionHistory, _ version: String) throws -> VersionHistory.Entry {
        try XCTUnwrap(history.entries.first { $0.version.description == version })
    }

    func testDemoHistoryFindsTheDocumentedChanges() throws {
        let history = history(RenderFixtures.demo)
        XCTAssertEqual(history.entries.map(\.version.description).first, "1.0")
        XCTAssertEqual(history.entries.count, 13)

        let v17 = try entry(history, "1.7")
        let show = try XCTUnwrap(v17.changes.first { $0.endpoint.id == "show-instance" })
        XCTAssertEqual(show.fields.map { "\($0.kind) \($0.reference.name)" }, ["removed instance.hostname"])

        let v18 = try entry(history, "1.8")
        XCTAssertTrue(v18.changes.contains { $0.endpoint.id == "list-instance-security-groups" && $0.kind == .removed })

        let v110 = try entry(history, "1.10")
        XCTAssertEqual(v110.changes.map { "\($0.kind) \($0.endpoint.id)" }, ["added restore-backup"])
        XCTAssertEqual(v110.note?.notes?.text, "New endpoint to restore a backup into a new instance.")

        let v112 = try entry(history, "1.12")
        let size = try XCTUnwrap(v112.changes.first?.fields.first)
        XCTAssertEqual(size.kind, .changed)
        XCTAssertEqual(size.reference.name, "backups.size")
        XCTAssertEqual(size.details, ["integer → number"])
    }

    /// Comparing only the endpoints with a window bound at each version finds exactly what
    /// comparing the whole API at every pair of neighbouring versions finds.
    func testHistoryEqualsAFullComparisonOfConsecutiveSnapshots() throws {
        for model in [RenderFixtures.demo, try RenderFixtures.model(RenderFixtures.widgets).0] {
            let history = history(model)
            let versions = model.allVersions
            for (old, new) in zip(versions, versions.dropFirst()) {
                let expected = model.endpoints.compactMap { model.change(of: $0, from: old, to: new) }
                let found = try entry(history, new.description).changes
                XCTAssertEqual(found.map(\.endpoint.signature), expected.map(\.endpoint.signature), "\(new)")
                XCTAssertEqual(found.map { $0.fields.map(\.reference) }, expected.map { $0.fields.map(\.reference) }, "\(new)")
            }
        }
    }

    func testHistoryPageListsChangesWithLinksToThem() throws {
        let site = try RenderFixtures.demoSite()
        let page = RenderFixtures.html(site, "history.html")
        XCTAssertTrue(page.contains("<li class=\"version-entry\" id=\"v1.10\" data-min=\"1.10\">"))
        XCTAssertTrue(page.contains("href=\"backups.html?mv=1.10#restore-backup\" data-mv-fixed"))
        // A removed element links to the last version that has it.
        XCTAssertTrue(page.contains("href=\"instances.html?mv=1.6#show-instance-resp-instance.hostname\" data-mv-fixed><code>instance.hostname</code>"))
        XCTAssertTrue(page.contains("<span class=\"detail\">integer → number</span>"))
        // Newest first.
        let v112 = try XCTUnwrap(page.range(of: "id=\"v1.12\"")), v19 = try XCTUnwrap(page.range(of: "id=\"v1.9\""))
        XCTAssertLessThan(v112.lowerBound, v19.lowerBound)
    }
}
