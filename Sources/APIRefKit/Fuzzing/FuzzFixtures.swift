/// The small valid descriptions the fuzz harnesses put each input into: one file of a fixture
/// is replaced by the fuzzer's bytes and the whole description is read and checked, so the
/// rules run on whatever the reader made of it. Both check clean as they are.
enum FuzzFixtures {
    /// A native description; the same as the rule fixtures' `_base.txtar`.
    static let native: [String: String] = [
        "apiref.yaml": """
            title: Widget API
            service: widget
            version_header: Widget-API-Version
            min_version: "1.0"
            max_version: "1.5"
            versions:
              "1.2":
                notes: Widgets gain a colour.

            """,
        "parameters.yaml": """
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
            widget_id:
              in: body
              type: string
              required: true
              description: The widget's ID.
            widget_size:
              in: body
              type: integer
              required: true
              description: Size in centimetres.
            widget_color:
              in: body
              type: string
              required: true
              min_version: "1.2"
              enum: [red, blue]
              description: Colour of the widget.

            """,
        "pages/widgets.md": """
            # Widgets

            Widgets are things. See [show a widget](#show-widget).

            ## Show widget

            ```endpoint
            method: GET
            path: /widgets/{widget_id}
            status:
              success: [200]
              error:
                - 404: No such widget.
            request:
              - widget_id: widget_id_path
            response:
              - widget: widget
              - widget.id: widget_id
              - widget.size: widget_size
              - widget.color: widget_color
            samples:
              - response: samples/widget-show-resp.json
              - response: samples/v1.2/widget-show-resp.json
            ```

            Returns one widget.

            """,
        "samples/widget-show-resp.json": """
            {"widget": {"id": "w1", "size": 3}}

            """,
        "samples/v1.2/widget-show-resp.json": """
            {
              "widget": {
                "id": "w1",
                "size": 3,
                "color": "red"
              }
            }

            """,
    ]

    /// Where the native description sits in the in-memory file system.
    static let nativeRoot = "/fuzz"

    /// An os-api-ref source folder: `index.rst` includes `widgets.inc`, the file fuzzed.
    static let osAPIRef: [String: String] = [
        "index.rst": """
            :tocdepth: 2

            ============
             Widget API
            ============

            .. rest_expand_all::

            .. include:: widgets.inc

            """,
        "widgets.inc": """
            .. -*- rst -*-

            =========
             Widgets
            =========

            Widgets are things.

            Show widget
            ===========

            .. rest_method:: GET /widgets/{widget_id}

            Shows one widget.

            Normal response codes: 200

            Error response codes: itemNotFound(404)

            Request
            -------

            .. rest_parameters:: parameters.yaml

              - widget_id: widget_id_path

            Response
            --------

            .. rest_parameters:: parameters.yaml

              - widget: widget
              - id: widget_id
              - size: widget_size

            **Example Show widget: JSON response**

            .. literalinclude:: samples/widget-show-resp.json
               :language: javascript

            """,
        "parameters.yaml": """
            widget_id_path:
              in: path
              type: string
              required: true
              description: |
                The ``id`` of the widget.
            widget:
              in: body
              type: object
              required: true
              description: A widget.
            widget_id:
              in: body
              type: string
              required: true
              description: The widget's ID.
            widget_size:
              in: body
              type: integer
              required: true
              description: Size in centimetres.

            """,
        "samples/widget-show-resp.json": """
            {"widget": {"id": "w1", "size": 3}}

            """,
    ]

    /// The source folder of the os-api-ref tree in the in-memory file system.
    static let osAPIRefRoot = "/fuzz/api-ref/source"
}
