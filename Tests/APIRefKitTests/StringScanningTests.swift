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
}
