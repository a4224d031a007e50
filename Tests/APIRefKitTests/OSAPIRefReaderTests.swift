import XCTest
@testable import APIRefKit

/// Reading os-api-ref trees (Fixtures/os-api-ref/tree.txtar and variations) into the model.
final class OSAPIRefReaderTests: XCTestCase {
    func testTreeReadsIntoTheSameModelAsNativeDescriptions() throws {
        let tree = try OSAPIRefFixture.read()
        let model = tree.result.model
        XCTAssertEqual(tree.result.root, "/repo", "the root holds the source folder and the samples")
        XCTAssertEqual(tree.sourcePrefix, "api-ref/source")
        XCTAssertEqual(tree.sampleFolders, ["doc/api_samples/widgets"])
        XCTAssertEqual(model.pages.map(\.path), ["api-ref/source/index.rst", "api-ref/source/widgets.inc",
                                                 "api-ref/source/gadgets.inc"], "included twice, read once")
        XCTAssertEqual(model.pages.map(\.title), ["Widget API", "Widgets (widgets)", "Gadgets"])
        XCTAssertEqual(model.project.title, "Widget API")
        XCTAssertEqual(model.project.versions, VersionRange(min: Microversion(1, 0), max: Microversion(1, 5)))
        XCTAssertEqual(model.endpoints.map { "\($0.method) \($0.path.value) \($0.title) \($0.versions)" }, [
            "GET /widgets List Widgets all versions",
            "GET /widgets/{widget_id} Show Widget all versions",
            "POST /widgets Create Widget 1.2 and later",
            "DELETE /gadgets/{gadget_id} Delete Gadget up to 1.4",
        ])
        XCTAssertEqual(model.endpoints.map(\.id), ["list-widgets", "show-widget", "create-widget", "delete-gadget"])
        XCTAssertEqual(model.endpoints[0].path.range.description, "api-ref/source/widgets.inc:14:22")
    }

    func testEndpointPartsComeFromTheirSubsections() throws {
        let model = try OSAPIRefFixture.read().result.model
        let list = model.endpoints[0], show = model.endpoints[1], create = model.endpoints[2]
        XCTAssertEqual(list.request.map(\.name), ["limit"])
        XCTAssertEqual(list.response.map(\.name), ["widgets", "widgets.id", "widgets.name", "widgets.tags", "widgets_links"])
        XCTAssertEqual(show.response.map(\.name), ["widget", "widget.id", "widget.name", "widget.color", "widget.color",
                                                   "widget.metadata", "widget.metadata.{key}", "widget.metadata.{key}",
                                                   "widget.parts", "widget.parts.size"])
        XCTAssertEqual(create.request.map(\.name), ["widget", "widget.name"])
        XCTAssertEqual(list.successCodes.map(\.code), [200])
        XCTAssertEqual(list.errorCodes.map(\.code), [401, 403])
        XCTAssertEqual(show.errorCodes.map { "\($0.code) \($0.reason ?? "")" }, ["404 The resource could not be found.",
                                                                              "409 The widget is locked."])
        XCTAssertEqual(show.samples.map { "\($0.direction) \($0.version) \($0.path) \($0.caption ?? "-")" }, [
            "response 1.0 doc/api_samples/widgets/widget-show-resp.json Example Show Widget",
            "response 1.3 doc/api_samples/widgets/v1.3/widget-show-resp.json Example Show Widget (v1.3)",
        ])
        XCTAssertEqual(create.samples.map { "\($0.direction) \($0.version)" }, ["request 1.2", "response 1.2"])
        // Prose before `rest_method` opens the description; status paragraphs become codes.
        XCTAssertEqual(show.description?.text, "> **Warning:** Only for admins.\n\nShows a widget.")
        XCTAssertEqual(list.description?.text, "Lists widgets.")
    }

