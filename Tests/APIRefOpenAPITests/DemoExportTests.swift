import APIRefKit
import APIRefOpenAPI
import XCTest

/// The demo description (api-ref/ at the package root) exported microversion by microversion.
final class DemoExportTests: XCTestCase {
    private let showInstance = "/v1/instances/{instance_id}"
    private let securityGroups = "/v1/instances/{instance_id}/security-groups"

    func testEveryVersionValidatesWithoutNotes() throws {
        let exporter = OpenAPIExporter(model: try Demo.model())
        for version in exporter.model.allVersions {
            let export = try exporter.validatedDocument(at: version)
            XCTAssertEqual(export.notes, [], "\(version)")
            XCTAssertEqual(export.document.info.version, version.description)
        }
    }

    func testLatestDocumentGolden() throws {
        let model = try Demo.model()
        let export = try OpenAPIExporter(model: model).validatedDocument(at: model.project.maxVersion)
        assertGolden(try OpenAPIOutput.encode(export.document, as: .yaml), "demo-latest.yaml")
    }

    func testTagsAppearAt13() throws {
        let exporter = OpenAPIExporter(model: try Demo.model())
        let before = try ExportedJSON(exporter.validatedDocument(at: Microversion(1, 2)))
        let after = try ExportedJSON(exporter.validatedDocument(at: Microversion(1, 3)))
        func instanceProperties(_ json: ExportedJSON, _ path: String, _ method: String, _ status: String) -> [String: Any]? {
            let body = json.schema(path, method, status)?["properties"] as? [String: Any]
            return (body?["instance"] as? [String: Any])?["properties"] as? [String: Any]
        }
        XCTAssertNotNil(instanceProperties(before, showInstance, "get", "200")?["addresses"])
        XCTAssertNil(instanceProperties(before, showInstance, "get", "200")?["tags"])
        XCTAssertNil(instanceProperties(before, "/v1/instances", "post", "request")?["tags"])

        let tags = try XCTUnwrap(instanceProperties(after, showInstance, "get", "200")?["tags"] as? [String: Any])
        XCTAssertEqual(tags["type"] as? String, "array")
        XCTAssertEqual((tags["items"] as? [String: Any])?["type"] as? String, "string")
        XCTAssertNotNil(instanceProperties(after, "/v1/instances", "post", "request")?["tags"])
        let required = (after.schema(showInstance, "get", "200")?["properties"] as? [String: Any])
            .flatMap { ($0["instance"] as? [String: Any])?["required"] as? [String] }
        XCTAssertTrue(required?.contains("tags") ?? false)
    }

    func testSecurityGroupsEndpointEndsAt17() throws {
        let exporter = OpenAPIExporter(model: try Demo.model())
        let at17 = try ExportedJSON(exporter.validatedDocument(at: Microversion(1, 7)))
        let at18 = try ExportedJSON(exporter.validatedDocument(at: Microversion(1, 8)))
        XCTAssertEqual(at17.operation(securityGroups, "get")?["operationId"] as? String, "list-instance-security-groups")
        XCTAssertNil(at18.value(["paths", securityGroups]))
        XCTAssertNotNil(at18.operation(showInstance, "get"))
    }

    func testExamplesComeFromTheNewestSampleNotAfterTheVersion() throws {
        let exporter = OpenAPIExporter(model: try Demo.model())
        let at15 = try ExportedJSON(exporter.validatedDocument(at: Microversion(1, 5)))
        let example = try XCTUnwrap(at15.examples(showInstance, "get", "200")?["instance-show-resp"] as? [String: Any])
        XCTAssertEqual(example["summary"] as? String, "samples/instances/v1.4/instance-show-resp.json (microversion 1.4)")
        let instance = (example["value"] as? [String: Any])?["instance"] as? [String: Any]
        XCTAssertEqual(instance?["status"] as? String, "ERROR")
        XCTAssertNotNil(instance?["fault"] as? [String: Any])

        let at10 = try ExportedJSON(exporter.validatedDocument(at: Microversion(1, 0)))
        let request = at10.examples("/v1/instances", "post", "request")?["instance-create-req"] as? [String: Any]
        XCTAssertEqual(request?["summary"] as? String, "samples/instances/instance-create-req.json (microversion 1.0)")
        XCTAssertNil(at10.examples(showInstance, "delete", "202"), "no sample, no example")
    }

