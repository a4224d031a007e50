import Foundation
import XCTest
@testable import APIRefKit
@testable import APIRefPreview

/// `serve` rebuilds only what a change affects: unchanged files are not parsed again and pages
/// whose inputs did not change are not rendered again, and the result is the site a fresh
/// build makes.
final class IncrementalRebuildTests: XCTestCase {
    private var root: URL!
    private var session: PreviewSession!

    private static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    override func setUp() async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("apiref-incremental-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.packageRoot.appendingPathComponent("api-ref"), to: root)
        session = PreviewSession(configuration: PreviewConfiguration(input: root.path),
                                 render: { model, memo in try SiteRenderer.render(model: model, memo: memo).files })
    }

    override func tearDown() async throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func edit(_ path: String, _ transform: (String) -> String) throws {
        try editFile(root.appendingPathComponent(path), transform)
    }

    /// What the session serves, next to what a build from scratch makes of the same files.
    private func assertServesAFreshBuild(file: StaticString = #filePath, line: UInt = #line) async throws {
        let served = await session.store.site.files
        let model = try Pipeline.read(root: root.path).model
        let fresh = try SiteRenderer.render(model: model).files
        XCTAssertEqual(Set(served.keys), Set(fresh.map(\.path)), file: file, line: line)
        for output in fresh {
            XCTAssertEqual(served[output.path]?.bytes, output.bytes, "\(output.path) differs from a fresh build", file: file, line: line)
        }
    }

    func testASampleEditParsesOneFileAndRendersOnePage() async throws {
        let first = await session.rebuild()
        XCTAssertTrue(first.published)
        XCTAssertEqual(first.reusedParses, 0)
        XCTAssertEqual(first.reusedPages, 0)
        let pages = first.renderedPages

        let unchanged = await session.rebuild()
        XCTAssertEqual(unchanged.parsedFiles, 0, "nothing changed: nothing parsed")
        XCTAssertEqual(unchanged.renderedPages, 0, "nothing changed: nothing rendered")
        XCTAssertEqual(unchanged.reusedPages, pages)
        XCTAssertTrue(unchanged.changedOutputs.isEmpty)

        try edit("samples/flavors/flavors-list-resp.json") { $0.replacingOccurrences(of: "\"Small\"", with: "\"Petite\"") }
        let report = await session.rebuild()
        XCTAssertTrue(report.published)
        XCTAssertEqual(report.parsedFiles, 1, "only the edited sample is parsed")
        XCTAssertEqual(report.renderedPages, 1, "only the page showing the sample is rendered")
        XCTAssertEqual(report.changedOutputs, ["flavors.html"])
        try await assertServesAFreshBuild()

        // Again, with an edit that keeps every position: the page still changes.
        try edit("samples/flavors/flavors-list-resp.json") { $0.replacingOccurrences(of: "\"Petite\"", with: "\"Little\"") }
        let again = await session.rebuild()
        XCTAssertEqual(again.parsedFiles, 1)
        XCTAssertEqual(again.renderedPages, 1)
        XCTAssertEqual(again.changedOutputs, ["flavors.html"])
        try await assertServesAFreshBuild()
    }

    func testADefinitionEditRendersThePagesUsingItAndTheWholeAPIPages() async throws {
        let first = await session.rebuild()
        try edit("parameters.yaml") { text in
            text.replacingOccurrences(of: "The memory of the flavor, in MiB.", with: "The memory of the flavor in MiB.")
        }
        let report = await session.rebuild()
        XCTAssertTrue(report.published)
        XCTAssertEqual(report.parsedFiles, 1, "only parameters.yaml is parsed")
        XCTAssertLessThan(report.renderedPages, first.renderedPages, "pages not using the definition are kept")
        XCTAssertTrue(report.changedOutputs.contains("flavors.html"), "\(report.changedOutputs)")
        XCTAssertFalse(report.changedOutputs.contains("instances.html"), "\(report.changedOutputs)")
        // The history tells definitions' changes but shows no description; the index shows
        // none of them, the search only their windows.
        XCTAssertFalse(report.renderedPaths.contains("history.html"), "\(report.renderedPaths)")
        XCTAssertFalse(report.renderedPaths.contains("index.html"), "\(report.renderedPaths)")
        XCTAssertFalse(report.renderedPaths.contains(SiteLayout.searchIndexPath), "\(report.renderedPaths)")
        try await assertServesAFreshBuild()

        try edit("parameters.yaml") { text in
            text.replacingOccurrences(of: "  max_version: \"1.8\"\n  description: |\n    The memory of the flavor in MiB.",
                                      with: "  max_version: \"1.7\"\n  description: |\n    The memory of the flavor in MiB.")
        }
        let window = await session.rebuild()
        XCTAssertTrue(window.renderedPaths.contains(SiteLayout.searchIndexPath), "a window the search shows: \(window.renderedPaths)")
        XCTAssertTrue(window.renderedPaths.contains("history.html"), "a window the history shows: \(window.renderedPaths)")
        try await assertServesAFreshBuild()
    }

