import Foundation
import XCTest
@testable import APIRefKit

/// Shared by the Render* tests: the demo description, small in-memory descriptions, and
/// rendering them.
enum RenderFixtures {
    /// The repository's demo description, read once.
    static let demo: APIModel = {
        let root = Fixtures.packageRoot.appendingPathComponent("api-ref").path
        guard let (result, _) = try? Pipeline.check(root: root) else { fatalError("the demo api-ref cannot be read") }
        return result.model
    }()

    static let options = RenderOptions(generator: "apiref")

    static func demoSite() throws -> RenderedSite {
        try SiteRenderer.render(model: demo, theme: .builtIn, options: options)
    }

    /// A description from txtar-style text (`-- path --` sections), read from memory.
    static func model(_ text: String) throws -> (APIModel, [Diagnostic]) {
        let fileSystem = TxtarFixture(text: text).fileSystem(root: "/p")
        let (result, diagnostics) = try Pipeline.check(root: "/p", fileSystem: fileSystem)
        return (result.model, diagnostics)
    }

    static func html(_ site: RenderedSite, _ path: String) -> String {
        site[path].map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
    }

    /// A small API: a widget endpoint whose fields change over microversions 1.0 to 1.12, so
    /// that 1.10 and 1.9 must compare as numbers.
    static let widgets = """
    -- apiref.yaml --
    title: Widget <API> & "Co"
    service: widget
    version_header: Widget-API-Version
    min_version: "1.0"
    max_version: "1.12"
    description: |
      Widgets <script>alert(1)</script> and **bold** text.
    versions:
      "1.10":
        release: Tenth
        notes: Widgets gain a `colour`; `legacy` is gone.
    -- parameters.yaml --
    widget_id_path:
      in: path
      type: string
      required: true
      description: The widget's ID.
    widget:
      in: body
      type: object
      required: true
      description: A widget.
    widget_size:
      in: body
      type: integer
      required: true
      max_version: "1.9"
      description: Size in centimetres.
    widget_size_m:
      in: body
      type: number
      required: true
      min_version: "1.10"
      description: Size in metres.
    widget_colour:
      in: body
      type: string
      required: true
      min_version: "1.10"
      enum: [red, blue]
      description: Colour of the widget.
    widget_legacy:
      in: body
      type: string
      required: true
      max_version: "1.9"
      description: Old field, see [the list](pages/widgets.md#list-widgets).
    -- pages/widgets.md --
    # Widgets

    Widgets <b>are</b> things. See [show a widget](#show-widget) and [more](other.md#x).

    | Name | Meaning |
    | --- | :-: |
    | `a` | [first](widgets.md#show-widget) |

    ## Show widget

    ```endpoint
    method: GET
    path: /widgets/{widget_id}
    status:
      success: [200]
      error:
        - 404: No such `widget`.
    request:
      - widget_id: widget_id_path
    response:
      - widget: widget
      - widget.size: widget_size
      - widget.size: widget_size_m
      - widget.colour: widget_colour
      - widget.legacy: widget_legacy
    samples:
      - response: samples/widget-show-resp.json
      - response: samples/v1.10/widget-show-resp.json
    ```

    Returns one widget.

    ## List widgets

    ```endpoint
    method: GET
    path: /widgets
    min_version: "1.2"
    max_version: "1.9"
    response:
      - widget: widget
    ```
    -- pages/other.md --
    # Other

    ## X

    Nothing.

    ## Raw <i>heading</i>
    -- samples/widget-show-resp.json --
    {"widget": {"size": 3, "legacy": "<old>"}}
    -- samples/v1.10/widget-show-resp.json --
    {"widget": {"size": 0.03, "colour": "red"}}
    """
}
