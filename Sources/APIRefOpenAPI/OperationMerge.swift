import APIRefKit
import OpenAPIKit

/// Builds the OpenAPI operation of one route (path + method).
///
/// OpenAPI has one operation per route, but an API reference may describe several endpoints
/// on one route at the same microversion (nova documents each server action as its own
/// endpoint on `POST /servers/{server_id}/action`). Those are merged: the bodies become an
/// `anyOf` of each endpoint's schema, examples and status codes are pooled, and the
/// description lists every endpoint.
enum OperationMerge {
    static func operation(_ parts: [OperationParts], operationId: String) -> OpenAPI.Operation {
        let single = parts.count == 1
        return OpenAPI.Operation(
            tags: unique(parts.compactMap(\.tag)).nilIfEmpty,
            summary: parts.map(\.endpoint.title).joined(separator: "; "),
            description: single ? OperationParts.text(parts[0].endpoint.description) : mergedDescription(parts),
            operationId: operationId,
            parameters: parameters(parts).map { .b($0) },
            requestBody: requestBody(parts),
            responses: responses(parts)
        )
    }

    private static func mergedDescription(_ parts: [OperationParts]) -> String {
        parts.map { part in
            let heading = "**\(part.endpoint.title)** (`\(part.endpoint.id)`)"
            return OperationParts.text(part.endpoint.description).map { heading + "\n\n" + $0 } ?? heading
        }.joined(separator: "\n\n")
    }

    /// The first of each name and location.
    private static func parameters(_ parts: [OperationParts]) -> [OpenAPI.Parameter] {
        var seen = Set<String>()
        return parts.flatMap(\.parameters).filter { seen.insert("\($0.location.rawValue) \($0.name)").inserted }
    }

    private static func requestBody(_ parts: [OperationParts]) -> OpenAPI.Request? {
        let bodies = parts.map { ($0.endpoint.title, $0.request) }
        guard let body = merged(bodies) else { return nil }
        return OpenAPI.Request(content: body.content, required: body.required)
    }

    private static func responses(_ parts: [OperationParts]) -> OpenAPI.Response.Map {
        var codes: [OpenAPI.Response.StatusCode] = []
        var byCode: [OpenAPI.Response.StatusCode: [(title: String, part: ResponsePart)]] = [:]
        for part in parts {
            for response in part.responses {
                if byCode[response.code] == nil { codes.append(response.code) }
                byCode[response.code, default: []].append((part.endpoint.title, response))
            }
        }
        var map = OpenAPI.Response.Map()
        for code in codes {
            let entries = byCode[code] ?? []
            var headers = OpenAPI.Header.Map()
            for entry in entries {
                for (name, header) in entry.part.headers where headers[name] == nil { headers[name] = header }
            }
            let body = merged(entries.map { ($0.title, $0.part.body) })
            map[code] = .b(OpenAPI.Response(
                description: unique(entries.map(\.part.description)).joined(separator: "\n\n"),
                headers: headers.isEmpty ? nil : headers,
                content: body?.content ?? [:]))
        }
        return map
    }

    /// One body standing for several endpoints' (nil entries have none): distinct schemas
    /// become an `anyOf` titled by endpoint, examples are pooled, and the body is required
    /// only when every endpoint requires one.
    private static func merged(_ bodies: [(title: String, body: Body?)]) -> Body? {
        let present = bodies.compactMap { entry in entry.body.map { (entry.title, $0) } }
        guard let first = present.first?.1 else { return nil }
        guard present.count > 1 else { return first }
        // A body with no documented field is a free-form object among the alternatives.
        let freeForm = JSONSchema.object(.init(), .init(properties: [:]))
        var schemas: [JSONSchema] = [], titled: [JSONSchema] = []
        var examples = OpenAPI.Example.Map()
        for (title, body) in present {
            let schema = body.schema ?? freeForm
            if !schemas.contains(schema) {
                schemas.append(schema)
                titled.append(BodySchema.body(body.fields, title: title) ?? .object(.init(title: title), .init(properties: [:])))
            }
            for (name, example) in body.examples {
                var unique = name, counter = 2
                while examples[unique] != nil { unique = "\(name)-\(counter)"; counter += 1 }
                examples[unique] = example
            }
        }
        let schema: JSONSchema? = titled.count > 1 ? .any(of: titled, core: .init()) : first.schema
        let required = present.count == bodies.count && present.allSatisfy { $0.1.required }
        return Body(schema: schema, examples: examples, required: required, fields: [])
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.filter { seen.insert($0).inserted }
    }
}

extension Array {
    var nilIfEmpty: Self? { isEmpty ? nil : self }
}
