import XCTest
@testable import APIRefKit

/// Acceptance on OpenStack Compute's real tree (../shared/corpora/nova), skipped when absent.
final class OSAPIRefNovaTests: XCTestCase {
    static let novaSource = Fixtures.packageRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/corpora/nova/api-ref/source").path

    func novaTree() throws -> OSAPIRefTree {
        guard FileManager.default.fileExists(atPath: Self.novaSource) else {
            throw XCTSkip("../shared/corpora/nova is not present beside the package")
        }
        return try OSAPIRefReader(fileSystem: LocalFileSystem(), root: Self.novaSource).readTree()
    }

    func testEveryOperationIsInTheModel() throws {
        let tree = try novaTree()
        let model = tree.result.model
        XCTAssertEqual(model.endpoints.count, 251, "every rest_method of the tree")
        XCTAssertEqual(Dictionary(grouping: model.endpoints, by: \.method).mapValues(\.count),
                       ["GET": 109, "POST": 83, "PUT": 27, "DELETE": 32])
        XCTAssertEqual(model.pages.count, 68, "index.rst and the 67 distinct .inc files it includes")
        XCTAssertEqual(tree.result.root, OSAPIRefPaths.ancestor(of: Self.novaSource, levels: 2))
        XCTAssertEqual(tree.sourcePrefix, "api-ref/source")
        XCTAssertEqual(tree.sampleFolders, ["doc/api_samples"])
        XCTAssertEqual(model.project.versions, VersionRange(min: Microversion(2, 1), max: Microversion(2, 104)))

        func endpoint(_ id: String) -> Endpoint? { model.endpoints.first { $0.id == id } }
        let show = try XCTUnwrap(endpoint("show-server-details"))
        XCTAssertEqual("\(show.method) \(show.path.value) \(show.title) \(show.versions)",
                       "GET /servers/{server_id} Show Server Details all versions")
        XCTAssertEqual(show.page, "api-ref/source/servers.inc")
        XCTAssertEqual(show.successCodes.map(\.code), [200])
        XCTAssertEqual(show.errorCodes.map(\.code), [401, 403, 404])
        let statistics = try XCTUnwrap(endpoint("show-hypervisor-statistics-deprecated"))
        XCTAssertEqual(statistics.versions, VersionRange(max: Microversion(2, 87)))
        XCTAssertEqual(model.endpoints.filter { $0.versions.max != nil }.count, 8)
        // A section whose rest_method follows a deprecation warning is still an endpoint.
        XCTAssertEqual(endpoint("add-associate-fixed-ip-addfixedip-action-deprecated")?.request.map(\.name),
                       ["server_id", "addFixedIp", "addFixedIp.networkId"])
    }

    func testDefinitionsAndSamplesAreResolvedAndAttached() throws {
        let tree = try novaTree()
        let model = tree.result.model
        XCTAssertEqual(model.definitions.count, 949)
        let references = model.endpoints.flatMap { $0.request + $0.response }
        XCTAssertEqual(references.filter { model.definition($0.key) == nil }.map(\.key), [], "every reference resolves")
        XCTAssertEqual(model.samples.count, 334, "distinct samples included")
        XCTAssertEqual(tree.result.discoveredSamples.count, 739, "samples under doc/api_samples")
        XCTAssertEqual(model.samples.values.filter { $0.value == nil }.count, 0, "every included sample parses")

        let detail = try XCTUnwrap(model.endpoints.first { $0.id == "list-servers-detailed" })
        XCTAssertEqual(detail.samples.filter { $0.direction == .response }.map { "\($0.version)" },
                       ["2.100", "2.98", "2.96", "2.73", "2.69"], "absolute (/../../doc) and relative includes")
        let create = try XCTUnwrap(model.endpoints.first { $0.id == "create-server" })
        XCTAssertEqual(create.samples.map { "\($0.direction) \($0.version)" },
                       ["request 2.1", "request 2.32", "request 2.37", "request 2.63", "request 2.74", "request 2.90",
                        "request 2.94", "response 2.1"])
        XCTAssertEqual(create.request.first { $0.key == "network_uuid" }?.name, "server.networks.uuid")
    }

    func testNovaChecksWithoutReaderArtifacts() throws {
        let tree = try novaTree()
        let diagnostics = Pipeline.validate(tree.result)
        let counts = Dictionary(grouping: diagnostics, by: \.code).mapValues(\.count)
        XCTAssertEqual(counts["AR030"], 405, "405 of 739 samples are never included")
        for code in ["AR000", "AR001", "AR002", "AR008", "AR014", "AR040", "AR041", "AR042", "AR044"] {
            XCTAssertNil(counts[code], "\(code): \(diagnostics.filter { $0.code == code }.prefix(3).map(\.message))")
        }
        XCTAssertEqual(counts["AR043"], 1, "the inferred range is stated")
    }

    func testConvertedNovaChecksWithTheSameFindings() throws {
        let tree = try novaTree()
        let output = NativeConverter(tree: tree, fileSystem: LocalFileSystem()).convert()
        var target = InMemoryFileSystem()
        for file in output.files { target.files["/out/" + file.path] = file.contents }
        let (_, converted) = try Pipeline.check(root: "/out", format: .native, fileSystem: target)
        func comparable(_ diagnostics: [Diagnostic]) -> [String] {
            diagnostics.filter { $0.severity != .note }
                .map { "\($0.code) " + $0.message.replacingOccurrences(of: "doc/api_samples/", with: "samples/") }
                .sorted()
        }
        let original = comparable(Pipeline.validate(tree.result))
        let after = comparable(converted)
        XCTAssertEqual(original.count, after.count)
        XCTAssertEqual(original.filter { !after.contains($0) }.prefix(5), [])
        XCTAssertEqual(after.filter { !original.contains($0) }.prefix(5), [])
    }

    /// `OSAPIREF_DUMP=path swift test --filter OSAPIRefNova` writes the model for inspection.
    func testDumpWhenAsked() throws {
        guard let target = ProcessInfo.processInfo.environment["OSAPIREF_DUMP"] else { return }
        let model = try novaTree().result.model
        var lines: [String] = []
        for page in model.pages {
            lines.append("PAGE \(page.path) \(page.title)")
            for block in page.blocks { if case .prose(let text) = block { lines.append("  prose " + text.text.replacingOccurrences(of: "\n", with: "\n        ")) } }
            lines.append("  links " + page.links.map(\.destination).joined(separator: " "))
            for endpoint in page.endpoints {
                lines.append("  \(endpoint.method) \(endpoint.path.value) [\(endpoint.id)] \(endpoint.title) \(endpoint.versions)")
                lines.append("    status \(endpoint.successCodes.map(\.code)) \(endpoint.errorCodes.map(\.code))")
                for reference in endpoint.request { lines.append("    req \(reference.name): \(reference.key)") }
                for reference in endpoint.response { lines.append("    resp \(reference.name): \(reference.key)") }
                for sample in endpoint.samples {
                    lines.append("    sample \(sample.direction) \(sample.version) \(sample.path) \(sample.caption ?? "")")
                }
                if let description = endpoint.description { lines.append("    desc " + description.text.replacingOccurrences(of: "\n", with: "\n         ")) }
            }
        }
        try lines.joined(separator: "\n").write(toFile: target, atomically: true, encoding: .utf8)
        let findings = DiagnosticEngine(Pipeline.validate(try novaTree().result)).diagnostics
            .map { "\($0.code) \($0.severity) \($0.range) \($0.message)" }
        try findings.joined(separator: "\n").write(toFile: target + ".findings", atomically: true, encoding: .utf8)
    }
}