    func testPageProseLinksAndAnchors() throws {
        let model = try OSAPIRefFixture.read().result.model
        let widgets = model.pages[1]
        guard case .prose(let prose) = widgets.blocks.first else { return XCTFail("no prose") }
        XCTAssertEqual(prose.text, "# Widgets (widgets)\n\nWidgets are things. Gadgets are described in [Gadgets](gadgets.inc#gadgets).")
        XCTAssertEqual(widgets.links.map(\.destination), ["gadgets.inc#gadgets"])
        XCTAssertTrue(widgets.anchors.isSuperset(of: ["widgets-widgets", "list-widgets", "show-widget", "create-widget"]))
        guard case .prose(let index) = model.pages[0].blocks.first else { return XCTFail("no index prose") }
        XCTAssertEqual(index.text, "# Widget API\n\nThis is the Widget API. See the [guide](https://docs.example.org/guide).")
    }

    /// A `rest_parameters` table outside any endpoint (nova's request-ID headers) becomes a
    /// table in the prose; the pages are read while the parameters file is, so the table is
    /// filled in afterwards.
    func testParameterTableOutsideEndpointsIsFilledFromTheParametersFile() throws {
        var widgets = try XCTUnwrap(OSAPIRefFixture.files()["api-ref/source/widgets.inc"])
        widgets = widgets.replacingOccurrences(of: "Widgets are things. Gadgets are described in :ref:`gadgets`.\n", with: """
            Widgets are things. Gadgets are described in :ref:`gadgets`.

            .. rest_parameters:: parameters.yaml

              - widget_id: widget_id_path
              - nothing: no_such_key

            """)
        let tree = try OSAPIRefFixture.read(["api-ref/source/widgets.inc": widgets])
        guard case .prose(let prose) = tree.result.model.pages[1].blocks.first else { return XCTFail("no prose") }
        XCTAssertTrue(prose.text.contains("| `widget_id` | path | string | The ID of the widget. |"), prose.text)
        XCTAssertTrue(prose.text.contains("| `nothing` |  |  |  |"), prose.text)
        XCTAssertFalse(prose.text.contains("apiref-parameter-table"), "no placeholder is left")
        XCTAssertEqual(tree.result.diagnostics.filter { $0.code == "AR042" }.map { "\($0.range.file):\($0.range.start.line)" },
                       ["api-ref/source/widgets.inc:14"])
    }

    func testDocRolesAndToctreeDocuments() throws {
        let index = try OSAPIRefFixture.files()["api-ref/source/index.rst"] ?? ""
        let tree = try OSAPIRefFixture.read([
            "api-ref/source/index.rst": index.replacingOccurrences(
                of: "This is the Widget API.",
                with: "This is the Widget API, see :doc:`gadgets`, :doc:`the notes <notes>` and :doc:`elsewhere`.")
                + "\n.. toctree::\n   :maxdepth: 1\n\n   notes\n",
            "api-ref/source/notes.rst": "=======\n Notes\n=======\n\nRelease notes.\n",
        ])
        let model = tree.result.model
        XCTAssertEqual(model.pages.map(\.path).last, "api-ref/source/notes.rst", "a toctree entry is a page")
        guard case .prose(let prose) = model.pages[0].blocks.first else { return XCTFail("no prose") }
        XCTAssertTrue(prose.text.contains("see [Gadgets](gadgets.inc), [the notes](notes.rst) and elsewhere."), prose.text)
        XCTAssertFalse(tree.result.diagnostics.contains { $0.code == "AR042" }, ":doc: to a file outside the tree is plain text")
    }

    func testTheFixtureChecksWithOnlyItsRealFinding() throws {
        XCTAssertEqual(try OSAPIRefFixture.findings(), ["AR030 doc/api_samples/widgets/v1.4/widget-unused-resp.json:1:1"])
    }