    /// Whole-model rules whose inputs read as before keep their findings; an edit to what a
    /// rule reads runs it again, and the findings are those of a fresh check.
    func testRulesWhoseInputsReadTheSameKeepTheirFindings() async throws {
        let first = await session.rebuild()
        XCTAssertEqual(first.keptRules, 0)
        XCTAssertGreaterThan(first.ranRules, 0)
        let unchanged = await session.rebuild()
        XCTAssertEqual(unchanged.ranRules, 0, "nothing changed: every keyed rule's findings kept")
        XCTAssertEqual(unchanged.keptRules, first.ranRules)

        // A description edited in place: no keyed rule reads descriptions.
        try edit("parameters.yaml") { $0.replacingOccurrences(of: "The memory of the flavor, in MiB.", with: "The memory of the flavor in MiB.") }
        let prose = await session.rebuild()
        XCTAssertEqual(prose.ranRules, 0, "a description edit runs no keyed rule")
        try assertFindingsOfAFreshCheck(prose)

        // A definition no endpoint uses: the rules reading definitions run, and report it.
        try edit("parameters.yaml") { $0 + "\nunused_thing:\n  in: body\n  required: false\n  type: string\n  description: |\n    Nothing uses it.\n" }
        let added = await session.rebuild()
        XCTAssertGreaterThan(added.ranRules, 0)
        XCTAssertGreaterThan(added.keptRules, 0, "the rules reading neither definitions nor endpoints are kept")
        XCTAssertTrue(added.diagnostics.contains { $0.code == UnusedDefinition.descriptor.code && $0.message.contains("unused_thing") },
                      "the new definition is reported unused")
        try assertFindingsOfAFreshCheck(added)
        try await assertServesAFreshBuild()

        // A page's link broken: the link rule runs again and reports it.
        try edit("pages/backups.md") { $0.replacingOccurrences(of: "# Backups", with: "# Backups\n\nSee [the flavors](flavors.md#no-such-anchor).") }
        let linked = await session.rebuild()
        XCTAssertTrue(linked.diagnostics.contains { $0.code == BrokenLink.descriptor.code && $0.message.contains("no-such-anchor") },
                      "\(linked.diagnostics.map(\.message))")
        try assertFindingsOfAFreshCheck(linked)
    }

    private func assertFindingsOfAFreshCheck(_ report: RebuildReport, file: StaticString = #filePath, line: UInt = #line) throws {
        let (_, diagnostics) = try Pipeline.check(root: root.path)
        XCTAssertEqual(DiagnosticEngine(report.diagnostics).diagnostics, DiagnosticEngine(diagnostics).diagnostics,
                       "the findings of a fresh check", file: file, line: line)
    }

    func testAPageEditRendersThatPage() async throws {
        _ = await session.rebuild()
        try edit("pages/backups.md") { $0.replacingOccurrences(of: "# Backups", with: "# Backups\n\nA new paragraph.") }
        let report = await session.rebuild()
        XCTAssertTrue(report.published)
        XCTAssertTrue(report.changedOutputs.contains("backups.html"), "\(report.changedOutputs)")
        XCTAssertFalse(report.changedOutputs.contains("flavors.html"))
        try await assertServesAFreshBuild()
    }

