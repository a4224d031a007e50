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

    func testSplitASCIIKeepsOrDropsEmptyParts() {
        XCTAssertEqual("a.b..c".split(ascii: "."), ["a", "b", "c"])
        XCTAssertEqual("a.b..c".split(ascii: ".", omittingEmptySubsequences: false), ["a", "b", "", "c"])
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
}
