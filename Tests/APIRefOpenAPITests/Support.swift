import APIRefKit
import APIRefOpenAPI
import Foundation
import XCTest

enum Demo {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static func model() throws -> APIModel {
        try Pipeline.read(root: packageRoot.appendingPathComponent("api-ref").path).model
    }
}

/// An exported document as plain JSON values, for asserting on its shape.
struct ExportedJSON {
    let root: [String: Any]

    init(_ export: OpenAPIExport) throws {
        let text = try OpenAPIOutput.encode(export.document, as: .json)
        root = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// The value at a path of keys, e.g. `["paths", "/v1/flavors", "get"]`.
    func value(_ keys: [String]) -> Any? {
        var current: Any? = root
        for key in keys {
            current = (current as? [String: Any])?[key]
        }
        return current
    }

    func operation(_ path: String, _ method: String) -> [String: Any]? {
        value(["paths", path, method]) as? [String: Any]
    }

    /// The `application/json` schema of a response (`"request"` for the request body).
    func schema(_ path: String, _ method: String, _ status: String) -> [String: Any]? {
        media(path, method, status)?["schema"] as? [String: Any]
    }

    func examples(_ path: String, _ method: String, _ status: String) -> [String: Any]? {
        media(path, method, status)?["examples"] as? [String: Any]
    }

    private func media(_ path: String, _ method: String, _ status: String) -> [String: Any]? {
        let keys = status == "request"
            ? ["paths", path, method, "requestBody", "content", "application/json"]
            : ["paths", path, method, "responses", status, "content", "application/json"]
        return value(keys) as? [String: Any]
    }
}

/// `name` under Golden/: compared with `actual`, or recorded when `RECORD_GOLDEN=1`.
func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
    let url = Demo.goldenDirectory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        try? FileManager.default.createDirectory(at: Demo.goldenDirectory, withIntermediateDirectories: true)
        XCTAssertNoThrow(try actual.write(to: url, atomically: true, encoding: .utf8), file: file, line: line)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("golden file \(name) is missing: run `RECORD_GOLDEN=1 swift test` and review it", file: file, line: line)
        return
    }
    guard expected != actual else { return }
    let expectedLines = expected.components(separatedBy: "\n"), actualLines = actual.components(separatedBy: "\n")
    for index in 0..<max(expectedLines.count, actualLines.count) {
        let e = index < expectedLines.count ? expectedLines[index] : "<end>"
        let a = index < actualLines.count ? actualLines[index] : "<end>"
        if e != a {
            XCTFail("\(name) differs at line \(index + 1):\n  expected: \(e)\n  actual:   \(a)\n(re-record with RECORD_GOLDEN=1 if the change is intended)",
                    file: file, line: line)
            return
        }
    }
}

/// A description in memory: `apiref.yaml`, `parameters.yaml`, one page and its samples.
func fixtureModel(parameters: String, page: String, samples: [String: String] = [:],
                  minVersion: String = "1.0", maxVersion: String = "1.3") throws -> APIModel {
    var files = [
        "/fixture/apiref.yaml": """
            title: Fixture API
            service: fx
            version_header: Fixture-API-Version
            min_version: "\(minVersion)"
            max_version: "\(maxVersion)"
            """,
        "/fixture/parameters.yaml": parameters,
        "/fixture/pages/things.md": page,
    ]
    for (path, text) in samples { files["/fixture/\(path)"] = text }
    return try Pipeline.read(root: "/fixture", fileSystem: InMemoryFileSystem(files: files)).model
}