    /// The history, the overview and the search show no endpoint prose: an edit to an
    /// endpoint's description renders its page alone.
    func testAnEndpointDescriptionEditRendersOnlyItsPage() async throws {
        _ = await session.rebuild()
        try edit("pages/flavors.md") {
            $0.replacingOccurrences(of: "The list is short, so it is not paged.", with: "The list is short; it is never paged.")
        }
        let report = await session.rebuild()
        XCTAssertTrue(report.published)
        XCTAssertEqual(report.renderedPages, 1, "only flavors.html: \(report.changedOutputs)")
        XCTAssertEqual(report.changedOutputs, ["flavors.html"])
        try await assertServesAFreshBuild()

        // An endpoint's title shows in the overview and the search: those are rendered again.
        try edit("pages/flavors.md") { $0.replacingOccurrences(of: "## List flavors", with: "## List all flavors") }
        let retitled = await session.rebuild()
        XCTAssertTrue(retitled.published)
        XCTAssertTrue(retitled.changedOutputs.contains("search-index.js"), "\(retitled.changedOutputs)")
        XCTAssertTrue(retitled.changedOutputs.contains("index.html"), "\(retitled.changedOutputs)")
        try await assertServesAFreshBuild()
    }

    /// The history shows no description, but tells a row whose definitions of two windows
    /// differ only in their descriptions: a description edit that makes them equal changes it.
    func testADescriptionEditThatEqualsTwoWindowsOfAFieldChangesTheHistory() async throws {
        try edit("parameters.yaml") { text in
            text.replacingOccurrences(of: "backup_size_mib:\n  in: body\n  type: integer", with: "backup_size_mib:\n  in: body\n  type: number")
        }
        let first = await session.rebuild()
        XCTAssertTrue(first.published, "\(first.diagnostics.map(\.message))")
        func history() async -> String { String(decoding: await session.store.site.files["history.html"]?.bytes ?? [], as: UTF8.self) }
        let before = await history()
        XCTAssertTrue(before.contains("description changed"), "backups.size differs only in its description at 1.12")
        try edit("parameters.yaml") { text in
            text.replacingOccurrences(of: "    The size of the stored backup, in GiB. It is `0` until the backup completes.",
                                      with: "    The size of the stored backup, in MiB, rounded up. It is `0` until the\n    backup completes.")
        }
        let report = await session.rebuild()
        XCTAssertTrue(report.renderedPaths.contains("history.html"), "\(report.renderedPaths)")
        let after = await history()
        XCTAssertFalse(after.contains("description changed"), "the two windows now read the same")
        try await assertServesAFreshBuild()
    }

    /// A page's endpoints are kept apart from it: an edit to one endpoint renders that one,
    /// and the page is made of the others as they were.
    func testAnEndpointEditRendersThatEndpointAlone() async throws {
        let first = await session.rebuild()
        XCTAssertEqual(first.reusedEndpoints, 0)
        try edit("pages/flavors.md") {
            $0.replacingOccurrences(of: "The list is short, so it is not paged.", with: "The list is short; it is never paged.")
        }
        let report = await session.rebuild()
        XCTAssertEqual(report.renderedPaths, ["flavors.html"])
        let flavors = try XCTUnwrap(Pipeline.read(root: root.path).model.pages.first { $0.path == "pages/flavors.md" })
        XCTAssertGreaterThan(flavors.endpoints.count, 1)
        XCTAssertEqual(report.renderedEndpoints, 1, "only the edited endpoint")
        XCTAssertEqual(report.reusedEndpoints, flavors.endpoints.count - 1)
        try await assertServesAFreshBuild()

        // A definition renders the endpoints naming it (one of the page's).
        try edit("parameters.yaml") { text in
            text.replacingOccurrences(of: "in: path\n  type: string\n  required: true\n  description: |\n    The ID of the flavor,",
                                      with: "in: path\n  type: string\n  required: true\n  description: |\n    The flavor's ID,")
        }
        let definition = await session.rebuild()
        XCTAssertEqual(definition.renderedPaths, ["flavors.html"])
        XCTAssertEqual(definition.renderedEndpoints, 1, "show-flavor alone names it")
        XCTAssertEqual(definition.reusedEndpoints, flavors.endpoints.count - 1)
        try await assertServesAFreshBuild()
    }
}