    func testStatusCodesAndHeaders() throws {
        let model = try Demo.model()
        let json = try ExportedJSON(OpenAPIExporter(model: model).validatedDocument(at: model.project.maxVersion))
        let responses = try XCTUnwrap(json.operation(showInstance, "get")?["responses"] as? [String: Any])
        XCTAssertEqual(Set(responses.keys), ["200", "401", "404"])
        XCTAssertEqual((responses["404"] as? [String: Any])?["description"] as? String, "The instance does not exist.")
        XCTAssertNotNil(json.value(["paths", showInstance, "get", "responses", "200", "headers", "X-Request-Id"]))
        let parameters = try XCTUnwrap(json.operation(showInstance, "get")?["parameters"] as? [[String: Any]])
        XCTAssertEqual(parameters.map { "\($0["in"] ?? "") \($0["name"] ?? "")" },
                       ["path instance_id", "header Tessera-API-Version"])
        XCTAssertEqual(Set((json.operation("/v1/instances/{instance_id}/users/{user_name}", "put")?["responses"] as? [String: Any])?.keys ?? [:].keys),
                       ["200", "201", "400", "401", "404", "409"])
    }

    func testSchemaShapes() throws {
        let model = try Demo.model()
        let json = try ExportedJSON(OpenAPIExporter(model: model).validatedDocument(at: model.project.maxVersion))
        let instance = try XCTUnwrap((json.schema(showInstance, "get", "200")?["properties"] as? [String: Any])?["instance"] as? [String: Any])
        let fields = try XCTUnwrap(instance["properties"] as? [String: Any])
        // `{key}` map
        let labels = try XCTUnwrap(fields["labels"] as? [String: Any])
        XCTAssertEqual((labels["additionalProperties"] as? [String: Any])?["type"] as? String, "string")
        // nullable object, nullable string with a format
        XCTAssertEqual((fields["fault"] as? [String: Any])?["type"] as? [String], ["object", "null"])
        let configuration = try XCTUnwrap(fields["configuration_id"] as? [String: Any])
        XCTAssertEqual(configuration["type"] as? [String], ["string", "null"])
        XCTAssertEqual(configuration["format"] as? String, "uuid")
        // array of objects named through the array
        let addresses = try XCTUnwrap((fields["addresses"] as? [String: Any])?["items"] as? [String: Any])
        XCTAssertEqual(addresses["required"] as? [String], ["address", "type"])
        XCTAssertEqual((addresses["properties"] as? [String: Any]).flatMap { ($0["type"] as? [String: Any])?["enum"] as? [String] },
                       ["private", "public"])
        // free-form object
        let values = (json.schema("/v1/configurations/{configuration_id}", "get", "200")?["properties"] as? [String: Any])
            .flatMap { ($0["configuration"] as? [String: Any])?["properties"] as? [String: Any] }?["values"] as? [String: Any]
        XCTAssertEqual(values?["type"] as? String, "object")
        XCTAssertNil(values?["properties"])
        // the field whose type changed at 1.12
        let backup = (json.schema("/v1/instances/{instance_id}/backups/{backup_id}", "get", "200")?["properties"] as? [String: Any])
            .flatMap { ($0["backup"] as? [String: Any])?["properties"] as? [String: Any] }
        XCTAssertEqual((backup?["size"] as? [String: Any])?["type"] as? String, "number")
    }

    func testAllWritesOnlyVersionsThatChange() throws {
        let exporter = OpenAPIExporter(model: try Demo.model())
        // Every microversion of the demo changes something.
        XCTAssertEqual(exporter.changeVersions, exporter.model.allVersions)
    }

    func testJSONIsSortedAndPretty() throws {
        let model = try Demo.model()
        let export = try OpenAPIExporter(model: model).validatedDocument(at: Microversion(1, 0))
        let text = try OpenAPIOutput.encode(export.document, as: .json)
        XCTAssertTrue(text.hasPrefix("{\n  \"info\" : {"), String(text.prefix(40)))
        XCTAssertTrue(text.hasSuffix("}\n"))
        XCTAssertTrue(try OpenAPIOutput.encode(export.document, as: .yaml).hasPrefix("openapi: 3.1.1\n"))
    }
}
