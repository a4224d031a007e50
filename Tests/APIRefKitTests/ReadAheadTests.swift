import XCTest
@testable import APIRefKit

final class ReadAheadTests: XCTestCase {
    private let shape = ReadAhead.CommandLineShape(
        commands: ["check", "build"], otherCommands: ["explain", "serve", "help"],
        valueOptions: ["--format", "-o", "--output"], flags: ["--strict", "--allow-errors"])

    private func guess(_ arguments: String) -> ReadAhead.Request? {
        ReadAhead.guess(arguments: arguments.split(separator: " ").map(String.init), shape: shape, defaultRoot: "api-ref")
    }

    func testGuessesTheRootFormatAndVersions() {
        XCTAssertEqual(guess("check"), ReadAhead.Request(root: "api-ref"))
        XCTAssertEqual(guess("docs"), ReadAhead.Request(root: "docs"), "check is the default command")
        XCTAssertEqual(guess("build --input-format os-api-ref src -o site --allow-errors"),
                       ReadAhead.Request(root: "src", format: .osAPIRef))
        XCTAssertEqual(guess("check --input-format=native --format json --strict tree"),
                       ReadAhead.Request(root: "tree", format: .native))
        XCTAssertEqual(guess("check --min-version 2.1 --max-version=2.100 -- --odd-name"),
                       ReadAhead.Request(root: "--odd-name", versions: VersionRange(min: Microversion(2, 1), max: Microversion(2, 100))))
    }

    func testDeclinesWhatItCannotTellWithoutParsing() {
        XCTAssertNil(guess("explain AR001"), "another command")
        XCTAssertNil(guess("check --help"), "an option it does not know")
        XCTAssertNil(guess("check --limit files=10 api-ref"), "--limit changes the read: left to the parser")
        XCTAssertNil(guess("check one two"), "a second path")
        XCTAssertNil(guess("check --input-format sphinx"), "a format that does not exist")
        XCTAssertNil(guess("check --min-version two"), "a version that does not parse")
        XCTAssertNil(guess("check --min-version 2.5 --max-version 2.1"), "an empty range")
        XCTAssertNil(guess("build -o"), "an option without its value")
    }

    func testTheEarlyReadIsTakenOnlyForTheSameRequest() throws {
        let root = Fixtures.packageRoot.appendingPathComponent("api-ref").path
        let request = ReadAhead.Request(root: root)
        ReadAhead.start(request)
        let early = try ReadAhead.read(request)
        XCTAssertEqual(early.model.endpoints.count, try Pipeline.read(root: root).model.endpoints.count)

        // Another request reads anew (and a read started early is taken at most once).
        ReadAhead.start(ReadAhead.Request(root: root + "/no-such-folder"))
        XCTAssertEqual(try ReadAhead.read(request).model.endpoints.count, early.model.endpoints.count)
        XCTAssertThrowsError(try ReadAhead.read(ReadAhead.Request(root: root + "/no-such-folder")))

        // A failed early read gives its error to the command.
        ReadAhead.start(ReadAhead.Request(root: root + "/missing"))
        XCTAssertThrowsError(try ReadAhead.read(ReadAhead.Request(root: root + "/missing")))
    }
}