/// A theme's endpoint template may show what lies outside the endpoint (the page's title): a
/// kept endpoint is used again only while that reads the same (see `TemplateEngineTests` for
/// a change), and never when it is a list or an object, which the endpoint's key does not cover.
final class EndpointFragmentThemeTests: XCTestCase {
    private var root: URL!

    override func setUp() async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("apiref-fragments-\(UUID().uuidString)")
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("api-ref"), to: root)
    }

    override func tearDown() async throws {
        try? FileManager.default.removeItem(at: root)
    }

    /// A session rendering with the built-in theme whose endpoint template starts with `prefix`.
    private func session(endpointPrefix prefix: String) -> (PreviewSession, Theme) {
        var files = Theme.builtIn.files
        files["endpoint.mustache"] = Array(prefix.utf8) + (files["endpoint.mustache"] ?? [])
        let theme = Theme(files: files)
        let session = PreviewSession(configuration: PreviewConfiguration(input: root.path),
                                     render: { model, memo in try SiteRenderer.render(model: model, theme: theme, memo: memo).files })
        return (session, theme)
    }

    private func assertServesAFreshBuild(_ session: PreviewSession, theme: Theme,
                                         file: StaticString = #filePath, line: UInt = #line) async throws {
        let served = await session.store.site.files
        let fresh = try SiteRenderer.render(model: Pipeline.read(root: root.path).model, theme: theme).files
        for output in fresh {
            XCTAssertEqual(served[output.path]?.bytes, output.bytes, "\(output.path) differs from a fresh build", file: file, line: line)
        }
    }

    private func editFlavorsEndpoint() throws {
        try editFile(root.appendingPathComponent("pages/flavors.md")) {
            $0.replacingOccurrences(of: "The list is short, so it is not paged.", with: "The list is short; it is never paged.")
        }
    }

    func testAnEndpointShowingTextOfItsPageIsKeptWhileThatReadsTheSame() async throws {
        let (session, theme) = session(endpointPrefix: "<p class=\"on\">{{pageTitle}}</p>\n")
        _ = await session.rebuild()
        try editFlavorsEndpoint()
        let report = await session.rebuild()
        XCTAssertEqual(report.renderedEndpoints, 1, "the edited endpoint")
        XCTAssertGreaterThan(report.reusedEndpoints, 0, "the page title read the same: the others are kept")
        try await assertServesAFreshBuild(session, theme: theme)
        let flavors = String(decoding: await session.store.site.files["flavors.html"]?.bytes ?? [], as: UTF8.self)
        XCTAssertTrue(flavors.contains("<p class=\"on\">Flavors"), "the endpoints show the page title")
    }

    func testAnEndpointShowingAListOfThePageIsNotKept() async throws {
        let (session, theme) = session(endpointPrefix: "<p>{{#versions}}{{version}} {{/versions}}</p>\n")
        _ = await session.rebuild()
        try editFlavorsEndpoint()
        let report = await session.rebuild()
        XCTAssertGreaterThan(report.renderedPages, 0)
        XCTAssertEqual(report.reusedEndpoints, 0, "nothing kept: each endpoint shows a list from outside it")
        try await assertServesAFreshBuild(session, theme: theme)
    }
}

/// An os-api-ref tree's samples sit beside its source folder (`doc/api_samples` next to
/// `api-ref/source`): serve watches the folders a build read from as well as the input.
final class WatchedFolderTests: XCTestCase {
    func testFoldersReadOutsideTheInputAreWatchedOnce() {
        let folders = PreviewSession.foldersOutside(
            "/repo/api-ref/source", root: "/repo",
            read: ["api-ref/source/index.rst", "api-ref/source/parameters.yaml",
                   "doc/api_samples/flavors/flavor-get-resp.json", "doc/api_samples/flavors/v2.55/flavor-get-resp.json",
                   "doc/api_samples/servers/server-get-resp.json", "doc/api_samples/flavors/flavors-list-resp.json"])
        XCTAssertEqual(folders, ["/repo/doc/api_samples/flavors", "/repo/doc/api_samples/servers"])
        XCTAssertEqual(PreviewSession.foldersOutside("/p/api-ref", root: "/p/api-ref", read: ["pages/a.md", "samples/x.json"]), [])
    }
}

