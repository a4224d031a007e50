import XCTest
@testable import APIRefKit

/// The byte-level string helpers that replace grapheme-walking ones on hot paths.
final class StringScanningTests: XCTestCase {
    func testSourceLinesEndAtLineFeedsCarriageReturnsAndBoth() {
        XCTAssertEqual("a\r\nb\rc\nd".sourceLines(), ["a", "b", "c", "d"])
        XCTAssertEqual("a\n".sourceLines(), ["a", ""])
        XCTAssertEqual("".sourceLines(), [""])
        XCTAssertEqual("| é | x |\r\n|---|---|".sourceLines(), ["| é | x |", "|---|---|"])
    }

    func testDedentingRemovesTheCommonIndentationOfNonBlankLines() {
        let lines = RSTLine.lines(of: "    four\n      six\n   \n\n    é four", firstLine: 3, column: 2)
        let dedented = lines.dedented()
        XCTAssertEqual(dedented.map { String($0.text) }, ["four", "  six", "", "", "é four"])
        XCTAssertEqual(dedented.map(\.number), [3, 4, 5, 6, 7])
        XCTAssertEqual(dedented.map(\.column), [6, 6, 2, 2, 6], "blank lines keep their column, others move by four")
        let blank = RSTLine.lines(of: "   \n  ")
        XCTAssertEqual(blank.dedented().map { String($0.text) }, ["   ", "  "], "all blank: left as they are")
        let flush = RSTLine.lines(of: "a\n  b")
        XCTAssertEqual(flush.dedented().map { String($0.text) }, ["a", "  b"])
    }

    func testSplitASCIIKeepsOrDropsEmptyParts() {
        XCTAssertEqual("a.b..c".split(ascii: "."), ["a", "b", "c"])
        XCTAssertEqual("a.b..c".split(ascii: ".", omittingEmptySubsequences: false), ["a", "b", "", "c"])
        XCTAssertEqual("/é/x//".split(ascii: "/", omittingEmptySubsequences: false), ["", "é", "x", "", ""])
        XCTAssertEqual("".split(ascii: "/"), [])
        XCTAssertEqual("".split(ascii: "/", omittingEmptySubsequences: false), [""])
        // A substring's parts are cut at its own offsets.
        let path = "root/v2.1/sample.json"
        let tail = path[path.index(path.startIndex, offsetBy: 5)...]
        XCTAssertEqual(tail.split(ascii: "/"), ["v2.1", "sample.json"])
        XCTAssertEqual(tail.split(ascii: "/").map { $0.startIndex }, [tail.startIndex, path.index(path.startIndex, offsetBy: 10)])
    }

    func testSourceFileLinesEndAtLineFeedsCarriageReturnsAndBoth() {
        for (text, lines) in [("a\nb\n", ["a", "b", ""]), ("a\r\nb\rc", ["a", "b", "c"]), ("", [""]), ("\n\n", ["", "", ""]),
                              ("é\nx", ["é", "x"])] {
            let file = SourceFile(path: "f", text: text)
            XCTAssertEqual((1...file.lineCount).map { file.line($0).map(String.init) ?? "?" }, lines, text.debugDescription)
        }
    }

    func testFirstRangeOfASCIIFindsTheFirstOccurrenceInASubstring() {
        let line = "xx  - name: key # note"
        let text = line[line.index(line.startIndex, offsetBy: 2)...]
        XCTAssertEqual(text.firstRange(ofASCII: ": ").map { String(text[..<$0.lowerBound]) }, "  - name")
        XCTAssertEqual(text.firstRange(ofASCII: " #").map { String(text[$0.upperBound...]) }, " note")
        XCTAssertNil(text.firstRange(ofASCII: "::"))
        XCTAssertNil(text.firstRange(ofASCII: ""))
        XCTAssertNil(Substring("ab").firstRange(ofASCII: "abc"))
        XCTAssertEqual(Substring("abc").firstRange(ofASCII: "bc").map { String("abc"[$0]) }, "bc")
        let accented: Substring = "née: é: x"
        XCTAssertEqual(accented.firstRange(ofASCII: ": ").map { String(accented[..<$0.lowerBound]) }, "née")
    }

    func testCharacterCountCountsCharactersEvenPastASCII() {
        XCTAssertEqual(Substring("server_id").characterCount, 9)
        XCTAssertEqual(Substring("ne\u{301}e").characterCount, 3)
        XCTAssertEqual(Substring("").characterCount, 0)
    }

    func testTrimmingWhitespaceMatchesFoundationOnUnicodeSpaces() {
        // The byte and scalar paths must trim exactly what Foundation's `.whitespacesAndNewlines` does.
        let samples = ["plain", " text\t", "\u{00A0}nbsp\u{2003}", "\u{0085}next\u{2028}", "\u{2029}é\u{3000}",
                       "\u{200B}zero width\u{200B}", "\u{1680}ogham\u{202F}", "\r\nx\u{000B}\u{000C}", "  ", "",
                       "a\u{0301} ", " \u{0301}b"]
        for sample in samples {
            XCTAssertEqual(RSTInline.trimmingWhitespace(sample[...]), sample.trimmingCharacters(in: .whitespacesAndNewlines),
                           sample.debugDescription)
        }
        let foundation = CharacterSet.whitespacesAndNewlines
        let differing = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter {
            RSTInline.isWhitespaceOrNewline($0) != foundation.contains($0)
        }
        XCTAssertEqual(differing.map { String($0.value, radix: 16) }, [])
    }

    func testByteSuffixComparesBytes() {
        XCTAssertTrue("see below::"[...].hasByteSuffix("::"))
        XCTAssertTrue("::"[...].hasByteSuffix("::"))
        XCTAssertFalse(":"[...].hasByteSuffix("::"))
        XCTAssertFalse("a: :"[...].hasByteSuffix("::"))
        XCTAssertTrue("é::"[...].hasByteSuffix("é::"))
        XCTAssertTrue("anything"[...].hasByteSuffix(""))
        let text = "x:: tail"
        XCTAssertTrue(text[..<text.index(text.startIndex, offsetBy: 3)].hasByteSuffix("::"))
    }
}
