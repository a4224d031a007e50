import XCTest
@testable import APIRefKit

final class JSONReaderTests: XCTestCase {

    // MARK: Positions

    func testPositionsOfKeysAndValuesOnSeveralLines() throws {
        let text = """
        {
          "name": "widget",
          "tags": ["a", "b"],
          "nested": {"x": 1}
        }
        """
        let root = try JSONReader.parse(text)
        XCTAssertEqual(span(root), "1:1-5:2")
        let members = try XCTUnwrap(objectMembers(root))
        XCTAssertEqual(members.map(\.key), ["name", "tags", "nested"])

        XCTAssertEqual(span(members[0].keySpan), "2:3-2:9")
        XCTAssertEqual(span(members[0].value), "2:11-2:19")
        XCTAssertEqual(members[0].value.kind, .string("widget"))

        XCTAssertEqual(span(members[1].keySpan), "3:3-3:9")
        let tags = members[1].value
        XCTAssertEqual(span(tags), "3:11-3:21")
        guard case .array(let elements) = tags.kind else { return XCTFail("tags is \(tags.typeName)") }
        XCTAssertEqual(elements.map(span), ["3:12-3:15", "3:17-3:20"])

        XCTAssertEqual(span(members[2].keySpan), "4:3-4:11")
        let nested = members[2].value
        XCTAssertEqual(span(nested), "4:13-4:21")
        let x = try XCTUnwrap(objectMembers(nested)?.first)
        XCTAssertEqual(span(x.keySpan), "4:14-4:17")
        XCTAssertEqual(span(x.value), "4:19-4:20")
        XCTAssertEqual(root["nested"]?["x"]?.kind, .number(JSONNumber(literal: "1")))
    }

