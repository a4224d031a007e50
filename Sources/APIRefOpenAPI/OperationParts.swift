import APIRefKit
import OpenAPIKit

/// A JSON body: its schema (nil when no field is documented) and the samples that show it.
struct Body {
    var schema: JSONSchema?
    var examples: OpenAPI.Example.Map
    var required: Bool
    /// The parameters the schema was built from (to build it again with a title).
    var fields: [ResolvedParameter]

    var content: OpenAPI.Content.Map {
        [.json: .b(OpenAPI.Content(schema: schema.map { .b($0) }, examples: examples.isEmpty ? nil : examples))]
    }
}

/// One response status of one endpoint.
struct ResponsePart {
    let code: OpenAPI.Response.StatusCode
    let description: String
    let body: Body?
    let headers: OpenAPI.Header.Map
}

/// One endpoint at one microversion in OpenAPI terms, before endpoints that share a route
/// are merged into one operation.
struct OperationParts {
    let endpoint: Endpoint
    let tag: String?
    let parameters: [OpenAPI.Parameter]
    let request: Body?
    let responses: [ResponsePart]

    /// What an endpoint's description cannot say in OpenAPI, for the exporter's notes.
    private(set) var notes: [String] = []

    /// `pathNames` are the placeholder names of the route's path as exported (an endpoint
    /// whose path names them differently has its path parameters renamed to match).
    init(_ snapshot: EndpointSnapshot, pathNames: [String], model: APIModel, tag: String?) {
        let endpoint = snapshot.endpoint
        self.endpoint = endpoint
        self.tag = tag
        var notes: [String] = []
        parameters = Self.parameters(snapshot, pathNames: pathNames, project: model.project, notes: &notes)
        request = Self.body(snapshot.request, examples: SampleExamples.examples(for: snapshot, .request, model: model))

        let responseBody = Self.body(snapshot.response, examples: SampleExamples.examples(for: snapshot, .response, model: model))
        var headers = OpenAPI.Header.Map()
        for parameter in snapshot.response where parameter.definition.location == .header && headers[parameter.reference.name] == nil {
            headers[parameter.reference.name] = .b(OpenAPI.Header(
                schema: BodySchema.parameter(parameter.definition),
                description: Self.text(parameter.definition.description),
                required: parameter.definition.required))
        }
        let hasNoBody: Set<Int> = [204, 205, 304]
        var responses = endpoint.successCodes.map { status in
            let bodyAllowed = endpoint.method != "HEAD" && !hasNoBody.contains(status.code)
            return ResponsePart(code: .status(code: status.code), description: status.reason ?? "Success",
                                body: bodyAllowed ? responseBody : nil, headers: headers)
        }
        // No documented success status: any 2XX.
        if responses.isEmpty {
            responses.append(ResponsePart(code: .range(.success), description: "Success", body: responseBody, headers: headers))
        }
        responses += endpoint.errorCodes.map {
            ResponsePart(code: .status(code: $0.code), description: $0.reason ?? "Error", body: nil, headers: [:])
        }
        self.responses = responses
        self.notes = notes
    }

    private static func body(_ parameters: [ResolvedParameter], examples: OpenAPI.Example.Map) -> Body? {
        let schema = BodySchema.body(parameters)
        guard schema != nil || !examples.isEmpty else { return nil }
        return Body(schema: schema, examples: examples, required: BodySchema.hasRequiredField(parameters),
                    fields: parameters)
    }

    /// Path, query and header parameters: one per name and location, path parameters in the
    /// order of the path with a plain string standing in for an undocumented one. The
    /// microversion header shows the value that selects this document's version.
    private static func parameters(_ snapshot: EndpointSnapshot, pathNames: [String], project: Project,
                                   notes: inout [String]) -> [OpenAPI.Parameter] {
        let endpoint = snapshot.endpoint
        let request = snapshot.request.filter { $0.definition.location != .body }
        let ownNames = endpoint.pathParameterNames
        var result: [OpenAPI.Parameter] = []
        for (position, name) in ownNames.enumerated() {
            let exported = position < pathNames.count ? pathNames[position] : name
            if let parameter = request.first(where: { $0.definition.location == .path && $0.reference.name == name }) {
                result.append(OpenAPI.Parameter(name: exported, context: .path(schema: BodySchema.parameter(parameter.definition)),
                                                description: text(parameter.definition.description)))
            } else {
                notes.append("'\(endpoint.signature)': path parameter '\(name)' is not documented at \(snapshot.version); exported as a string")
                result.append(OpenAPI.Parameter(name: exported, context: .path(schema: .string)))
            }
        }
        var seen = Set(ownNames.map { "path \($0)" })
        for parameter in request {
            let definition = parameter.definition, name = parameter.reference.name
            guard seen.insert("\(definition.location.rawValue) \(name)").inserted else { continue }
            let pin = definition.location == .header && definition.type == .string
                && name.lowercased() == project.versionHeader.lowercased()
            let schema = BodySchema.parameter(definition, example: pin ? "\(project.service) \(snapshot.version)" : nil)
            switch definition.location {
            case .query:
                result.append(OpenAPI.Parameter(name: name, context: .query(required: definition.required, schema: schema),
                                                description: text(definition.description)))
            case .header:
                result.append(OpenAPI.Parameter(name: name, context: .header(required: definition.required, schema: schema),
                                                description: text(definition.description)))
            case .path:
                notes.append("'\(endpoint.signature)': path parameter '\(name)' is not in the path; left out")
            case .body:
                break
            }
        }
        return result
    }

    static func text(_ markdown: MarkdownText?) -> String? {
        guard let text = markdown?.text.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}