/// `serve` on nova (skipped when ../shared is absent), told what changed as the watcher tells
/// it: after each edit the findings and the site are those of a fresh build, while the
/// session kept the parses, reading steps, disk answers and pages the edit did not touch.
final class NovaIncrementalRebuildTests: XCTestCase {
    private var tree: URL!
    private var session: PreviewSession!
    private var source: URL { tree.appendingPathComponent("api-ref/source") }

    override func setUp() async throws {
        let nova = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpora/nova")
        guard FileManager.default.fileExists(atPath: nova.appendingPathComponent("api-ref/source").path) else {
            throw XCTSkip("../shared/corpora/nova is not present beside the package")
        }
        tree = FileManager.default.temporaryDirectory.appendingPathComponent("apiref-nova-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        for part in ["api-ref", "doc"] {
            try FileManager.default.copyItem(at: nova.appendingPathComponent(part), to: tree.appendingPathComponent(part))
        }
        var configuration = PreviewConfiguration(input: source.path, inputFormat: .osAPIRef)
        configuration.allowErrors = true
        session = PreviewSession(configuration: configuration,
                                 render: { model, memo in try SiteRenderer.render(model: model, memo: memo).files })
    }

    override func tearDown() async throws {
        if let tree { try? FileManager.default.removeItem(at: tree) }
    }

    /// Edits `path` (below the tree) and rebuilds as the watcher would: told that it changed.
    private func editAndRebuild(_ path: String, _ transform: (String) -> String) async throws -> RebuildReport {
        let url = tree.appendingPathComponent(path)
        try editFile(url, transform)
        return await session.rebuild(changedInputs: [url.path])
    }

    private func assertMatchesAFreshBuild(_ report: RebuildReport, file: StaticString = #filePath, line: UInt = #line) async throws {
        let (result, diagnostics) = try Pipeline.check(root: source.path, format: .osAPIRef)
        let kept = DiagnosticEngine(report.diagnostics).diagnostics, fresh = DiagnosticEngine(diagnostics).diagnostics
        if kept != fresh {
            let first = zip(kept, fresh).first { $0 != $1 }.map { "\($0.0.range) \($0.0.message) vs \($0.1.range) \($0.1.message)" }
            XCTFail("findings differ from a fresh check: \(kept.count) vs \(fresh.count); first difference: \(first ?? "none")",
                    file: file, line: line)
        }
        let served = await session.store.site.files
        let site = try SiteRenderer.render(model: result.model).files
        XCTAssertEqual(Set(served.keys), Set(site.map(\.path)), file: file, line: line)
        for output in site where served[output.path]?.bytes != output.bytes {
            XCTFail("\(output.path) differs from a fresh build", file: file, line: line)
        }
    }

