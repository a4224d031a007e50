import Foundation
import XCTest

/// Rewrites a file of a test's copy of the demo; the edit must change it.
func editFile(_ url: URL, _ transform: (String) -> String, file: StaticString = #filePath, line: UInt = #line) throws {
    let text = try String(contentsOf: url, encoding: .utf8)
    let changed = transform(text)
    XCTAssertNotEqual(text, changed, "the edit changes nothing", file: file, line: line)
    try changed.write(to: url, atomically: true, encoding: .utf8)
}
