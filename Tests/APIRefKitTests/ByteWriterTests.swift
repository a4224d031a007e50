@testable import APIRefKit
import XCTest

/// The byte buffer pages and the search index are written into: it must give exactly the text
/// the `String` appends gave.
final class ByteWriterTests: XCTestCase {
    func testEscapingMatchesHTMLEscapeOnEveryKindOfText() {
        let texts = ["", "plain", "&", "<b>\"quoted\" & 'single'</b>", "a<", ">z", "<<&&>>",
                     "naïve ≥ 2.10 — “curly” 日本語 🦆 & <tag>", String(repeating: "x&", count: 3000)]
        for text in texts {
            let writer = ByteWriter(capacity: 1)
            writer.appendEscapingHTML(text)
            XCTAssertEqual(writer.text(from: 0), HTML.escape(text), "escaping \(text.prefix(20))")
        }
    }

    func testGrowsPastItsCapacityKeepingEveryByte() {
        let writer = ByteWriter(capacity: 16)
        var expected = ""
        for index in 0..<2000 {
            let piece = index.isMultiple(of: 7) ? "é\(index)" : "\(index),"
            writer.append(piece)
            expected += piece
            writer.append(UInt8(ascii: ";"))
            expected += ";"
            writer.append(literal: "<>")
            expected += "<>"
        }
        writer.append(expected.dropFirst(5).prefix(3))
        expected += expected.dropFirst(5).prefix(3)
        XCTAssertEqual(writer.count, expected.utf8.count)
        XCTAssertEqual(writer.bytes, Array(expected.utf8))
    }

    func testTextFromAnOffsetIsWhatWasWrittenSince() {
        let writer = ByteWriter()
        writer.append("before ")
        let start = writer.count
        writer.appendEscapingHTML("<kept> fragment")
        XCTAssertEqual(writer.text(from: start), "&lt;kept&gt; fragment")
        XCTAssertEqual(writer.text(from: writer.count), "")
    }

    func testSearchIndexQuotesLikeJSONOutput() {
        for text in ["plain", "with \"quotes\" and \\", "line\nbreak", "<script>", "\u{2028}"] {
            let writer = ByteWriter()
            JSONOutput.quote(text, into: writer)
            var expected = ""
            JSONOutput.quote(text, into: &expected)
            XCTAssertEqual(writer.text(from: 0), expected)
        }
    }

    func testDecimalAppendWritesWhatStringDoes() {
        for value in [0, 7, 9, 10, 99, 100, 12_345, -1, -908, Int.max, Int.min, 1_000_000_000_000_000_000] {
            let writer = ByteWriter(capacity: 16)
            writer.append(literal: "n=")
            writer.append(decimal: value)
            XCTAssertEqual(writer.text(from: 0), "n=\(value)")
        }
    }

    func testLastAndRemoveLastTakeBackTrailingBytes() {
        let out = ByteWriter(capacity: 1)
        XCTAssertNil(out.last)
        for byte in Array("ab  ".utf8) { out.append(byte) }
        XCTAssertEqual(out.last, 0x20)
        while out.last == 0x20 { out.removeLast() }
        XCTAssertEqual(out.text(from: 0), "ab")
        out.append(UInt8(ascii: "`"), count: 3)
        XCTAssertEqual(out.text(from: 0), "ab```")
    }
}
