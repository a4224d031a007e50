import Foundation
import XCTest
@testable import APIRefKit

/// `serve` reads a parameters file definition by definition (so that an edit composes one
/// entry again); what it reads must be what reading the file whole gives, findings included,
/// and a file that is not plainly a mapping of entries is read whole.
final class ParametersChunkTests: XCTestCase {
    private static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The file read whole (no cache) and in entries (with one), twice (the second from the cache).
    /// `pieces`: how many pieces the first chunked read composes (nil: it falls back to the whole file).
    private func assertChunkedReadMatches(_ text: String, pieces: Int? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let source = SourceFile(path: "api-ref/parameters.yaml", text: text)
        let whole = DiagnosticCollector()
        let expected = ParametersReader.readTable(source, collector: whole, strictKeys: false)
        let cache = ReadCache()
        for pass in 1...2 {
            cache.beginBuild()
            let chunked = DiagnosticCollector()
            let read = ReadCache.$current.withValue(cache) {
                ParametersReader.readTable(source, collector: chunked, strictKeys: false)
            }
            cache.endBuild()
            if pass == 1 { XCTAssertEqual(cache.lastRun.parsed, pieces ?? 1, "YAML documents composed", file: file, line: line) }
            XCTAssertEqual(read.definitions, expected.definitions, "pass \(pass)", file: file, line: line)
            XCTAssertEqual(read.isReadable, expected.isReadable, "pass \(pass)", file: file, line: line)
            XCTAssertEqual(chunked.diagnostics, whole.diagnostics, "pass \(pass)", file: file, line: line)
        }
    }

    func testEntriesReadAloneMatchTheWholeFile() throws {
        let demo = try String(contentsOf: Self.packageRoot.appendingPathComponent("api-ref/parameters.yaml"), encoding: .utf8)
        assertChunkedReadMatches(demo, pieces: ParametersReader.definitionChunks(of: demo)?.count)
        assertChunkedReadMatches("""
        # A comment before the first entry.

        server_id:
          in: path
          required: true
          type: string
          description: |
            The server.

            # Not a comment: inside the block.
        # A comment between entries.
        odd_key:
          in: body
          required: false
          type: integre
          min_version: 2.10
          description: Odd.
        server_id:
          in: query
          required: false
          type: string
          description: A second server_id (reported, dropped).
        broken:
          in: cookie
          type: string
        """, pieces: 3)
    }

    func testNovaEntriesReadAloneMatchTheWholeFile() throws {
        let nova = Self.packageRoot.deletingLastPathComponent()
            .appendingPathComponent("shared/corpora/nova/api-ref/source/parameters.yaml")
        guard let text = try? String(contentsOf: nova, encoding: .utf8) else {
            throw XCTSkip("../shared/corpora/nova is not present beside the package")
        }
        XCTAssertEqual(ParametersReader.definitionChunks(of: text)?.count ?? 0, 949)
        assertChunkedReadMatches(text, pieces: 949)
    }

    func testWhatIsNotPlainlyEntriesIsReadWhole() {
        // A quoted key: read whole (one document).
        assertChunkedReadMatches("a:\n  in: body\n  type: string\n  required: true\n  description: A.\n\"b c\":\n  in: body\n")
        XCTAssertNil(ParametersReader.definitionChunks(of: "---\na:\n  in: body\n"), "a document marker")
        XCTAssertNil(ParametersReader.definitionChunks(of: "{a: 1}\n"), "a flow mapping")
        XCTAssertNil(ParametersReader.definitionChunks(of: "- a\n- b\n"), "a sequence")
        XCTAssertNil(ParametersReader.definitionChunks(of: "# only a comment\n"))
        XCTAssertNil(ParametersReader.definitionChunks(of: "  stray\na: 1\n"), "content before the first key")
        XCTAssertNotNil(ParametersReader.definitionChunks(of: "# c\n  \na: 1\n"))
        XCTAssertEqual(ParametersReader.definitionChunks(of: "a:\n  x: 1\n# c\nb: 2\n")?.map(\.line), [1, 4])
        XCTAssertEqual(ParametersReader.definitionChunks(of: "# c\n\na:\n  x: 1\n")?.map(\.line), [1], "the comments before go with the first")
        // An entry naming an earlier one's anchor is composed with it, the lines between blank.
        let anchored = ParametersReader.definitionChunks(of: "a: &x\n  k: 1\nb:\n  k: 2\nc:\n  <<: *x\nd: 4\n")
        XCTAssertEqual(anchored?.map(\.line), [1, 3, 1, 7])
        XCTAssertEqual(anchored.map { String($0[2].text) }, "a: &x\n  k: 1\n\n\nc:\n  <<: *x\n")
        assertChunkedReadMatches("a: &shared\n  in: body\n  type: string\n  required: true\n  description: A.\nb: *shared\n", pieces: 2)
        // A piece that does not compose alone (an alias before its anchor; a syntax error):
        // the file is read whole, and reports as it does whole.
        // (The piece that failed, then the file: two documents composed.)
        assertChunkedReadMatches("b: *shared\na: &shared\n  in: body\n  type: string\n  required: true\n  description: A.\n", pieces: 2)
        assertChunkedReadMatches("a:\n  in: body\n  type: [string\n  required: true\n  description: A.\nb:\n  in: body\n", pieces: 2)
    }