    func testEditsOfASampleADefinitionAndAPageMatchFreshBuilds() async throws {
        let first = await session.rebuild()
        XCTAssertTrue(first.published)

        let sample = try await editAndRebuild("doc/api_samples/flavors/v2.102/flavor-get-resp.json") {
            $0.replacingOccurrences(of: "\"m1.small.description\"", with: "\"m1.small.described\"")
        }
        XCTAssertEqual(sample.parsedFiles, 1, "only the sample is parsed")
        XCTAssertEqual(sample.renderedPages, 1, "only the flavors page is rendered")
        try await assertMatchesAFreshBuild(sample)

        // A field the description does not have: the sample's conformance finding appears.
        let undocumented = try await editAndRebuild("doc/api_samples/flavors/v2.102/flavor-get-resp.json") {
            $0.replacingOccurrences(of: "\"name\": \"m1.small.described\"", with: "\"name\": \"m1.small.described\", \"colour\": \"red\"")
        }
        XCTAssertTrue(undocumented.diagnostics.contains { $0.message.contains("colour") }, "the new field is reported")
        XCTAssertGreaterThan(undocumented.ranRules, 0, "the rules reporting what the samples' walk found run again")
        try await assertMatchesAFreshBuild(undocumented)

        // A sample that no longer parses: its finding appears, the rest is kept.
        let broken = try await editAndRebuild("doc/api_samples/flavors/v2.102/flavor-get-resp.json") {
            $0.replacingOccurrences(of: "\"m1.small.described\"", with: "\"m1.small.described\",,")
        }
        XCTAssertTrue(broken.diagnostics.contains { $0.code == InvalidJSON.descriptor.code })
        try await assertMatchesAFreshBuild(broken)

        let definition = try await editAndRebuild("api-ref/source/parameters.yaml") {
            $0.replacingOccurrences(of: "    The ID of the flavor.\n", with: "    The ID of the flavor, see :ref:`flavors`.\n")
        }
        XCTAssertEqual(definition.ranRules, 0, "no rule reads a description: every rule's findings are kept")
        XCTAssertEqual(definition.keptRules, RuleRegistry.modelRules.count)
        try await assertMatchesAFreshBuild(definition)

        // A definition shown in a table outside any endpoint (request-ids.inc): its page's
        // prose shows the new description.
        let tabled = try await editAndRebuild("api-ref/source/parameters.yaml") {
            $0.replacingOccurrences(of: "The global request ID, which is a unique common ID", with: "The global request ID, a unique common ID")
        }
        XCTAssertTrue(tabled.renderedPaths.contains { $0.hasSuffix("request-ids.inc.html") }, "\(tabled.renderedPaths)")
        try await assertMatchesAFreshBuild(tabled)

        // A definition's window (which the endpoints' own fingerprints do not hold): the
        // samples of the endpoints naming it are checked again.
        let narrowed = try await editAndRebuild("api-ref/source/parameters.yaml") {
            $0.replacingOccurrences(of: "    The amount of RAM a flavor has, in MiB.\n  in: body\n  required: true\n  type: integer\n",
                                    with: "    The amount of RAM a flavor has, in MiB.\n  in: body\n  required: true\n  type: integer\n  max_version: 2.60\n")
        }
        XCTAssertTrue(narrowed.diagnostics.contains { $0.code == FieldOutsideWindow.descriptor.code && $0.message.contains("ram") },
                      "samples after 2.60 showing 'ram' are reported")
        try await assertMatchesAFreshBuild(narrowed)

        // Prose only, then a section title (which the reference index holds).
        let prose = try await editAndRebuild("api-ref/source/flavors.inc") {
            $0.replacingOccurrences(of: "Shows details for a flavor.", with: "Shows the details of one flavor.")
        }
        try await assertMatchesAFreshBuild(prose)
        let title = try await editAndRebuild("api-ref/source/flavors.inc") {
            $0.replacingOccurrences(of: "Show Flavor Details", with: "Show One Flavor")
        }
        try await assertMatchesAFreshBuild(title)
    }

    /// A page edit takes the samples whole (nothing in their folders changed) without looking
    /// at each; a sample edited after that is still the only file parsed again.
    func testSamplesKeptWholeThroughAPageEditThenOneSampleEdit() async throws {
        _ = await session.rebuild()
        let page = try await editAndRebuild("api-ref/source/flavors.inc") {
            $0.replacingOccurrences(of: "Shows details for a flavor.", with: "Shows the details of one flavor.")
        }
        XCTAssertEqual(page.parsedFiles, 1, "only the page is parsed")
        XCTAssertLessThan(page.parsedFiles + page.reusedParses, 739, "the samples were kept whole, not looked at one by one")
        let again = try await editAndRebuild("api-ref/source/flavors.inc") {
            $0.replacingOccurrences(of: "Shows the details of one flavor.", with: "Shows one flavor.")
        }
        XCTAssertEqual(again.parsedFiles, 1, "only the page is parsed")
        let sample = try await editAndRebuild("doc/api_samples/flavors/v2.102/flavor-get-resp.json") {
            $0.replacingOccurrences(of: "\"m1.small.description\"", with: "\"m1.small.described\"")
        }
        XCTAssertEqual(sample.parsedFiles, 1, "only the sample is parsed, though two builds took the samples whole")
        try await assertMatchesAFreshBuild(sample)

        // A page now showing another sample already on disk: the samples are loaded again, each
        // taken from the last load but the one not loaded before.
        let include = try await editAndRebuild("api-ref/source/flavors.inc") {
            $0.replacingOccurrences(of: ".. literalinclude:: ../../doc/api_samples/flavors/v2.102/flavor-get-resp.json",
                                    with: ".. literalinclude:: ../../doc/api_samples/flavors/v2.55/flavor-get-resp.json")
        }
        XCTAssertEqual(include.parsedFiles, 2, "the page and the newly shown sample")
        try await assertMatchesAFreshBuild(include)
    }

