import XCTest
@testable import APIRefKit

final class MicroversionTests: XCTestCase {
    func testParsesMajorMinor() {
        XCTAssertEqual(Microversion("2.53"), Microversion(2, 53))
        XCTAssertEqual(Microversion("2.100"), Microversion(2, 100))
        XCTAssertEqual(Microversion("0.0"), Microversion(0, 0))
        XCTAssertEqual(Microversion("2.10")?.description, "2.10")
        XCTAssertEqual(Microversion("000000009.123456789"), Microversion(9, 123_456_789), "nine digits a part")
        XCTAssertEqual(Microversion("v2.5".dropFirst()), Microversion(2, 5), "a substring")
    }

    func testRejectsMalformed() {
        for text in ["", "2", "2.", ".5", "2.5.1", "v2.5", "2.x", "-1.2", "2.-1", " 2.1", "2,1", "+2.1",
                     "1234567890.1", "2.1234567890", "２.１", "2.1e3", "2..1", "2.1."] {
            XCTAssertNil(Microversion(text), "'\(text)' should not parse")
        }
    }

    func testComparesNumericallyNotAsDecimals() {
        XCTAssertLessThan(Microversion(2, 9), Microversion(2, 10))
        XCTAssertLessThan(Microversion(2, 99), Microversion(2, 100))
        XCTAssertLessThan(Microversion(1, 100), Microversion(2, 0))
        let sorted = ["2.100", "2.9", "2.10", "2.99", "2.1"].compactMap { Microversion($0) }.sorted()
        XCTAssertEqual(sorted.map(\.description), ["2.1", "2.9", "2.10", "2.99", "2.100"])
    }

    func testRangesAreInclusiveAndOpenBoundsAreOpen() {
        let range = VersionRange(min: Microversion(2, 10), max: Microversion(2, 100))
        XCTAssertTrue(range.contains(Microversion(2, 10)))
        XCTAssertTrue(range.contains(Microversion(2, 100)))
        XCTAssertTrue(range.contains(Microversion(2, 99)))
        XCTAssertFalse(range.contains(Microversion(2, 9)))
        XCTAssertFalse(range.contains(Microversion(2, 101)))
        XCTAssertTrue(VersionRange(min: Microversion(2, 5)).contains(Microversion(9, 0)))
        XCTAssertTrue(VersionRange.unbounded.contains(Microversion(0, 0)))
    }

    func testOverlapAndContainment() {
        let a = VersionRange(min: Microversion(2, 1), max: Microversion(2, 9))
        let b = VersionRange(min: Microversion(2, 10), max: nil)
        XCTAssertFalse(a.overlaps(b))
        XCTAssertTrue(a.overlaps(VersionRange(min: Microversion(2, 9))))
        XCTAssertTrue(VersionRange.unbounded.contains(a))
        XCTAssertFalse(a.contains(b))
        XCTAssertTrue(VersionRange(min: Microversion(2, 3), max: Microversion(2, 2)).isEmpty)
        XCTAssertEqual(VersionRange(max: Microversion(2, 5)).bounded(by: a), VersionRange(min: Microversion(2, 1), max: Microversion(2, 5)))
    }

    func testFolderVersionOfSamplePaths() {
        XCTAssertEqual(SampleVersions.folderVersion(in: "samples/servers/v2.47/show.json"), Microversion(2, 47))
        XCTAssertEqual(SampleVersions.folderVersion(in: "doc/api_samples/servers/v2.100/x.json"), Microversion(2, 100))
        XCTAssertNil(SampleVersions.folderVersion(in: "samples/servers/show.json"))
        XCTAssertNil(SampleVersions.folderVersion(in: "samples/v2.47.json"), "the file name is not a folder")
        XCTAssertNil(SampleVersions.folderVersion(in: "samples/vx/show.json"))
    }
}
