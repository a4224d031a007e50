import Foundation
import XCTest
@testable import APIRefKit

/// `serve` brings its loaded samples up to date after edits (`SampleLoader.reloading`) only
/// when the edits changed nothing but those samples' contents; otherwise it loads them again.
/// Either way the result must be what a fresh load gives.
final class SampleReloadingTests: XCTestCase {
    private var root: URL!
    private let disk = CachingFileSystem()
    private let cache = ReadCache()

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("apiref-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("s"), withIntermediateDirectories: true)
        try write("s/a.json", #"{"a": 1}"#)
        try write("s/b.json", #"{"b": 1}"#)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func write(_ path: String, _ text: String) throws {
        try text.write(to: root.appendingPathComponent(path), atomically: false, encoding: .utf8)
    }

    private func references(_ paths: String...) -> [(written: String, range: SourceRange, base: String)] {
        paths.enumerated().map { ($1, SourceRange(file: "page.inc", line: $0 + 1, column: 1), "") }
    }

    private var samples: SampleLoader { SampleLoader(loader: SourceLoader(fileSystem: disk, root: root.path)) }

    /// `reloading` after the files at `changed` changed (the disk told so), or nil.
    private func reload(_ set: LoadedSampleSet, changed: [String]) -> LoadedSampleSet? {
        disk.forget(changed: changed.map { root.appendingPathComponent($0).path })
        return ReadCache.$current.withValue(cache) { samples.reloading(set, changed: changed) }
    }

    private func load(_ references: [(written: String, range: SourceRange, base: String)]) -> LoadedSampleSet {
        ReadCache.$current.withValue(cache) { samples.loadSet(references) }
    }

    private func assertSameAsAFreshLoad(_ set: LoadedSampleSet?, _ references: [(written: String, range: SourceRange, base: String)],
                                        file: StaticString = #filePath, line: UInt = #line) throws {
        let set = try XCTUnwrap(set, "brought up to date", file: file, line: line)
        let fresh = load(references)
        XCTAssertEqual(set.documents, fresh.documents, file: file, line: line)
        XCTAssertEqual(set.fingerprints, fresh.fingerprints, file: file, line: line)
        XCTAssertEqual(set.diagnostics, fresh.diagnostics, file: file, line: line)
        XCTAssertEqual(set.sources.paths, fresh.sources.paths, file: file, line: line)
    }

    func testAnEditedSampleIsReadAgainAndTheOthersKept() throws {
        let refs = references("s/a.json", "s/b.json")
        let set = load(refs)
        try write("s/a.json", #"{"a": 2,}"#)
        let revised = reload(set, changed: ["s/a.json"])
        XCTAssertEqual(revised?.documents["s/b.json"], set.documents["s/b.json"])
        XCTAssertNotEqual(revised?.documents["s/a.json"], set.documents["s/a.json"])
        XCTAssertEqual(revised?.diagnostics.map(\.code), [InvalidJSON.descriptor.code])
        try assertSameAsAFreshLoad(revised, refs)
    }

    func testAFileNoReferenceNamesIsHarmlessAddedOrGone() throws {
        let refs = references("s/a.json")
        let set = load(refs)
        try write("s/new.json", "{}")
        try assertSameAsAFreshLoad(reload(set, changed: ["s/new.json"]), refs)
        try FileManager.default.removeItem(at: root.appendingPathComponent("s/new.json"))
        try assertSameAsAFreshLoad(reload(set, changed: ["s/new.json"]), refs)
    }

    func testChangesBeyondContentsAskForAFreshLoad() throws {
        let set = load(references("s/a.json", "s/b.json"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("s/b.json"))
        XCTAssertNil(reload(set, changed: ["s/b.json"]), "a sample removed")
        XCTAssertNil(reload(set, changed: ["s"]), "a folder holding samples changed")

        // A reference that found nothing: a new file may be what it names.
        let missing = load(references("s/a.json", "s/c.json"))
        XCTAssertFalse(missing.referenceFindings.isEmpty)
        try write("s/c.json", "{}")
        XCTAssertNil(reload(missing, changed: ["s/c.json"]))
    }

    func testASampleThatIsASymlinkChangesWithItsTarget() throws {
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("s/link.json").path,
                                                   withDestinationPath: "b.json")
        let set = load(references("s/a.json", "s/link.json"))
        XCTAssertTrue(set.hasLinks)
        try write("s/b.json", #"{"b": 2}"#)
        XCTAssertNil(reload(set, changed: ["s/b.json"]), "the link's target is no sample, but the link shows it")
    }
}