    func testColumnsCountUnicodeScalars() throws {
        // "é" is 2 UTF-8 bytes, "😀" is 4: each is one column.
        let root = try JSONReader.parse(#"{"é": "😀", "k": true}"#)
        let members = try XCTUnwrap(objectMembers(root))
        XCTAssertEqual(span(members[0].keySpan), "1:2-1:5")
        XCTAssertEqual(span(members[0].value), "1:7-1:10")
        XCTAssertEqual(members[0].value.kind, .string("😀"))
        XCTAssertEqual(span(members[1].keySpan), "1:12-1:15")
        XCTAssertEqual(span(members[1].value), "1:17-1:21")
        XCTAssertEqual(span(root), "1:1-1:22")

        // A skin-toned emoji is one character but two scalars, so two columns.
        let array = try JSONReader.parse("[\"👍🏽\", 1]")
        guard case .array(let elements) = array.kind else { return XCTFail() }
        XCTAssertEqual(elements.map(span), ["1:2-1:6", "1:8-1:9"])

        // Non-ASCII on an earlier line does not shift the next line.
        let twoLines = try JSONReader.parse("{\"ü\": \"ß\",\n\"b\": 2}")
        XCTAssertEqual(span(try XCTUnwrap(objectMembers(twoLines))[1].keySpan), "2:1-2:4")
        XCTAssertEqual(twoLines["b"].map(span), "2:6-2:7")
    }

    func testLineEndings() throws {
        let crlf = "{\r\n  \"a\": 1,\r\n  \"b\": [\r\n    true\r\n  ]\r\n}\r\n"
        let root = try JSONReader.parse(crlf)
        let members = try XCTUnwrap(objectMembers(root))
        XCTAssertEqual(span(members[0].keySpan), "2:3-2:6")
        XCTAssertEqual(span(members[0].value), "2:8-2:9")
        XCTAssertEqual(span(members[1].keySpan), "3:3-3:6")
        XCTAssertEqual(span(members[1].value), "3:8-5:4")
        guard case .array(let elements) = members[1].value.kind else { return XCTFail() }
        XCTAssertEqual(elements.map(span), ["4:5-4:9"])
        XCTAssertEqual(span(root), "1:1-6:2")

        // A lone CR ends a line; CR CR LF is two line ends; LF CR is two line ends.
        let mixed = try JSONReader.parse("[1,\r2,\n3,\r\r\n4,\n\r5]")
        guard case .array(let numbers) = mixed.kind else { return XCTFail() }
        XCTAssertEqual(numbers.map(span), ["1:2-1:3", "2:1-2:2", "3:1-3:2", "5:1-5:2", "7:1-7:2"])

        // Errors after CRLF lines are located on the right line.
        XCTAssertEqual(error("{\r\n\"a\": 1\r\n\"b\": 2}"), "3:1: expected ',' or '}' after object member")
    }

    func testSpansOfStringsWithEscapesCoverTheSource() throws {
        let root = try JSONReader.parse(#"["a\nb\u00e9", 1]"#)
        guard case .array(let elements) = root.kind else { return XCTFail() }
        XCTAssertEqual(elements[0].kind, .string("a\nbé"))
        XCTAssertEqual(elements.map(span), ["1:2-1:14", "1:16-1:17"])
    }

    // MARK: Objects

    func testDuplicateKeysAreKeptInOrder() throws {
        let root = try JSONReader.parse(#"{"a": 1, "b": 2, "a": 3}"#)
        let members = try XCTUnwrap(objectMembers(root))
        XCTAssertEqual(members.map(\.key), ["a", "b", "a"])
        XCTAssertEqual(members.map { literal($0.value) }, ["1", "2", "3"])
        XCTAssertEqual(members.map { span($0.keySpan) }, ["1:2-1:5", "1:10-1:13", "1:18-1:21"])
        XCTAssertEqual(root["a"].flatMap(literal), "1", "the subscript returns the first member")
        XCTAssertNil(root["c"])
        XCTAssertNil(root["a"]?["a"], "subscript on a non-object is nil")
    }

    func testEmptyContainersAndTypeNames() throws {
        let root = try JSONReader.parse(#"{"o": {}, "a": [ ], "s": "", "i": -7, "n": 0.5, "t": true, "f": false, "z": null}"#)
        let members = try XCTUnwrap(objectMembers(root))
        XCTAssertEqual(members.map(\.value.typeName),
                       ["object", "array", "string", "integer", "number", "boolean", "boolean", "null"])
        XCTAssertEqual(root["o"]?.kind, .object([]))
        XCTAssertEqual(root["a"]?.kind, .array([]))
        XCTAssertEqual(root["a"].map(span), "1:16-1:19")
        XCTAssertEqual(root["f"]?.kind, .bool(false))
        XCTAssertEqual(root.typeName, "object")
        XCTAssertEqual(try JSONReader.parse(" \n 42 \n").kind, .number(JSONNumber(literal: "42")))
        XCTAssertEqual(span(try JSONReader.parse(" \n 42 \n")), "2:2-2:4")
    }

    // MARK: Strings

    func testEscapes() throws {
        let value = try JSONReader.parse(#""\"\\\/\b\f\n\r\t\u00e9\u0000\u20AC\uD83D\uDE00 é""#)
        XCTAssertEqual(value.kind, .string("\"\\/\u{08}\u{0C}\n\r\té\u{0}€😀 é"))
        // A string with escapes after a long plain prefix, and a key with escapes.
        let object = try JSONReader.parse(#"{"long plain prefix then \"quote\"": "x"}"#)
        XCTAssertEqual(objectMembers(object)?.first?.key, #"long plain prefix then "quote""#)
    }

    // MARK: Numbers

    func testNumbers() throws {
        func number(_ text: String) throws -> JSONNumber {
            let value = try JSONReader.parse(text)
            guard case .number(let number) = value.kind else {
                XCTFail("\(text) is \(value.typeName)")
                return JSONNumber(literal: "")
            }
            return number
        }
        XCTAssertTrue(try number("5").isInteger)
        XCTAssertTrue(try number("-0").isInteger)
        XCTAssertFalse(try number("5.0").isInteger)
        XCTAssertFalse(try number("1e3").isInteger)
        XCTAssertFalse(try number("1E+2").isInteger)
        XCTAssertEqual(try number("-1.5e3").literal, "-1.5e3")
        XCTAssertEqual(try number("-1.5e3").doubleValue, -1500)
        XCTAssertEqual(try number("0.25").doubleValue, 0.25)
        XCTAssertEqual(try number("1E-2").doubleValue, 0.01)
        XCTAssertEqual(try number("12345678901234567890").literal, "12345678901234567890")
        XCTAssertNil(try number("1e400").doubleValue, "out of Double's range")
        XCTAssertEqual(try JSONReader.parse("5.0").typeName, "number")
        XCTAssertEqual(try JSONReader.parse("-0").typeName, "integer")
        XCTAssertEqual(span(try JSONReader.parse("[-12.5e-3]")), "1:1-1:11")
    }

    // MARK: Depth

    func testDepthLimitBoundary() throws {
        XCTAssertNoThrow(try JSONReader.parse("[[[]]]", maxDepth: 3))
        XCTAssertEqual(error("[[[[]]]]", maxDepth: 3), "1:4: nesting deeper than 3 levels")
        XCTAssertNoThrow(try JSONReader.parse(#"{"a": [{"b": 1}]}"#, maxDepth: 3))
        XCTAssertEqual(error(#"{"a": [{"b": 1}]}"#, maxDepth: 2), "1:8: nesting deeper than 2 levels")
        XCTAssertEqual(error("[]", maxDepth: 0), "1:1: nesting deeper than 0 levels")
        XCTAssertNoThrow(try JSONReader.parse("1", maxDepth: 0))

        let max = JSONReader.defaultMaxDepth
        let deepest = String(repeating: "[", count: max) + String(repeating: "]", count: max)
        XCTAssertNoThrow(try JSONReader.parse(deepest))
        let tooDeep = String(repeating: "[", count: max + 1) + String(repeating: "]", count: max + 1)
        XCTAssertEqual(error(tooDeep), "1:\(max + 1): nesting deeper than \(max) levels")
        // Siblings do not add up: depth is nesting, not count.
        XCTAssertNoThrow(try JSONReader.parse("[" + Array(repeating: "[[]]", count: 1000).joined(separator: ",") + "]", maxDepth: 3))
    }

    func testVeryDeepInputDoesNotOverflowTheStack() throws {
        XCTAssertEqual(error(String(repeating: "[", count: 100_000)), "1:65: nesting deeper than 64 levels")
        XCTAssertEqual(error(String(repeating: "{\"a\":", count: 100_000)), "1:321: nesting deeper than 64 levels")
        // With no practical limit the reader is still iterative.
        XCTAssertEqual(error(String(repeating: "[", count: 1_000_000), maxDepth: .max),
                       "1:1000001: unexpected end of input")
        let deep = String(repeating: "[", count: 1000) + "0" + String(repeating: "]", count: 1000)
        let value = try JSONReader.parse(deep, maxDepth: 1000)
        XCTAssertEqual(span(value), "1:1-1:2002")
    }

    // MARK: Syntax errors

    func testTruncatedInput() {
        XCTAssertEqual(error(#"{"a": [1, 2"#), "1:12: unexpected end of input")
        XCTAssertEqual(error("[1,\n"), "2:1: unexpected end of input")
        XCTAssertEqual(error(#"{"a""#), "1:5: unexpected end of input")
        XCTAssertEqual(error(#"{"a":"#), "1:6: unexpected end of input")
        XCTAssertEqual(error(#"{"#), "1:2: unexpected end of input")
        XCTAssertEqual(error(#""abc"#), "1:5: unexpected end of input")
        XCTAssertEqual(error(#""ab\"#), "1:5: unexpected end of input")
        XCTAssertEqual(error(#""\u12"#), "1:6: unexpected end of input")
        XCTAssertEqual(error(#""\uD83D"#), "1:8: unexpected end of input")
        XCTAssertEqual(error("tru"), "1:4: unexpected end of input")
        XCTAssertEqual(error("-"), "1:2: unexpected end of input")
        XCTAssertEqual(error("1."), "1:3: unexpected end of input")
        XCTAssertEqual(error("1e-"), "1:4: unexpected end of input")
    }

    func testEmptyInput() {
        XCTAssertEqual(error(""), "1:1: unexpected end of input")
        XCTAssertEqual(error("  \n "), "2:2: unexpected end of input")
        XCTAssertEqual(error(bytes: []), "1:1: unexpected end of input")
    }

    func testTrailingCommas() {
        XCTAssertEqual(error("[1, 2,]"), "1:6: trailing comma before ']'")
        XCTAssertEqual(error("{\n  \"a\": 1,\n}"), "2:9: trailing comma before '}'")
        XCTAssertEqual(error("[,]"), "1:2: expected a value")
        XCTAssertEqual(error("[1,,2]"), "1:4: expected a value")
        XCTAssertEqual(error(#"{"a": 1,,}"#), "1:9: expected a string key")
        XCTAssertEqual(error("{,}"), "1:2: expected a string key or '}'")
    }

    func testBadEscapes() {
        XCTAssertEqual(error(#"["ab\x"]"#), #"1:5: invalid escape '\x' in string"#)
        XCTAssertEqual(error(#"["\'"]"#), #"1:3: invalid escape '\'' in string"#)
        XCTAssertEqual(error("[\"\\\u{1}\"]"), "1:3: invalid escape sequence in string")
        XCTAssertEqual(error(#""\u12G4""#), #"1:2: invalid escape '\u', expected four hex digits"#)
        XCTAssertEqual(error(#""é\U00e9""#), #"1:3: invalid escape '\U' in string"#)
    }

    func testLoneSurrogates() {
        XCTAssertEqual(error(#"["\uD800"]"#), #"1:3: lone surrogate '\uD800' in string"#)
        XCTAssertEqual(error(#""ab\udc00""#), #"1:4: lone surrogate '\uDC00' in string"#)
        XCTAssertEqual(error(#""\uD83D\u0041""#), #"1:2: lone surrogate '\uD83D' in string"#)
        XCTAssertEqual(error(#""\uD83D\n""#), #"1:2: lone surrogate '\uD83D' in string"#)
        XCTAssertEqual(error(#""\uD83D\uDE00\uDE00""#), #"1:14: lone surrogate '\uDE00' in string"#)
        XCTAssertEqual(error(#""\uD83D\uZZZZ""#), #"1:8: invalid escape '\u', expected four hex digits"#)
    }

    func testControlCharactersInStrings() {
        XCTAssertEqual(error("[\"a\tb\"]"), "1:4: unescaped control character U+0009 in string")
        XCTAssertEqual(error("{\"k\": \"ab\ncd\"}"), "1:10: unescaped control character U+000A in string")
        XCTAssertEqual(error("\"\\n\u{0}\""), "1:4: unescaped control character U+0000 in string")
        XCTAssertEqual(error("\"\u{1F}\""), "1:2: unescaped control character U+001F in string")
        XCTAssertNoThrow(try JSONReader.parse("\"\u{7F}\""), "DEL is not a control character in JSON")
    }

    func testNumberSyntax() {
        XCTAssertEqual(error("[01]"), "1:2: leading zeros are not allowed")
        XCTAssertEqual(error("-012"), "1:2: leading zeros are not allowed")
        XCTAssertNoThrow(try JSONReader.parse("[0, -0, 0.0, 0e0, 10]"))
        XCTAssertEqual(error("[1.]"), "1:4: expected a digit after '.'")
        XCTAssertEqual(error("[1e+]"), "1:5: expected a digit in exponent")
        XCTAssertEqual(error("[-a]"), "1:3: expected a digit after '-'")
        XCTAssertEqual(error("[-Infinity]"), "1:3: expected a digit after '-'")
        XCTAssertEqual(error("[+1]"), "1:2: expected a value")
        XCTAssertEqual(error("[.5]"), "1:2: expected a value")
        XCTAssertEqual(error("[NaN]"), "1:2: invalid literal 'NaN'")
        XCTAssertEqual(error("[Infinity]"), "1:2: invalid literal 'Infinity'")
        XCTAssertEqual(error("1.5.3"), "1:4: unexpected character after JSON value")
        XCTAssertEqual(error("0x10"), "1:2: unexpected character after JSON value")
    }

    func testLiterals() {
        XCTAssertEqual(error("[True]"), "1:2: invalid literal 'True'")
        XCTAssertEqual(error("[truex]"), "1:2: invalid literal 'truex'")
        XCTAssertEqual(error("[nul]"), "1:2: invalid literal 'nul'")
        XCTAssertEqual(error("{\"a\": undefined}"), "1:7: invalid literal 'undefined'")
    }

    func testInvalidUTF8() {
        // `["é<FF>"]`: the bad byte is in column 4, after the two-byte é.
        XCTAssertEqual(error(bytes: [0x5B, 0x22, 0xC3, 0xA9, 0xFF, 0x22, 0x5D]), "1:4: invalid UTF-8 byte 0xFF")
        XCTAssertEqual(error(bytes: Array("{\n\"k\": \"".utf8) + [0x80] + Array("\"}".utf8)), "2:7: invalid UTF-8 byte 0x80")
        XCTAssertEqual(error(bytes: [0x22, 0xC0, 0x80, 0x22]), "1:2: invalid UTF-8 byte 0xC0", "overlong NUL")
        XCTAssertEqual(error(bytes: [0x22, 0xE2, 0x82, 0x22]), "1:2: invalid UTF-8 sequence", "truncated sequence")
        XCTAssertEqual(error(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22]), "1:2: invalid UTF-8 sequence", "encoded surrogate")
        XCTAssertEqual(error(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]), "1:2: invalid UTF-8 sequence", "above U+10FFFF")
        XCTAssertEqual(error(bytes: [0x22, 0x5C, 0x6E, 0xFE, 0x22]), "1:4: invalid UTF-8 byte 0xFE", "after an escape")
        XCTAssertEqual(error(bytes: [0x5B, 0xFF, 0x5D]), "1:2: invalid UTF-8 byte 0xFF", "outside a string")
        XCTAssertEqual(error(bytes: [0x5B, 0x31, 0x5D, 0xC3]), "1:4: invalid UTF-8 sequence", "after the value")
        XCTAssertNoThrow(try JSONReader.parse([0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22] as [UInt8]))
    }

    func testByteOrderMarkIsAnError() {
        XCTAssertEqual(error(bytes: [0xEF, 0xBB, 0xBF] + Array("{}".utf8)), "1:1: file starts with a byte order mark")
        XCTAssertEqual(error("\u{FEFF}{}"), "1:1: file starts with a byte order mark")
        XCTAssertEqual(error("[\"\u{FEFF}\", \u{FEFF}1]"), "1:7: expected a value", "a BOM elsewhere is just a character")
    }

    func testTrailingGarbage() {
        XCTAssertEqual(error("{} x"), "1:4: unexpected character after JSON value")
        XCTAssertEqual(error("[1]\n]"), "2:1: unexpected character after JSON value")
        XCTAssertEqual(error("1 2"), "1:3: unexpected character after JSON value")
        XCTAssertEqual(error("{}{}"), "1:3: unexpected character after JSON value")
        XCTAssertEqual(error("null\n// done"), "2:1: comments are not allowed in JSON")
    }

    func testOtherGrammarErrors() {
        XCTAssertEqual(error(#"{"a" 1}"#), "1:6: expected ':' after object key")
        XCTAssertEqual(error(#"{"a": 1 "b": 2}"#), "1:9: expected ',' or '}' after object member")
        XCTAssertEqual(error("[1 2]"), "1:4: expected ',' or ']' after array element")
        XCTAssertEqual(error(#"{"a": 1]"#), "1:8: expected ',' or '}' after object member")
        XCTAssertEqual(error("{a: 1}"), "1:2: expected a string key or '}'")
        XCTAssertEqual(error("{'a': 1}"), "1:2: strings must use double quotes")
        XCTAssertEqual(error("['a']"), "1:2: strings must use double quotes")
        XCTAssertEqual(error("[1, // one\n2]"), "1:5: comments are not allowed in JSON")
        XCTAssertEqual(error("/* c */ 1"), "1:1: comments are not allowed in JSON")
        XCTAssertEqual(error("\u{0C}[]"), "1:1: expected a value", "form feed is not JSON whitespace")
        XCTAssertEqual(error("[\u{A0}1]"), "1:2: expected a value", "no-break space is not JSON whitespace")
        XCTAssertEqual(error("[é]"), "1:2: expected a value")
        XCTAssertEqual(error("}"), "1:1: expected a value")
    }

    func testErrorDescription() {
        let error = JSONSyntaxError(message: "unexpected end of input", location: SourceLocation(line: 3, column: 7))
        XCTAssertEqual(error.description, "3:7: unexpected end of input")
    }

    // MARK: Round trip

    func testRoundTripOfRealisticSample() throws {
        let sample = """
        {
          "name": "Widget.resize(to:animated:)",
          "kind": "method",
          "summary": "Resizes the widget — keeps its aspect ratio 📐.",
          "parameters": [
            {
              "name": "size",
              "type": "CGSize",
              "optional": false,
              "default": null
            },
            {
              "name": "animated",
              "type": "Bool",
              "optional": true,
              "default": true
            }
          ],
          "availability": {
            "macOS": "14.0",
            "iOS": "17.0"
          },
          "examples": [],
          "tags": {},
          "since": 2.5,
          "limits": [
            0,
            -1,
            1e3,
            -0.125E+2
          ],
          "notes": "Use \\"quotes\\", a back\\\\slash and\\na new line.\\tTabbed: café"
        }
        """
        let value = try JSONReader.parse(sample)
        XCTAssertEqual(write(value), sample)
        XCTAssertEqual(value["notes"]?.kind, .string("Use \"quotes\", a back\\slash and\na new line.\tTabbed: café"))
        XCTAssertEqual(value["parameters"].map(span), "5:17-18:4")
        XCTAssertEqual(value["summary"].map(span), "4:14-4:62")

        // Every span covers exactly its value's text, and every key span its quoted key.
        let lines = sample.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        func text(_ span: TextSpan) -> String {
            var scalars: [Unicode.Scalar] = []
            for line in span.start.line...span.end.line {
                let from = line == span.start.line ? span.start.column - 1 : 0
                let to = line == span.end.line ? span.end.column - 1 : lines[line - 1].count
                scalars += lines[line - 1][from..<to]
                if line != span.end.line { scalars.append("\n") }
            }
            var string = ""
            string.unicodeScalars.append(contentsOf: scalars)
            return string
        }
        var checked = 0
        func check(_ value: JSONValue) throws {
            XCTAssertEqual(write(try JSONReader.parse(text(value.span))), write(value))
            checked += 1
            switch value.kind {
            case .object(let members):
                for member in members {
                    XCTAssertEqual(text(member.keySpan), "\"\(member.key)\"")
                    try check(member.value)
                }
            case .array(let elements):
                for element in elements { try check(element) }
            default:
                break
            }
        }
        try check(value)
        XCTAssertEqual(checked, 27)
    }

    func testStringAndBytesAgree() throws {
        let text = "{\"a\": [1, \"é\", null]}"
        XCTAssertEqual(try JSONReader.parse(text), try JSONReader.parse(Array(text.utf8)))
        // A String that is not natively UTF-8 still works.
        let bridged = String(decoding: Array(text.utf16), as: UTF16.self)
        XCTAssertEqual(try JSONReader.parse(bridged), try JSONReader.parse(text))
    }

    // MARK: Helpers

    private func error(_ text: String, maxDepth: Int = JSONReader.defaultMaxDepth,
                       file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            let value = try JSONReader.parse(text, maxDepth: maxDepth)
            XCTFail("parsed as \(value.typeName), expected an error", file: file, line: line)
            return nil
        } catch {
            return error.description
        }
    }

    private func error(bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> String? {
        do {
            let value = try JSONReader.parse(bytes)
            XCTFail("parsed as \(value.typeName), expected an error", file: file, line: line)
            return nil
        } catch {
            return error.description
        }
    }

    private func span(_ span: TextSpan) -> String { "\(span.start)-\(span.end)" }
    private func span(_ value: JSONValue) -> String { span(value.span) }

    private func objectMembers(_ value: JSONValue) -> [JSONMember]? {
        guard case .object(let members) = value.kind else { return nil }
        return members
    }

    private func literal(_ value: JSONValue) -> String? {
        guard case .number(let number) = value.kind else { return nil }
        return number.literal
    }

    /// Writes `value` in the sample's style: two-space indent, one member or element per line,
    /// empty containers as `{}` and `[]`, numbers as written, minimal string escapes.
    private func write(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value.kind {
        case .object(let members):
            if members.isEmpty { return "{}" }
            let lines = members.map { inner + quoted($0.key) + ": " + write($0.value, indent: inner) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + indent + "}"
        case .array(let elements):
            if elements.isEmpty { return "[]" }
            let lines = elements.map { inner + write($0, indent: inner) }
            return "[\n" + lines.joined(separator: ",\n") + "\n" + indent + "]"
        case .string(let string): return quoted(string)
        case .number(let number): return number.literal
        case .bool(let bool): return bool ? "true" : "false"
        case .null: return "null"
        }
    }

    private func quoted(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
