import APIRefKit
import APIRefOpenAPI
import Foundation
import OpenAPIKit
import XCTest

/// Export behaviour on small in-memory descriptions: what OpenAPI cannot say directly.
final class ExportBehaviourTests: XCTestCase {
    private let parameters = """
        thing_id:
          in: path
          type: string
          required: true
          description: The thing.
        action_reboot:
          in: body
          type: object
          required: true
          description: Reboot it.
        action_reboot_type:
          in: body
          type: string
          required: true
          nullable: true
          enum: [SOFT, HARD]
          description: How.
        action_stop:
          in: body
          type: object
          required: true
          nullable: true
          description: Stop it.
        colour:
          in: body
          type: string
          required: false
          min_version: "1.2"
          description: A colour.
        """

    private var page: String {
        """
        # Things

        ## Reboot thing

        ```endpoint
        id: reboot
        method: POST
        path: /things/{thing_id}/action
        status:
          success: [202]
        request:
          - thing_id: thing_id
          - reboot: action_reboot
          - reboot.type: action_reboot_type
        samples:
          - request: samples/reboot.json
        ```

        Reboots.

        ## Stop thing

        ```endpoint
        id: stop
        method: POST
        path: /things/{id}/action
        status:
          success: [202]
          error:
            - 409: Already stopped.
        request:
          - stop: action_stop
        samples:
          - request: samples/stop.json
        ```

        Stops.

        ## Wake thing

        ```endpoint
        id: wake
        method: POST
        path: /things/{thing_id}/action
        status:
          success: [202]
        request:
          - thing_id: thing_id
        samples:
          - request: samples/wake.json
        ```

        ## Paint thing

        ```endpoint
        id: paint
        method: PUT
        path: /things/{thing_id}/paint
        status:
          success: [204]
        request:
          - thing_id: thing_id
          - colour: colour
        ```
        """
    }

    private func model() throws -> APIModel {
        try fixtureModel(parameters: parameters, page: page, samples: [
            "samples/reboot.json": #"{"reboot": {"type": "HARD"}}"#,
            "samples/stop.json": #"{"stop": null}"#,
            "samples/wake.json": #"{"wake": {"after": 5}}"#,
        ])
    }

    func testEndpointsOnOneRouteMergeIntoOneOperation() throws {
        let export = try OpenAPIExporter(model: model()).validatedDocument(at: Microversion(1, 0))
        let json = try ExportedJSON(export)
        let paths = try XCTUnwrap(json.value(["paths"]) as? [String: Any])
        XCTAssertEqual(Set(paths.keys), ["/things/{thing_id}/action", "/things/{thing_id}/paint"])
        let operation = try XCTUnwrap(json.operation("/things/{thing_id}/action", "post"))
        XCTAssertEqual(operation["operationId"] as? String, "reboot")
        XCTAssertEqual(operation["summary"] as? String, "Reboot thing; Stop thing; Wake thing")
        XCTAssertEqual(operation["description"] as? String,
                       "**Reboot thing** (`reboot`)\n\nReboots.\n\n**Stop thing** (`stop`)\n\nStops.\n\n**Wake thing** (`wake`)")
        let schema = try XCTUnwrap(json.schema("/things/{thing_id}/action", "post", "request"))
        let alternatives = try XCTUnwrap(schema["anyOf"] as? [[String: Any]])
        XCTAssertEqual(alternatives.compactMap { $0["title"] as? String }, ["Reboot thing", "Stop thing", "Wake thing"])
        // An endpoint whose body fields are undocumented allows any object.
        XCTAssertEqual(alternatives[2]["type"] as? String, "object")
        XCTAssertNil(alternatives[2]["properties"])
        XCTAssertEqual(Set(json.examples("/things/{thing_id}/action", "post", "request")?.keys ?? [:].keys),
                       ["reboot", "stop", "wake"])
        let responses = try XCTUnwrap(operation["responses"] as? [String: Any])
        XCTAssertEqual(Set(responses.keys), ["202", "409"])
        // The second endpoint's `{id}` is the exported path's `{thing_id}`; it documents none.
        XCTAssertEqual(export.notes, ["'POST /things/{id}/action': path parameter 'id' is not documented at 1.0; exported as a string"])
        let parameters = try XCTUnwrap(operation["parameters"] as? [[String: Any]])
        XCTAssertEqual(parameters.map { $0["name"] as? String }, ["thing_id"])
    }

