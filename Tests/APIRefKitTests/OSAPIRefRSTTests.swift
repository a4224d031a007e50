import XCTest
@testable import APIRefKit

/// reStructuredText prose as real os-api-ref trees write it, converted to Markdown for cmark.
final class OSAPIRefRSTTests: XCTestCase {
    /// The Markdown of a snippet (as a document: section titles allowed) and what was reported.
    func convert(_ rst: String, targets: String = "") -> (markdown: String, codes: [String]) {
        let collector = DiagnosticCollector()
        let lines = RSTLine.lines(of: rst + "\n" + targets)
        let document = RSTDocument(path: "page.inc", text: rst, textKey: nil, lines: lines, blocks: RSTBlockParser.parseDocument(lines),
                                   documentFolder: "", isDocument: true)
        let index = RSTReferenceIndex()
        index.add(document, outline: RSTOutline(document.blocks), page: "page.inc")
        let context = RSTPageContext(file: "page.inc", page: "page.inc", document: "page.inc", documentFolder: "",
                                     index: index, collector: collector)
        let markdown = RSTMarkdownWriter(context: context).markdown(document.blocks)
        return (markdown, collector.diagnostics.map { "\($0.code)@\($0.range.start)" })
    }

    func testParagraphsKeepLinesAndEscapeMarkdownSyntax() {
        let (markdown, codes) = convert("""
        First line of a paragraph
        continues here with 2 * 3 and [brackets].

        # not a heading, <b>not html</b>
        1. not a list, but 2.37 stays as is
        - not a list, -1 stays
        """)
        XCTAssertEqual(markdown, """
        First line of a paragraph
        continues here with 2 \\* 3 and \\[brackets\\].

        \\# not a heading, \\<b>not html\\</b>
        1\\. not a list, but 2.37 stays as is
        \\- not a list, -1 stays
        """)
        XCTAssertEqual(codes, [])
    }

    func testInlineLiteralsEmphasisAndStrong() {
        let (markdown, _) = convert("Use ``GET /servers`` with *care* and **always** ``a `tick```, not server_id_.")
        XCTAssertEqual(markdown, "Use `GET /servers` with *care* and **always** `` a `tick` ``, not server_id\\_.")
    }

    func testBulletListsNestAndWrap() {
        let (markdown, _) = convert("""
        - ``ACTIVE``. The server is active.
        - ``HARD_REBOOT``. The server is hard rebooting. This is
          equivalent to pulling the plug.

          - nested item

        *  star bullet
        """)
        XCTAssertEqual(markdown, """
        - `ACTIVE`. The server is active.
        - `HARD_REBOOT`. The server is hard rebooting. This is
          equivalent to pulling the plug.

          - nested item

        - star bullet
        """)
    }

    func testEnumeratedListsKeepTheirStart() {
        let (markdown, _) = convert("""
        3. three
        4. four

        #. auto-numbered items continue the list

        A paragraph ends it.

        #. auto
        #. numbered
        """)
        XCTAssertEqual(markdown, "3. three\n4. four\n5. auto-numbered items continue the list\n\nA paragraph ends it.\n\n1. auto\n2. numbered")
    }

    func testHyperlinksNamedAnonymousAndStandalone() {
        let (markdown, codes) = convert("""
        See the `API guide <https://docs.example.org/guide>`_, the `spec
        <https://docs.example.org/spec>`__, `bug 42`_, `placement`__ and https://example.org/x.

        .. _bug 42: https://bugs.example.org/42

        __ https://docs.example.org/placement
        """)
        XCTAssertEqual(markdown, """
        See the [API guide](https://docs.example.org/guide), the [spec](https://docs.example.org/spec), [bug 42](https://bugs.example.org/42), [placement](https://docs.example.org/placement) and <https://example.org/x>.
        """)
        XCTAssertEqual(codes, [])
    }

    func testTargetNamesWithBackquotesAndEscapesAndIndentedTargets() {
        let (markdown, codes) = convert("""
        See `rfc 7231`_, `a:b`_ and `deep`_.

        .. _`rfc 7231`: https://example.org/7231
        .. _a\\:b: https://example.org/ab

          .. _deep: https://example.org/deep
        """)
        XCTAssertEqual(markdown, """
        See [rfc 7231](https://example.org/7231), [a:b](https://example.org/ab) and [deep](https://example.org/deep).
        """)
        XCTAssertEqual(codes, [])
    }

    func testReferencesToSectionsLabelsAndUnknownTargets() {
        let (markdown, codes) = convert("""
        Title
        =====

        .. _details:

        Show Details
        ------------

        See `Show Details`_, :ref:`details`, :ref:`the details <details>` and :ref:`missing`.
        """)
        XCTAssertTrue(markdown.contains("See [Show Details](#show-details), [Show Details](#show-details), [the details](#show-details) and missing."), markdown)
        XCTAssertEqual(codes, ["AR042@9:71"])
    }

    func testAdmonitionsAndVersionNotes() {
        let (markdown, _) = convert("""
        .. note:: You can use both IPv4 and IPv6,
                  simultaneously.

        .. warning::

           Deprecated.

           Use the other API.

        .. Important:: Be careful.

        .. versionadded:: 2.3
           Gains ``tags``.

        .. versionchanged:: 2.9
        """)
        XCTAssertEqual(markdown, """
        > **Note:** You can use both IPv4 and IPv6,
        > simultaneously.

        > **Warning:** Deprecated.
        >
        > Use the other API.

        > **Important:** Be careful.

        *New in version 2.3:* Gains `tags`.

        *Changed in version 2.9:*
        """)
    }