    func testSamplesAreDiscoveredInTheFoldersOfThoseLoadedNotOfThoseNamed() throws {
        // A missing sample in another folder widens the folders the references name (to
        // `doc`), not those of the samples loaded: discovery (walked early from the names, for
        // check and build) must still keep to `doc/api_samples/widgets`.
        var files = try OSAPIRefFixture.files()
        let page = try XCTUnwrap(files["api-ref/source/widgets.inc"])
        files["api-ref/source/widgets.inc"] = page.replacingOccurrences(
            of: ".. literalinclude:: ../../doc/api_samples/widgets/widgets-list-resp.json\n",
            with: ".. literalinclude:: ../../doc/api_samples/widgets/widgets-list-resp.json\n\n.. literalinclude:: ../../doc/extra/missing.json\n")
        files["doc/extra/other.json"] = "{}\n"
        let fileSystem = InMemoryFileSystem(files: Dictionary(uniqueKeysWithValues: files.map { ("/repo/\($0.key)", $0.value) }))
        let (result, diagnostics) = try Pipeline.check(root: OSAPIRefFixture.source, fileSystem: fileSystem)
        XCTAssertFalse(result.discoveredSamples.contains { $0.hasPrefix("doc/extra/") }, "\(result.discoveredSamples)")
        XCTAssertTrue(result.discoveredSamples.contains("doc/api_samples/widgets/v1.4/widget-unused-resp.json"))
        let unreferenced = diagnostics.filter { $0.code == "AR030" }.map(\.range.file)
        XCTAssertEqual(unreferenced, ["doc/api_samples/widgets/v1.4/widget-unused-resp.json"])
        XCTAssertTrue(diagnostics.contains { $0.message.contains("missing.json") }, "the missing sample is reported")
    }

    func testAutoDetectionPicksTheReader() throws {
        let fileSystem = try OSAPIRefFixture.fileSystem("tree", ["api-ref/source/apiref.yaml": "service: widget\n"])
        let result = try Pipeline.read(root: OSAPIRefFixture.source, fileSystem: fileSystem)
        XCTAssertEqual(result.model.project.service, "widget", "an apiref.yaml beside index.rst holds settings")
        XCTAssertThrowsError(try Pipeline.read(root: "/repo/doc", fileSystem: fileSystem))
        XCTAssertEqual(try Pipeline.read(root: OSAPIRefFixture.source, format: .osAPIRef, fileSystem: fileSystem).model.endpoints.count, 4)
    }

    func testMissingIncludeIsALocatedError() throws {
        let index = try OSAPIRefFixture.files()["api-ref/source/index.rst"] ?? ""
        let findings = try OSAPIRefFixture.findings([
            "api-ref/source/index.rst": index.replacingOccurrences(of: ".. include:: gadgets.inc", with: ".. include:: gadget.inc"),
        ])
        XCTAssertTrue(findings.contains("AR040 api-ref/source/index.rst:12:14"), "\(findings)")
        let tree = try OSAPIRefFixture.read(["api-ref/source/index.rst": index.replacingOccurrences(of: "gadgets.inc", with: "gadget.inc")])
        XCTAssertEqual(tree.result.diagnostics.first { $0.code == "AR040" }?.label, "did you mean 'gadgets.inc'?")
    }

    func testParametersQuirksAreReportedNotFatal() throws {
        let parameters = try OSAPIRefFixture.files()["api-ref/source/parameters.yaml"] ?? ""
        let quirky = parameters
            .replacingOccurrences(of: "  in: query\n  required: false\n", with: "  required: \"false\"\n  example: 10\n")
            .replacingOccurrences(of: "  max_version: 1.2\n", with: "  max_version: 1.20\n")
        let findings = try OSAPIRefFixture.findings(["api-ref/source/parameters.yaml": quirky])
        XCTAssertTrue(findings.contains("AR003 api-ref/source/parameters.yaml:15:1"), "missing `in` is located: \(findings)")
        XCTAssertTrue(findings.contains("AR004 api-ref/source/parameters.yaml:18:13"), "`required: \"false\"`: \(findings)")
        XCTAssertFalse(findings.contains { $0.hasPrefix("AR002") }, "unknown keys are ignored, as os-api-ref does")
        XCTAssertFalse(findings.contains { $0.hasPrefix("AR008") }, "os-api-ref reads 1.20 as text")
        let (_, diagnostics) = try Pipeline.check(root: OSAPIRefFixture.source, fileSystem: try OSAPIRefFixture.fileSystem(
            "tree", ["api-ref/source/parameters.yaml": quirky]))
        XCTAssertEqual(diagnostics.first { $0.code == "AR004" }?.severity, .warning)
    }

