import XCTest
@testable import APIRefKit

/// Reader behaviour on small in-memory projects built from the base rule fixture.
final class NativeReaderTests: XCTestCase {
    private func check(_ overrides: [String: String?], symlinks: [String: String] = [:]) throws -> ([Diagnostic], ReadResult) {
        var files = try TxtarFixture.load("_base").files
        for (path, text) in overrides { files[path] = text }
        var fileSystem = InMemoryFileSystem(
            files: Dictionary(uniqueKeysWithValues: files.map { ("/p/\($0.key)", $0.value) }), symlinks: symlinks)
        fileSystem.files["/outside/secret.json"] = Array("{\"widget\": {}}".utf8)
        let (result, diagnostics) = try Pipeline.check(root: "/p", fileSystem: fileSystem)
        return (diagnostics, result)
    }

    private func codes(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.sorted(by: Diagnostic.ordered).map { "\($0.code)@\($0.range.file):\($0.range.start)" }
    }

    func testUnquotedTwoDigitMinorIsReadAsWrittenAndReported() throws {
        let project = """
        title: W
        service: w
        version_header: W-API-Version
        min_version: 1.0
        max_version: 1.10
        """
        let (diagnostics, result) = try check(["apiref.yaml": project])
        XCTAssertEqual(result.model.project.maxVersion, Microversion(1, 10), "1.10 must not become 1.1")
        XCTAssertEqual(codes(diagnostics), ["AR008@apiref.yaml:4:14", "AR008@apiref.yaml:5:14"])
    }

    func testMergeKeysAndAnchorsAreApplied() throws {
        let parameters = """
        base_id: &base
          in: body
          type: string
          required: true
          description: An ID.
        widget_id_path:
          <<: *base
          in: path
        widget:
          in: body
          type: object
          required: true
          description: A widget.
        widget_id:
          <<: *base
        widget_size:
          <<: *base
          type: integer
        widget_color:
          <<: *base
          min_version: "1.2"
        """
        let (diagnostics, result) = try check(["parameters.yaml": parameters])
        XCTAssertEqual(result.model.definition("widget_id_path")?.location, .path)
        XCTAssertEqual(result.model.definition("widget_size")?.type, .integer)
        XCTAssertEqual(result.model.definition("widget_color")?.required, true)
        XCTAssertEqual(codes(diagnostics), ["AR015@parameters.yaml:1:1"], "only base_id is unused")
    }

    func testDuplicateDefinitionDoesNotHideTheRestOfTheFile() throws {
        var parameters = try TxtarFixture.load("_base").files["parameters.yaml"] ?? ""
        parameters = "widget_size:\n  in: body\n  type: string\n  required: false\n  description: Shadowed.\n" + parameters
        let (diagnostics, result) = try check(["parameters.yaml": parameters])
        XCTAssertEqual(result.model.definitions.count, 5)
        XCTAssertEqual(result.model.definition("widget_size")?.type, .string, "the first definition wins")
        XCTAssertTrue(codes(diagnostics).contains("AR012@parameters.yaml:21:1"), "\(codes(diagnostics))")
    }

    func testEndpointTitleProseAndSampleVersions() throws {
        let (diagnostics, result) = try check([:])
        XCTAssertEqual(diagnostics.count, 0)
        let page = try XCTUnwrap(result.model.pages.first)
        XCTAssertEqual(page.title, "Widgets")
        let endpoint = try XCTUnwrap(page.endpoints.first)
        XCTAssertEqual(endpoint.title, "Show widget")
        XCTAssertEqual(endpoint.id, "show-widget")
        XCTAssertEqual(endpoint.description?.text, "Returns one widget.")
        XCTAssertEqual(endpoint.samples.map(\.version), [Microversion(1, 0), Microversion(1, 2)])
        XCTAssertEqual(endpoint.samples.map(\.versionSource), [.endpoint, .folder])
        XCTAssertEqual(endpoint.errorCodes.first?.reason, "No such widget.")
        XCTAssertEqual(page.blocks.count, 2, "intro prose, then the endpoint")
        XCTAssertTrue(page.anchors.contains("show-widget"))
    }

    func testSymlinkOutOfTheRootIsRefused() throws {
        let page = try XCTUnwrap(TxtarFixture.load("_base").files["pages/widgets.md"])
            .replacingOccurrences(of: "  - response: samples/widget-show-resp.json\n",
                                  with: "  - response: samples/widget-show-resp.json\n  - response: samples/link/secret.json\n")
        let (diagnostics, _) = try check(["pages/widgets.md": page], symlinks: ["/p/samples/link": "/outside"])
        XCTAssertEqual(codes(diagnostics), ["AR021@pages/widgets.md:23:15"])
    }

