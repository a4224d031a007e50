import APIRefKit
import Foundation
import OpenAPIKit
import Yams

/// The samples that show an endpoint at one microversion, as OpenAPI examples.
enum SampleExamples {
    /// The samples `shown`, keyed by file name; files that did not parse (reported by
    /// `check`) are left out.
    static func examples(for snapshot: EndpointSnapshot, _ direction: SampleDirection, model: APIModel) -> OpenAPI.Example.Map {
        var examples = OpenAPI.Example.Map()
        for sample in shown(snapshot.endpoint, direction, at: snapshot.version, model: model) {
            guard let value = document(sample, model: model)?.value else { continue }
            let example = OpenAPI.Example(summary: "\(sample.path) (microversion \(sample.version))",
                                          legacyValue: .b(AnyCodable(ExampleValue(value))))
            examples[uniqueName(for: sample.path, in: examples)] = .b(example)
        }
        return examples
    }

    /// For `direction`, the samples with the greatest version not after `version` (all of
    /// them when several share it). Samples outside the endpoint's window (reported by
    /// `check`) are left out.
    static func shown(_ endpoint: Endpoint, _ direction: SampleDirection, at version: Microversion,
                      model: APIModel) -> [SampleReference] {
        let window = model.window(of: endpoint)
        let candidates = endpoint.samples.filter {
            $0.direction == direction && $0.version <= version && window.contains($0.version)
        }
        guard let newest = candidates.map(\.version).max() else { return [] }
        return candidates.filter { $0.version == newest }
    }

    private static func document(_ sample: SampleReference, model: APIModel) -> SampleDocument? {
        if let document = model.samples[sample.path] { return document }
        return PathUtilities.normalizeRelative(sample.path).flatMap { model.samples[$0] }
    }

    /// `samples/instances/v1.7/instance-show-resp.json` -> `instance-show-resp`, with a
    /// numeric suffix if another example already has that name.
    private static func uniqueName(for path: String, in examples: OpenAPI.Example.Map) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        let stem = file.hasSuffix(".json") ? String(file.dropLast(5)) : file
        var name = stem, counter = 2
        while examples[name] != nil {
            name = "\(stem)-\(counter)"
            counter += 1
        }
        return name
    }
}

/// A sample's JSON value, encoded as written: members in source order (the first of
/// duplicate keys), integers as integers, other numbers as the nearest double (in YAML, as
/// the literal itself when it has no exponent).
struct ExampleValue: Encodable, Sendable {
    let value: JSONValue

    init(_ value: JSONValue) {
        self.value = value
    }

    func encode(to encoder: any Encoder) throws {
        switch value.kind {
        case .object(let members):
            var container = encoder.container(keyedBy: MemberKey.self)
            var seen = Set<String>()
            for member in members where seen.insert(member.key).inserted {
                try container.encode(ExampleValue(member.value), forKey: MemberKey(member.key))
            }
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(ExampleValue(element)) }
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .number(let number):
            var container = encoder.singleValueContainer()
            if number.isInteger, let integer = Int(number.literal) {
                try container.encode(integer)
            } else if let double = number.doubleValue {
                try container.encode(DecimalLiteral(literal: number.literal, value: double))
            } else {
                // Beyond Double's range: keep the digits rather than fail the whole export.
                try container.encode(number.literal)
            }
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        }
    }

    private struct MemberKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }

        init(_ key: String) { stringValue = key }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// A number with a fraction. Yams writes doubles in exponent form (`3.75e+0`), which YAML
/// 1.1 readers such as PyYAML take for a string, so YAML gets the sample's own literal.
private struct DecimalLiteral: Encodable, YAMLEncodable {
    let literal: String
    let value: Double

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    func box() -> Node {
        let plain = !literal.contains { $0 == "e" || $0 == "E" }
        return plain ? Node(literal, Tag(.float)) : value.box()
    }
}
