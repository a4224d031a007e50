import XCTest
@testable import APIRefKit

/// `apiref convert`: an os-api-ref tree written in the native format checks with the same
/// findings as the tree itself.
final class OSAPIRefConvertTests: XCTestCase {
    /// The tree fixture with a mistake of each kind the round trip must carry over.
    static let quirks: [String: String?] = [
        "api-ref/source/parameters.yaml": (try? OSAPIRefFixture.files()["api-ref/source/parameters.yaml"] ?? "").map {
            ($0 ?? "")
                .replacingOccurrences(of: "gadget_id_path:\n  description: |\n    The ID of the gadget.\n  in: path\n",
                                      with: "gadget_id_path:\n  description: |\n    The ID of the gadget.\n")
                .replacingOccurrences(of: "  in: query\n  required: false\n", with: "  in: query\n  required: \"false\"\n  example: 5\n")
                + "widget_id:\n  description: A second copy.\n  in: body\n  required: true\n  type: string\nunused_thing:\n  description: Nothing uses it.\n  in: body\n  required: false\n  type: integer\n"
        } ?? nil,
        "doc/api_samples/widgets/widget-show-resp.json": """
        {"widget": {"id": 7, "name": "one", "color": "red", "shade": "dark", "metadata": {}, "parts": [{"size": "big"}]}}
        """,
    ]

    func convertedFileSystem(_ tree: OSAPIRefTree, from source: InMemoryFileSystem) -> (InMemoryFileSystem, ConversionOutput) {
        let output = NativeConverter(tree: tree, fileSystem: source).convert()
        var target = InMemoryFileSystem()
        for file in output.files { target.files["/out/" + file.path] = file.contents }
        return (target, output)
    }

    /// Findings as `CODE message` with sample paths in the native layout, notes left out
    /// (the native project file declares what the tree's note says was inferred).
    func comparable(_ diagnostics: [Diagnostic], layout: NativeLayout?) -> [String] {
        diagnostics.filter { $0.severity != .note }.map { diagnostic in
            var message = diagnostic.message
            if let layout {
                for folder in layout.sampleFolders where message.contains(folder + "/") {
                    message = message.replacingOccurrences(of: folder + "/", with: "samples/")
                }
            }
            return "\(diagnostic.code) \(message)"
        }.sorted()
    }

    func testRoundTripKeepsEveryFinding() throws {
        let source = try OSAPIRefFixture.fileSystem("tree", Self.quirks)
        let tree = try OSAPIRefReader(fileSystem: source, root: OSAPIRefFixture.source).readTree()
        let original = Pipeline.validate(tree.result)
        let (target, output) = convertedFileSystem(tree, from: source)
        let (native, converted) = try Pipeline.check(root: "/out", format: .native, fileSystem: target)
        let expected = comparable(original, layout: NativeLayout(tree: tree))
        XCTAssertEqual(comparable(converted, layout: nil), expected)
        XCTAssertEqual(Set(expected.map { String($0.prefix(5)) }),
                       ["AR003", "AR004", "AR012", "AR015", "AR025", "AR028", "AR030"], "the quirks show up")
        XCTAssertEqual(native.model.endpoints.count, tree.result.model.endpoints.count)
        XCTAssertTrue(output.notices.contains { $0.hasPrefix("dropped key 'example' of definition 'limit'") }, "\(output.notices)")
    }

    func testNativeLayoutAndEndpointBlocks() throws {
        let source = try OSAPIRefFixture.fileSystem()
        let tree = try OSAPIRefReader(fileSystem: source, root: OSAPIRefFixture.source).readTree()
        let (target, _) = convertedFileSystem(tree, from: source)
        XCTAssertEqual(Set(target.files.keys.filter { !$0.hasPrefix("/out/samples/") }),
                       ["/out/apiref.yaml", "/out/parameters.yaml", "/out/pages/index.md", "/out/pages/widgets.md",
                        "/out/pages/gadgets.md"])
        XCTAssertNotNil(target.files["/out/samples/v1.4/widget-unused-resp.json"], "unreferenced samples are copied too")
        let project = String(decoding: target.files["/out/apiref.yaml"] ?? [], as: UTF8.self)
        XCTAssertTrue(project.contains("min_version: \"1.0\"\nmax_version: \"1.5\""), project)
        XCTAssertTrue(project.contains("pages:\n  - pages/index.md\n  - pages/widgets.md\n  - pages/gadgets.md"), project)
        let widgets = String(decoding: target.files["/out/pages/widgets.md"] ?? [], as: UTF8.self)
        XCTAssertTrue(widgets.hasPrefix("# Widgets (widgets)\n\nWidgets are things. Gadgets are described in [Gadgets](gadgets.md#gadgets).\n"), widgets)
        XCTAssertTrue(widgets.contains("""
        ## Show Widget

        ```endpoint
        id: show-widget
        method: GET
        path: "/widgets/{widget_id}"
        title: Show Widget
        status:
          success:
            - 200: "Request was successful."
          error:
            - 404: "The resource could not be found."
            - 409: "The widget is locked."
        request:
          - widget_id: widget_id_path
        response:
          - widget: widget
        """), widgets)
        XCTAssertTrue(widgets.contains("  - \"widget.metadata.{key}\": metadata_key\n"), widgets)
        XCTAssertTrue(widgets.contains("""
        samples:
          # Example Show Widget
          - response: samples/widget-show-resp.json
          # Example Show Widget (v1.3)
          - response: samples/v1.3/widget-show-resp.json
        ```

        > **Warning:** Only for admins.

        Shows a widget.
        """), widgets)
        let parameters = String(decoding: target.files["/out/parameters.yaml"] ?? [], as: UTF8.self)
        XCTAssertTrue(parameters.contains("""
        widget_colour:
          description: |
            The colour.

            > **Note:** Spelled the British way from 1.3.
          in: body
          required: true
          type: string
          min_version: "1.3"
          nullable: true
        """), parameters)
        XCTAssertTrue(parameters.hasPrefix("# path\ngadget_id_path:\n"), "comments and order are kept")
    }

    func testConvertedFixtureChecksLikeTheTree() throws {
        let source = try OSAPIRefFixture.fileSystem()
        let tree = try OSAPIRefReader(fileSystem: source, root: OSAPIRefFixture.source).readTree()
        let (target, _) = convertedFileSystem(tree, from: source)
        let (_, diagnostics) = try Pipeline.check(root: "/out", fileSystem: target)
        XCTAssertEqual(diagnostics.map { "\($0.code) \($0.range.file)" }, ["AR030 samples/v1.4/widget-unused-resp.json"])
    }

    func testLinksBetweenPagesAreRetargeted() {
        XCTAssertEqual(NativePageWriter.retargetingLinks("[a](servers.inc#x), [b](../b.rst) and [c](https://x.org/y.rst)"),
                       "[a](servers.md#x), [b](../b.md) and [c](https://x.org/y.rst)")
    }
}