    /// The sample file itself links out (its folder is inside): refused too; one that links
    /// to a file inside the root is read.
    func testSampleFileSymlinkOutOfTheRootIsRefused() throws {
        let page = try XCTUnwrap(TxtarFixture.load("_base").files["pages/widgets.md"])
            .replacingOccurrences(of: "  - response: samples/widget-show-resp.json\n",
                                  with: "  - response: samples/widget-show-resp.json\n  - response: samples/secret.json\n"
                                      + "  - response: samples/alias.json\n")
        let (diagnostics, result) = try check(["pages/widgets.md": page],
                                              symlinks: ["/p/samples/secret.json": "/outside/secret.json",
                                                         "/p/samples/alias.json": "/p/samples/widget-show-resp.json"])
        XCTAssertEqual(codes(diagnostics).filter { $0.hasPrefix("AR021") }, ["AR021@pages/widgets.md:23:15"])
        XCTAssertNotNil(result.model.samples["samples/alias.json"]?.value, "a link inside the root is followed")
    }

    func testSnapshotAnswersTheAPIAtAVersion() throws {
        let (_, result) = try check([:])
        let before = try XCTUnwrap(result.model.snapshot(at: Microversion(1, 1)).first)
        let after = try XCTUnwrap(result.model.snapshot(at: Microversion(1, 2)).first)
        XCTAssertEqual(before.response.map(\.reference.name), ["widget", "widget.id", "widget.size"])
        XCTAssertEqual(after.response.map(\.reference.name), ["widget", "widget.id", "widget.size", "widget.color"])
        XCTAssertEqual(after.request.map(\.definition.location), [.path])
        XCTAssertTrue(result.model.snapshot(at: Microversion(1, 6)).isEmpty, "outside the API's range")
    }

    func testNestedArraysMapsAndFreeFormObjects() throws {
        let parameters = (try TxtarFixture.load("_base").files["parameters.yaml"] ?? "") + """
        widget_parts:
          in: body
          type: array
          items: object
          required: false
          description: Parts.
        part_name:
          in: body
          type: string
          required: true
          description: Part name.
        widget_labels:
          in: body
          type: object
          required: false
          description: Labels.
        label_value:
          in: body
          type: string
          required: false
          description: A label's value.
        widget_extra:
          in: body
          type: object
          required: false
          description: Anything.
        widget_tags:
          in: body
          type: array
          items: string
          required: false
          description: Tags.

        """
        let page = try XCTUnwrap(TxtarFixture.load("_base").files["pages/widgets.md"])
            .replacingOccurrences(of: "  - widget.color: widget_color\n", with: """
              - widget.color: widget_color
              - widget.parts: widget_parts
              - widget.parts.name: part_name
              - widget.labels: widget_labels
              - widget.labels.{key}: label_value
              - widget.extra: widget_extra
              - widget.tags: widget_tags

            """)
        let sample = """
        {"widget": {"id": "w", "size": 1, "color": "red",
          "parts": [{"name": "a"}, {}, {"name": 3, "weight": 1}],
          "labels": {"env": "prod", "tier": 2},
          "extra": {"anything": {"goes": [1, 2]}},
          "tags": ["x", 5]}}
        """
        let (diagnostics, _) = try check(["parameters.yaml": parameters, "pages/widgets.md": page,
                                          "samples/v1.2/widget-show-resp.json": sample])
        XCTAssertEqual(codes(diagnostics), [
            "AR027@samples/v1.2/widget-show-resp.json:2:28",  // the second part lacks 'name'
            "AR028@samples/v1.2/widget-show-resp.json:2:41",  // name: 3
            "AR025@samples/v1.2/widget-show-resp.json:2:44",  // weight is undocumented
            "AR028@samples/v1.2/widget-show-resp.json:3:37",  // label value 2
            "AR028@samples/v1.2/widget-show-resp.json:5:17",  // tag 5
        ])
        let pointers = diagnostics.sorted(by: Diagnostic.ordered).compactMap(\.pointer)
        XCTAssertEqual(pointers, ["/widget/parts/1", "/widget/parts/2/name", "/widget/parts/2/weight",
                                  "/widget/labels/tier", "/widget/tags/1"])
    }

    func testMissingFolderAndMissingProjectFileAreInputErrors() {
        let empty = InMemoryFileSystem(files: ["/q/readme.txt": "hi"])
        XCTAssertThrowsError(try Pipeline.check(root: "/nowhere", fileSystem: empty))
        XCTAssertThrowsError(try Pipeline.check(root: "/q", fileSystem: empty))
        XCTAssertThrowsError(try Pipeline.check(root: "/q/readme.txt", fileSystem: empty))
    }

    func testUnreadableFileIsExitStatusTwo() throws {
        var fileSystem = try TxtarFixture.load("_base").fileSystem(root: "/p")
        fileSystem.unreadable = ["/p/parameters.yaml"]
        let (_, diagnostics) = try Pipeline.check(root: "/p", fileSystem: fileSystem)
        XCTAssertEqual(DiagnosticEngine(diagnostics).exitCode, 2)
        XCTAssertTrue(diagnostics.contains { $0.code == "AR000" && $0.message.contains("permission denied") })
    }
}