    /// A parameters file that does not parse is one finding, not one per reference and sample
    /// field: its definitions are unknown, not missing. A missing one likewise.
    func testUnreadableParametersFileIsOneFinding() throws {
        let parameters = try OSAPIRefFixture.files()["api-ref/source/parameters.yaml"] ?? ""
        let broken = parameters.replacingOccurrences(of: "  in: query\n", with: "  in: [query\n")
        XCTAssertNotEqual(broken, parameters)
        let clean = Set(try OSAPIRefFixture.findings())
        let findings = try OSAPIRefFixture.findings(["api-ref/source/parameters.yaml": broken])
        XCTAssertEqual(findings.filter { !clean.contains($0) }, ["AR001 api-ref/source/parameters.yaml:19:11"])
        XCTAssertFalse(findings.contains { $0.hasPrefix("AR014") || $0.hasPrefix("AR025") }, "\(findings)")
        XCTAssertFalse(try OSAPIRefFixture.read(["api-ref/source/parameters.yaml": broken]).result.model.definitionsAreComplete)

        let missing = try OSAPIRefFixture.findings(["api-ref/source/parameters.yaml": nil])
        XCTAssertFalse(missing.contains { $0.hasPrefix("AR014") || $0.hasPrefix("AR025") }, "\(missing)")
        XCTAssertTrue(try OSAPIRefFixture.read().result.model.definitionsAreComplete)
    }

    func testTypeAliasesAndNullability() throws {
        let model = try OSAPIRefFixture.read().result.model
        XCTAssertEqual(model.definition("widget_metadata")?.type, .object, "dict")
        XCTAssertEqual(model.definition("widget_parts")?.type, .array, "list")
        XCTAssertEqual(model.definition("widget_tags")?.nullable, true, "os-api-ref has no nullable: null is accepted")
        XCTAssertEqual(model.definition("widget_colour")?.description?.text,
                       "The colour.\n\n> **Note:** Spelled the British way from 1.3.")
    }

    func testStatusCodesNotInTheStatusFile() throws {
        let widgets = try OSAPIRefFixture.files()["api-ref/source/widgets.inc"] ?? ""
        let findings = try OSAPIRefFixture.findings([
            "api-ref/source/widgets.inc": widgets.replacingOccurrences(of: "   - 404\n", with: "   - 418\n")
                .replacingOccurrences(of: "409: widget_locked", with: "409: widget_lockd"),
        ])
        XCTAssertEqual(findings.filter { $0.hasPrefix("AR044") }, ["AR044 api-ref/source/widgets.inc:60:4",
                                                                   "AR044 api-ref/source/widgets.inc:61:4"])
    }

    func testVersionRangeSources() throws {
        let withoutConf: [String: String?] = ["api-ref/source/conf.py": "extensions = ['os_api_ref']\n"]
        let inferred = try OSAPIRefFixture.read(withoutConf)
        // min_version 1.2 and the v1.2 folder mark changes after the first version; 1.4 is the highest named.
        XCTAssertEqual(inferred.result.model.project.versions, VersionRange(min: Microversion(1, 1), max: Microversion(1, 4)))
        XCTAssertEqual(inferred.versionRangeSource, "inferred from the tree")
        let note = inferred.result.diagnostics.first { $0.code == "AR043" }
        XCTAssertEqual(note?.severity, .note)
        XCTAssertEqual(note?.message, "API microversion range 1.1 to 1.4 inferred from the versions the tree names (endpoint and parameter windows, sample folders)")

        var project = withoutConf
        project["api-ref/source/apiref.yaml"] = "title: Widgets\nmin_version: \"1.0\"\n"
        let mixed = try OSAPIRefFixture.read(project)
        XCTAssertEqual(mixed.result.model.project.versions, VersionRange(min: Microversion(1, 0), max: Microversion(1, 4)))
        XCTAssertEqual(mixed.result.model.project.title, "Widgets")
        XCTAssertEqual(mixed.versionRangeSource, "min from apiref.yaml, max from the tree")

        let forced = try OSAPIRefFixture.read(options: .init(versions: VersionRange(min: Microversion(1, 0), max: Microversion(1, 9))))
        XCTAssertEqual(forced.result.model.project.versions.max, Microversion(1, 9))
        XCTAssertEqual(forced.versionRangeSource, "from the command line")
        XCTAssertFalse(forced.result.diagnostics.contains { $0.code == "AR043" })
    }