    func testNullableEnumAllowsNull() throws {
        let json = try ExportedJSON(OpenAPIExporter(model: model()).validatedDocument(at: Microversion(1, 0)))
        let anyOf = try XCTUnwrap(json.schema("/things/{thing_id}/action", "post", "request")?["anyOf"] as? [[String: Any]])
        let reboot = (anyOf[0]["properties"] as? [String: Any])?["reboot"] as? [String: Any]
        let type = try XCTUnwrap((reboot?["properties"] as? [String: Any])?["type"] as? [String: Any])
        XCTAssertEqual(type["type"] as? [String], ["string", "null"])
        XCTAssertEqual((type["enum"] as? [Any])?.count, 3)
        XCTAssertTrue((type["enum"] as? [Any])?.last is NSNull)
    }

    func testNoContentResponseHasNoBodyAndChangeVersionsSkipQuietOnes() throws {
        let exporter = OpenAPIExporter(model: try model())
        let at12 = try ExportedJSON(exporter.validatedDocument(at: Microversion(1, 2)))
        XCTAssertNotNil(at12.schema("/things/{thing_id}/paint", "put", "request"))
        XCTAssertNil(at12.value(["paths", "/things/{thing_id}/paint", "put", "responses", "204", "content"]))
        let at11 = try ExportedJSON(exporter.validatedDocument(at: Microversion(1, 1)))
        XCTAssertNil(at11.value(["paths", "/things/{thing_id}/paint", "put", "requestBody"]))
        // `colour` arrives at 1.2; 1.1 and 1.3 change nothing.
        XCTAssertEqual(exporter.changeVersions, [Microversion(1, 0), Microversion(1, 2)])
    }

    func testValidationFailureNamesEachProblem() {
        let operation = OpenAPI.Operation(operationId: "get-thing", responses: [200: .response(description: "OK")])
        let document = OpenAPI.Document(
            openAPIVersion: .v3_1_1,
            info: .init(title: "Broken", version: "1.0"),
            servers: [],
            paths: ["/things/{thing_id}": .init(get: operation)],
            components: .noComponents)
        XCTAssertThrowsError(try OpenAPIExporter.validate(document, version: Microversion(1, 0))) { error in
            let message = String(describing: error)
            XCTAssertTrue(message.hasPrefix("the OpenAPI document for microversion 1.0 is not valid (1 problem):\n  "), message)
            XCTAssertTrue(message.contains("thing_id"), message)
        }
    }

    func testWriteReplacesAFileAndRefusesAnythingElse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("apiref-openapi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("openapi.yaml").path
        try OpenAPIOutput.write("first\n", to: file)
        try OpenAPIOutput.write("second\n", to: file)
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "second\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["openapi.yaml"])

        XCTAssertThrowsError(try OpenAPIOutput.write("x", to: folder.appendingPathComponent("missing/openapi.yaml").path))
        XCTAssertThrowsError(try OpenAPIOutput.write("x", to: folder.path))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link.yaml").path,
                                                   withDestinationPath: file)
        XCTAssertThrowsError(try OpenAPIOutput.write("x", to: folder.appendingPathComponent("link.yaml").path))
        XCTAssertEqual(try String(contentsOfFile: file, encoding: .utf8), "second\n")
    }

    func testFormatFromFileName() {
        XCTAssertEqual(OpenAPIFileFormat(fileName: "out/openapi.JSON"), .json)
        XCTAssertEqual(OpenAPIFileFormat(fileName: "openapi.yml"), .yaml)
        XCTAssertNil(OpenAPIFileFormat(fileName: "openapi.txt"))
        XCTAssertEqual(OpenAPIOutput.fileName(for: Microversion(2, 100), format: .json), "openapi-2.100.json")
    }
}