    func testCodeBlocksAndLiteralBlocks() {
        let (markdown, _) = convert("""
        .. code-block:: json

           {"a": 1}

        For example::

            GET /servers?limit=1

        Expanded form:

        ::

          GET /flavors

        Spaced ::

          x
        """)
        XCTAssertEqual(markdown, """
        ```json
        {"a": 1}
        ```

        For example:

        ```
        GET /servers?limit=1
        ```

        Expanded form:

        ```
        GET /flavors
        ```

        Spaced

        ```
        x
        ```
        """)
    }

    func testSimpleGridAndListTables() {
        let (markdown, codes) = convert("""
        =====  ==========
        Code   Meaning
        =====  ==========
        200    OK, fine
        404    Not | found
        =====  ==========

        +------+---------+
        | a    | ``b``   |
        +======+=========+
        | 1    | two     |
        |      | lines   |
        +------+---------+

        .. list-table:: Limits
           :header-rows: 1

           * - Name
             - Value
           * - max
             - 10
        """)
        XCTAssertEqual(markdown, """
        | Code | Meaning |
        | --- | --- |
        | 200 | OK, fine |
        | 404 | Not \\| found |

        | a | `b` |
        | --- | --- |
        | 1 | two lines |

        **Limits**

        | Name | Value |
        | --- | --- |
        | max | 10 |
        """)
        XCTAssertEqual(codes, [])
    }

    func testCommentsLineBlocksAndDocinfo() {
        let (markdown, _) = convert("""
        .. -*- rst -*-
        ..
          TODO(someone): a comment block
          over lines.

        | Line one
        | Line two
        """)
        XCTAssertEqual(markdown, "Line one\\\nLine two")
    }

    func testUnsupportedConstructsWarnAndStayReadable() {
        let (markdown, codes) = convert("""
        .. image:: flow.png

        Text with :sup:`2` and :unknown:`role` and a footnote [1]_.

        +------+------+
        | spans two   |
        +------+------+
        """)
        XCTAssertTrue(markdown.contains("```text\nflow.png\n```"), markdown)
        XCTAssertTrue(markdown.contains("Text with 2 and role and a footnote \\[1\\]."), markdown)
        XCTAssertTrue(markdown.contains("| spans two   |"), markdown)
        XCTAssertEqual(codes, ["AR041@1:1", "AR041@3:24", "AR041@3:55", "AR041@5:1"])
    }

    func testHeadingLevelsFollowAdornmentOrder() {
        let (markdown, _) = convert("""
        ========
         Title
        ========

        Section
        =======

        Sub
        ---
        """)
        XCTAssertEqual(markdown, "# Title\n\n## Section\n\n### Sub")
    }
}

/// Parameter tables outside endpoints are put in place of their placeholders, by bytes.
final class ParameterTablePlaceholderTests: XCTestCase {
    func testEachPlaceholderIsReplacedByItsTableAndOtherTextIsLeft() {
        let text = "Before é\n\n\(RawPage.placeholder(1))\n\nBetween\n\n\(RawPage.placeholder(0))"
        XCTAssertEqual(RawPage.fillingPlaceholders(in: text, with: ["| zero |", "| one |"]),
                       "Before é\n\n| one |\n\nBetween\n\n| zero |")
        XCTAssertNil(RawPage.fillingPlaceholders(in: "No table here, not even \u{F8FF} alone.", with: ["| zero |"]))
        XCTAssertNil(RawPage.fillingPlaceholders(in: "\u{F8FF}apiref-parameter-table-7\u{F8FF}", with: ["| zero |"]),
                     "a table that does not exist is left as written")
    }
}

/// `rest_parameters` items: ASCII lines are cut by byte offsets, others by characters; both
/// must read names, keys and the key's column alike, and report what is not an item.
final class RestParameterItemTests: XCTestCase {
    func testItemsNamesKeysAndColumns() {
        let text = [
            "- server_id: server_id_path",
            "- \"quoted name\" : 'key_q' # a comment",
            "-   spaced   :   key_s   ",
            "- é_name: key_e",
            "# a comment line",
            "- : no_name",
            "- name_only",
            "- ok: \"key_x\"",
        ].joined(separator: "\n")
        let body = RSTLine.lines(of: text, firstLine: 10, column: 4)
        let marker = RSTLine.lines(of: ".. rest_parameters:: parameters.yaml", firstLine: 9).first!
        let directive = RSTDirective(name: "rest_parameters", marker: marker, argument: nil, body: body)
        let collector = DiagnosticCollector()
        let items = RestParametersParser.items(directive, file: "page.inc", collector: collector)
        XCTAssertEqual(items.map(\.name), ["server_id", "quoted name", "spaced", "é_name", "ok"])
        XCTAssertEqual(items.map(\.key), ["server_id_path", "key_q", "key_s", "key_e", "key_x"])
        XCTAssertEqual(items.map(\.keyRange.start.line), [10, 11, 12, 13, 17])
        // Columns: 4 plus the characters before the key's text (quotes included).
        XCTAssertEqual(items.map(\.keyRange.start.column), [4 + 13, 4 + 18, 4 + 17, 4 + 10, 4 + 6])
        XCTAssertEqual(items.map { $0.keyRange.end.column - $0.keyRange.start.column }, [14, 7, 5, 5, 7])
        XCTAssertEqual(collector.diagnostics.map(\.range.start.line), [15, 16], "the empty name and the missing key")
    }
}