    func testIncludesThatLeaveTheTreeAreRefused() throws {
        let widgets = try OSAPIRefFixture.files()["api-ref/source/widgets.inc"] ?? ""
        let findings = try OSAPIRefFixture.findings([
            "api-ref/source/widgets.inc": widgets.replacingOccurrences(
                of: "../../doc/api_samples/widgets/widgets-list-resp.json", with: "../../../../etc/secret.json"),
        ])
        XCTAssertTrue(findings.contains("AR021 api-ref/source/widgets.inc:42:21"), "\(findings)")
    }

    func testMalformedRestMethodIsReported() throws {
        let gadgets = try OSAPIRefFixture.files()["api-ref/source/gadgets.inc"] ?? ""
        let findings = try OSAPIRefFixture.findings([
            "api-ref/source/gadgets.inc": gadgets.replacingOccurrences(of: "max_version: 1.4", with: "max_version: v1.4")
                .replacingOccurrences(of: "DELETE /gadgets", with: "DELTE /gadgets"),
        ])
        XCTAssertTrue(findings.contains("AR004 api-ref/source/gadgets.inc:10:18"), "\(findings)")
        XCTAssertTrue(findings.contains("AR007 api-ref/source/gadgets.inc:11:17"), "\(findings)")
    }

    func testResponseCodeParagraphs() {
        func codes(_ text: String) -> String? {
            let lines = RSTLine.lines(of: text)
            guard let (kind, codes) = ResponseCodeProse.parse(lines, file: "x.inc") else { return nil }
            return "\(kind) " + codes.map { "\($0.code)" + ($0.reason.map { "(\($0))" } ?? "") }.joined(separator: ",")
        }
        XCTAssertEqual(codes("Normal response codes: 200, 202"), "success 200,202")
        XCTAssertEqual(codes("Error response codes: badRequest(400),unauthorized(401),\nitemNotFound (404)"), "error 400,401,404")
        XCTAssertEqual(codes("Normal response codes: 200 (microversions 2.0 - 2.100), 202 (microversion 2.101 - )"),
                       "success 200(microversions 2.0 - 2.100),202(microversion 2.101 -)")
        XCTAssertNil(codes("Normal response codes: it depends"))
        XCTAssertNil(codes("A 200 will be returned"))
    }

    /// Pages are built at once, yet a status file they both name is read once, and a missing
    /// one is reported once, at the first page (in document order) that names it.
    func testAMissingStatusFileIsReportedOnceAtTheFirstPageNamingIt() throws {
        let gadgets = try XCTUnwrap(OSAPIRefFixture.files()["api-ref/source/gadgets.inc"])
            .replacingOccurrences(of: "   max_version: 1.4\n", with: "   max_version: 1.4\n\n.. rest_status_code:: error status.yaml\n\n   - 404\n")
        for _ in 0..<5 {
            let found = try OSAPIRefFixture.findings(["api-ref/source/status.yaml": nil, "api-ref/source/gadgets.inc": gadgets])
                .filter { $0.hasPrefix(IncludeNotFound.descriptor.code + " ") }
            XCTAssertEqual(found.count, 1, "\(found)")
            XCTAssertTrue(found.first?.contains("api-ref/source/widgets.inc:") ?? false, "\(found)")
        }
    }
}