    /// Builds that keep the parameters file whole do not look at its descriptions or at the
    /// endpoints made from them; those are still kept for the build that edits the file.
    func testStepsInsideKeptStepsOutliveBuildsThatKeptThem() async throws {
        _ = await session.rebuild()
        func editDefinition(_ old: String, _ new: String) async throws -> RebuildReport {
            try await editAndRebuild("api-ref/source/parameters.yaml") {
                $0.replacingOccurrences(of: "    The ID of the flavor\(old).\n", with: "    The ID of the flavor\(new).\n")
            }
        }
        let first = try await editDefinition("", " (1)")
        for mark in ["A", "B", "C"] {
            _ = try await editAndRebuild("api-ref/source/flavors.inc") {
                $0.replacingOccurrences(of: "Shows details for a flavor", with: "Shows details for a flavor \(mark)")
            }
        }
        let second = try await editDefinition(" (1)", " (2)")
        XCTAssertLessThanOrEqual(second.madeSteps, first.madeSteps, "the descriptions and endpoints kept through the page edits")
        try await assertMatchesAFreshBuild(second)
    }

    /// The kept samples are brought up to date after a sample edit (only it read again), and
    /// loaded again when the edit is more than that: a sample removed and put back, a new
    /// file beside the samples. An editor's save (a temporary file renamed over the sample)
    /// is an edit.
    func testSampleRemovalsAdditionsAndEditorSavesMatchFreshBuilds() async throws {
        _ = await session.rebuild()
        let folder = tree.appendingPathComponent("doc/api_samples/flavors/v2.102")
        let sample = folder.appendingPathComponent("flavor-get-resp.json")
        let text = try String(contentsOf: sample, encoding: .utf8)

        let temporary = folder.appendingPathComponent(".flavor-get-resp.json.swp")
        try text.replacingOccurrences(of: "\"m1.small.description\"", with: "\"m1.small.saved\"")
            .write(to: temporary, atomically: false, encoding: .utf8)
        XCTAssertEqual(rename(temporary.path, sample.path), 0)
        let saved = await session.rebuild(changedInputs: [temporary.path, sample.path])
        XCTAssertEqual(saved.parsedFiles, 1, "only the saved sample is parsed")
        XCTAssertEqual(saved.revisedSteps, 2, "the kept samples and what discovery found were brought up to date")
        XCTAssertEqual(saved.renderedPages, 1)
        try await assertMatchesAFreshBuild(saved)

        try FileManager.default.removeItem(at: sample)
        let removed = await session.rebuild(changedInputs: [sample.path])
        XCTAssertEqual(removed.revisedSteps, 0, "a removal loads the samples again")
        XCTAssertTrue(removed.diagnostics.contains { $0.code == MissingSample.descriptor.code && $0.message.contains("flavor-get-resp.json") })
        try await assertMatchesAFreshBuild(removed)

        try text.write(to: sample, atomically: false, encoding: .utf8)
        let restored = await session.rebuild(changedInputs: [sample.path])
        XCTAssertFalse(restored.diagnostics.contains { $0.code == MissingSample.descriptor.code && $0.message.contains("flavor-get-resp.json") })
        try await assertMatchesAFreshBuild(restored)

        // A sample no page includes: found by discovery, so its finding appears.
        let added = folder.appendingPathComponent("flavor-extra-resp.json")
        try "{\"flavor\": {}}\n".write(to: added, atomically: false, encoding: .utf8)
        let addition = await session.rebuild(changedInputs: [added.path])
        XCTAssertEqual(addition.revisedSteps, 1, "the samples were brought up to date; discovery looked again")
        XCTAssertTrue(addition.diagnostics.contains { $0.range.file.hasSuffix("flavor-extra-resp.json") })
        try await assertMatchesAFreshBuild(addition)
    }
}
