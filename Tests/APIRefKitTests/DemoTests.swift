import XCTest
@testable import APIRefKit

/// The in-tree demo description: it must check clean, and exercise what the format offers.
final class DemoTests: XCTestCase {
    private var demoRoot: String { Fixtures.packageRoot.appendingPathComponent("api-ref").path }

    func testDemoChecksClean() throws {
        let (result, diagnostics) = try Pipeline.check(root: demoRoot)
        let engine = DiagnosticEngine(diagnostics, policy: .init(strict: true))
        let text = HumanWriter(sources: result.model.sources, pathPrefix: "api-ref", color: false).write(engine)
        XCTAssertEqual(engine.diagnostics.count, 0, text)
    }

    func testDemoIsRealistic() throws {
        let model = try Pipeline.read(root: demoRoot).model
        XCTAssertGreaterThanOrEqual(model.endpoints.count, 15)
        XCTAssertGreaterThanOrEqual(model.allVersions.count, 9)
        XCTAssertTrue(model.project.maxVersion > Microversion(1, 9), "two-digit minors are exercised")
        let locations = Set(model.definitions.map(\.location))
        XCTAssertEqual(locations, Set(ParameterLocation.allCases))
        XCTAssertTrue(model.endpoints.contains { $0.versions.max != nil }, "an endpoint is removed")
        XCTAssertTrue(model.endpoints.contains { $0.versions.min != nil }, "an endpoint is added")
        XCTAssertTrue(model.definitions.contains { $0.versions.max != nil }, "a field is removed")
        XCTAssertTrue(model.endpoints.flatMap(\.response).contains { $0.name.contains("{") }, "a map is documented")
        XCTAssertTrue(model.definitions.contains { $0.type == .array && $0.items == .object })
        XCTAssertTrue(model.endpoints.flatMap(\.samples).contains { $0.versionSource == .folder })
        // Every sample is referenced and every sample version is a real API version.
        let referenced = Set(model.samples.keys)
        XCTAssertGreaterThanOrEqual(referenced.count, 30)
        for endpoint in model.endpoints {
            for sample in endpoint.samples {
                XCTAssertTrue(model.window(of: endpoint).contains(sample.version), sample.path)
            }
        }
    }

    /// A copy of the demo with defects: each is reported with the right code at the right line.
    func testDefectsInACopyOfTheDemoAreLocated() throws {
        let fileSystem = try InMemoryCopy.of(demoRoot, into: "/demo")
        var broken = fileSystem
        let parametersPath = "/demo/parameters.yaml"
        let parameters = String(decoding: try XCTUnwrap(broken.files[parametersPath]), as: UTF8.self)
        var lines = parameters.components(separatedBy: "\n")
        let typeLine = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("  type: ") })
        lines[typeLine] = "  type: strng"
        broken.files[parametersPath] = Array(lines.joined(separator: "\n").utf8)
        let (_, diagnostics) = try Pipeline.check(root: "/demo", fileSystem: broken)
        XCTAssertTrue(diagnostics.contains { $0.code == "AR006" && $0.range.file == "parameters.yaml"
            && $0.range.start.line == typeLine + 1 && $0.range.start.column == 9 },
            diagnostics.map { "\($0.code) \($0.range)" }.joined(separator: "\n"))
    }
}

/// Loads a folder from disk into an in-memory file system (for mutation tests).
enum InMemoryCopy {
    static func of(_ root: String, into target: String) throws -> InMemoryFileSystem {
        var fileSystem = InMemoryFileSystem()
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let relative = enumerator?.nextObject() as? String {
            let path = root + "/" + relative
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                fileSystem.files[target + "/" + relative] = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            }
        }
        return fileSystem
    }
}