    /// Each text read in turn with one cache (as `serve` reads a file after each edit): each
    /// read must be what reading that text whole gives. Returns the YAML documents each read
    /// composed.
    @discardableResult
    private func assertEditsReadAsWhole(_ texts: [String], file: StaticString = #filePath, line: UInt = #line) -> [Int] {
        let cache = ReadCache()
        var composed: [Int] = []
        for (number, text) in texts.enumerated() {
            let source = SourceFile(path: "api-ref/parameters.yaml", text: text)
            let whole = DiagnosticCollector()
            let expected = ParametersReader.readTable(source, collector: whole, strictKeys: false)
            cache.beginBuild()
            let chunked = DiagnosticCollector()
            let read = ReadCache.$current.withValue(cache) { ParametersReader.readTable(source, collector: chunked, strictKeys: false) }
            cache.endBuild()
            composed.append(cache.lastRun.parsed)
            XCTAssertEqual(read.definitions, expected.definitions, "text \(number)", file: file, line: line)
            XCTAssertEqual(read.isReadable, expected.isReadable, "text \(number)", file: file, line: line)
            XCTAssertEqual(chunked.diagnostics, whole.diagnostics, "text \(number)", file: file, line: line)
        }
        return composed
    }

    /// After an edit, the entries whose text and line are those of the last read are taken
    /// from it: found at their place, or counted from the end when entries were added or
    /// removed before them (same lines: the edit kept the line count above them).
    func testAnEditComposesOnlyTheEntriesItChanged() throws {
        let demo = try String(contentsOf: Self.packageRoot.appendingPathComponent("api-ref/parameters.yaml"), encoding: .utf8)
        let pieces = try XCTUnwrap(ParametersReader.definitionChunks(of: demo)).count
        let described = demo.replacingOccurrences(of: "The memory of the flavor, in MiB.", with: "The memory of the flavor in MiB.")
        XCTAssertNotEqual(described, demo)
        let reads = assertEditsReadAsWhole([demo, described, demo])
        XCTAssertEqual(reads[0], pieces)
        XCTAssertEqual(reads[1], 1, "one entry composed")
        XCTAssertLessThanOrEqual(reads[2], 1, "one entry composed (or its YAML kept from the first read)")

        // An entry added at the top moves every line below it: each is read again (its YAML
        // kept by text), and the read is still the whole file's.
        let added = "zz_added:\n  in: body\n  type: string\n  required: false\n  description: New.\n" + demo
        assertEditsReadAsWhole([demo, added])
        // An entry replaced by one of as many lines, then one removed at the end: the others
        // are kept, counted from the end and from the start.
        let lines = demo.split(separator: "\n", omittingEmptySubsequences: false)
        let lastKey = try XCTUnwrap(lines.lastIndex { $0.first.map { $0 != " " && $0 != "#" } ?? false })
        let trimmed = lines[..<lastKey].joined(separator: "\n") + "\n"
        let composed = assertEditsReadAsWhole([demo, trimmed])
        XCTAssertLessThanOrEqual(composed[1], 1, "the entries before the removed one are kept")
        // A duplicate key appearing, a file turned into something else, then back.
        let firstKey = try XCTUnwrap(lines.first { $0.first.map { $0 != " " && $0 != "#" } ?? false })
        assertEditsReadAsWhole([demo, demo + "\n" + firstKey + "\n  in: body\n", "{" + demo, demo])
    }
}
