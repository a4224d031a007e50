import XCTest
@testable import APIRefKit

/// Flat os-api-ref parameter lists turned into full dotted names (ParameterNesting).
final class OSAPIRefNestingTests: XCTestCase {
    private func definition(_ type: ValueType, in location: ParameterLocation = .body) -> ParameterDefinition {
        ParameterDefinition(key: "k", location: location, type: type, required: true, description: nil,
                            versions: .unbounded, range: .file("parameters.yaml"))
    }

    /// `rows` as `name:type` (`s` string, `o` object, `a` array, `p` a path parameter).
    private func names(_ rows: String, samples: [String] = [], placeholders: Set<String> = []) throws -> [String] {
        let items = rows.split(separator: " ").map { row -> ParameterNesting.Item in
            let parts = row.split(separator: ":", maxSplits: 1)
            let kind = parts.count > 1 ? parts[1] : "s"
            let definition: ParameterDefinition
            switch kind {
            case "o": definition = self.definition(.object)
            case "a": definition = self.definition(.array)
            case "p": definition = self.definition(.string, in: .path)
            default: definition = self.definition(.string)
            }
            return ParameterNesting.Item(name: String(parts[0]), definition: definition)
        }
        let shape = SampleShape()
        for sample in samples { shape.add(try JSONReader.parse(sample)) }
        return ParameterNesting.normalize(items, shape: shape, placeholders: placeholders)
    }

    func testNovaWrapperChildrenAndDottedRelatives() throws {
        // Without samples: plain names go under the wrapper, `networks.uuid` under its holder.
        XCTAssertEqual(try names("server_id:p server:o name networks:a networks.uuid"),
                       ["server_id", "server", "server.name", "server.networks", "server.networks.uuid"])
    }

    func testSamplesPlaceSiblingsOfTheWrapper() throws {
        XCTAssertEqual(try names("servers:a id name servers_links:a",
                                 samples: [#"{"servers": [{"id": "1", "name": "a"}], "servers_links": []}"#]),
                       ["servers", "servers.id", "servers.name", "servers_links"])
    }

    func testNestedWrappersFollowTheSamples() throws {
        let sample = #"{"limits": {"absolute": {"maxTotalCores": 1, "maxImageMeta": 2}, "rate": []}}"#
        XCTAssertEqual(try names("limits:o absolute:o maxTotalCores maxRemoved maxImageMeta rate:a", samples: [sample]),
                       ["limits", "limits.absolute", "limits.absolute.maxTotalCores", "limits.absolute.maxRemoved",
                        "limits.absolute.maxImageMeta", "limits.rate"])
    }

    func testKeyValueRowsDocumentAMap() throws {
        XCTAssertEqual(try names("extra_specs:o key value", samples: [#"{"extra_specs": {"hw:numa_nodes": "1"}}"#]),
                       ["extra_specs", "extra_specs.{key}", "extra_specs.{key}"])
        let detail = #"{"server": {"flavor": {"extra_specs": {"a": "b"}}}}"#
        XCTAssertEqual(try names("server:o flavor:o flavor.extra_specs:o flavor.extra_specs.key flavor.extra_specs.value",
                                 samples: [detail]),
                       ["server", "server.flavor", "server.flavor.extra_specs", "server.flavor.extra_specs.{key}",
                        "server.flavor.extra_specs.{key}"])
        // A real `key` field is kept.
        XCTAssertEqual(try names("pairs:a key value", samples: [#"{"pairs": [{"key": "a", "value": "b"}]}"#]),
                       ["pairs", "pairs.key", "pairs.value"])
    }

    func testPlaceholderNamesAndMapsOneLevelDown() throws {
        XCTAssertEqual(try names("addresses:o network_label:a addr version",
                                 samples: [#"{"addresses": {"private": [{"addr": "10.0.0.1", "version": 4}]}}"#],
                                 placeholders: ["network_label"]),
                       ["addresses", "addresses.{network_label}", "addresses.{network_label}.addr",
                        "addresses.{network_label}.version"])
        let audit = #"{"log": {"log": {"host-1": {"errors": 1, "state": "DONE"}}, "num_hosts": 1}}"#
        XCTAssertEqual(try names("log:o log:o errors state num_hosts", samples: [audit]),
                       ["log", "log.log", "log.log.{key}.errors", "log.log.{key}.state", "log.num_hosts"])
    }

    func testFullDottedNamesOfOtherTreesStayAsWritten() throws {
        XCTAssertEqual(try names("volume:o volume.id volume.attachments:a volume.attachments.server_id"),
                       ["volume", "volume.id", "volume.attachments", "volume.attachments.server_id"])
        // An unknown parent (nova's `security_group.name` typo) is kept as written.
        XCTAssertEqual(try names("servers:a security_groups:a security_group.name"),
                       ["servers", "servers.security_groups", "security_group.name"])
    }
}
