import APIRefKit
import Foundation
import OpenAPIKit

/// JSON Schemas for the parameters of one endpoint at one microversion.
///
/// Body fields are named by dotted display names (`instance.volumes.size`): the names are
/// folded into a tree of segments, then each node becomes a schema. `{name}` segments are the
/// values of a map (`additionalProperties`); the fields of an array of objects are named
/// through the array and describe its `items`; an object with no documented fields is
/// free-form.
enum BodySchema {
    /// The schema of a whole JSON body, or nil when the body has no documented fields.
    static func body(_ parameters: [ResolvedParameter], title: String? = nil) -> JSONSchema? {
        let root = SchemaNode(parameters.filter { $0.definition.location == .body })
        guard root.hasFields else { return nil }
        return objectSchema(root, core: .init(required: true, title: title))
    }

    /// The schema of a path, query or header parameter (its description is the parameter's).
    static func parameter(_ definition: ParameterDefinition, example: String? = nil) -> JSONSchema {
        typed(definition, required: definition.required, fields: nil, described: false,
              examples: example.map { [AnyCodable($0)] } ?? [])
    }

    /// True when the body has a required top-level field (the request body is then required).
    static func hasRequiredField(_ parameters: [ResolvedParameter]) -> Bool {
        SchemaNode(parameters.filter { $0.definition.location == .body }).children.values.contains { $0.isRequired }
    }

    private static func schema(for node: SchemaNode) -> JSONSchema {
        guard let definition = node.definition else {
            // Only the fields inside are documented (an undocumented wrapper): an object that
            // is required when any of its fields is.
            let required = node.children.values.contains { $0.isRequired }
            return objectSchema(node, core: .init(required: required))
        }
        return typed(definition, required: definition.required, fields: node)
    }

    /// The schema of `definition`; `fields` holds the fields documented inside it, if any.
    private static func typed(_ definition: ParameterDefinition, required: Bool, fields: SchemaNode?,
                              described: Bool = true, examples: [AnyCodable] = []) -> JSONSchema {
        let description = described ? OperationParts.text(definition.description) : nil
        let nullable = definition.nullable && definition.type != .null
        func core<Format: OpenAPIFormat>(_ format: Format.Type = Format.self, enumerated: Bool = true) -> JSONSchema.CoreContext<Format> {
            .init(format: definition.format.flatMap(Format.init(rawValue:)) ?? .unspecified,
                  required: required, nullable: nullable, description: description,
                  allowedValues: enumerated ? allowedValues(definition, type: definition.type) : nil,
                  examples: examples)
        }
        switch definition.type {
        case .string: return .string(core(), .init())
        case .integer: return .integer(core(), .init())
        case .number: return .number(core(), .init())
        case .boolean: return .boolean(core())
        case .null: return .null(.init(required: required, description: description))
        case .object:
            guard let fields, fields.hasFields else { return .object(core(), .init(properties: [:])) }
            return objectSchema(fields, core: core())
        case .array:
            return .array(core(enumerated: false), .init(items: itemSchema(definition, fields: fields)))
        }
    }

    /// The elements of an array: an object when fields are named through the array, else the
    /// definition's `items` type (absent: anything).
    private static func itemSchema(_ definition: ParameterDefinition, fields: SchemaNode?) -> JSONSchema? {
        if let fields, fields.hasFields { return objectSchema(fields, core: .init(required: true)) }
        guard let items = definition.items else { return nil }
        let values = allowedValues(definition, type: items)
        switch items {
        case .string: return .string(.init(allowedValues: values), .init())
        case .integer: return .integer(.init(allowedValues: values), .init())
        case .number: return .number(.init(allowedValues: values), .init())
        case .boolean: return .boolean(.init(allowedValues: values))
        case .null: return .null()
        case .object: return .object(.init(), .init(properties: [:]))
        case .array: return .array(.init(), .init())
        }
    }

    private static func objectSchema(_ node: SchemaNode, core: JSONSchema.CoreContext<JSONTypeFormat.ObjectFormat>) -> JSONSchema {
        var properties = OrderedDictionary<String, JSONSchema>()
        for name in node.order {
            if let child = node.children[name] { properties[name] = schema(for: child) }
        }
        let additional = node.wildcard.map { Either<Bool, JSONSchema>.b(schema(for: $0)) }
        return .object(core, .init(properties: properties, additionalProperties: additional))
    }

    /// The definition's `enum` as JSON values of `type`; `null` joins them when the field is
    /// nullable, or a JSON Schema `enum` would reject the null the type allows.
    private static func allowedValues(_ definition: ParameterDefinition, type: ValueType) -> [AnyCodable]? {
        guard let texts = definition.enumValues, !texts.isEmpty else { return nil }
        var values = texts.map { text -> AnyCodable in
            switch type {
            case .integer: return Int(text).map(AnyCodable.init) ?? AnyCodable(text)
            case .number: return Double(text).map(AnyCodable.init) ?? AnyCodable(text)
            case .boolean: return Bool(text).map(AnyCodable.init) ?? AnyCodable(text)
            default: return AnyCodable(text)
            }
        }
        if definition.nullable, type == definition.type { values.append(AnyCodable(String?.none)) }
        return values
    }
}

/// The body fields of one endpoint direction as a tree of name segments, with the
/// definition in force at the snapshot's version on each documented node.
///
/// Like `FieldTree` in APIRefKit's sample checks, but built from a snapshot's resolved
/// parameters (already one definition per name) rather than from every version's.
final class SchemaNode {
    private(set) var children: [String: SchemaNode] = [:]
    private(set) var order: [String] = []
    private(set) var wildcard: SchemaNode?
    private(set) var definition: ParameterDefinition?

    private init() {}

    convenience init(_ parameters: [ResolvedParameter]) {
        self.init()
        for parameter in parameters {
            var node = self
            for segment in parameter.reference.segments {
                node = node.child(String(segment))
            }
            if node.definition == nil { node.definition = parameter.definition }
        }
    }

    var hasFields: Bool { !children.isEmpty || wildcard != nil }

    var isRequired: Bool {
        definition?.required ?? children.values.contains { $0.isRequired }
    }

    private func child(_ segment: String) -> SchemaNode {
        if segment.hasPrefix("{"), segment.hasSuffix("}") {
            if let wildcard { return wildcard }
            let node = SchemaNode()
            wildcard = node
            return node
        }
        if let existing = children[segment] { return existing }
        let node = SchemaNode()
        children[segment] = node
        order.append(segment)
        return node
    }
}
