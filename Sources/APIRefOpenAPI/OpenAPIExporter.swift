import APIRefKit
import OpenAPIKit

/// The API exactly as of one microversion, as an OpenAPI 3.1 document.
public struct OpenAPIExport: Sendable {
    public let version: Microversion
    public let document: OpenAPI.Document
    /// What the description leaves open and the export had to fill in or leave out, one
    /// sentence each (e.g. an undocumented path parameter exported as a string).
    public let notes: [String]
}

/// A document that OpenAPIKit's validation rejects: a bug in the exporter or a description
/// OpenAPI cannot express.
public struct OpenAPIExportError: Error, Sendable, CustomStringConvertible {
    public let version: Microversion
    /// One line per problem, each naming where in the document it is.
    public let problems: [String]

    public var description: String {
        let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
        return "the OpenAPI document for microversion \(version) is not valid (\(count)):\n"
            + problems.map { "  " + $0 }.joined(separator: "\n")
    }
}

/// Turns the model into OpenAPI documents, one microversion at a time.
public struct OpenAPIExporter: Sendable {
    public let model: APIModel

    public init(model: APIModel) {
        self.model = model
    }

    /// The document of `version`, checked with OpenAPIKit's validation (its defaults, plus
    /// that every path parameter is declared and every operation has responses).
    public func validatedDocument(at version: Microversion) throws(OpenAPIExportError) -> OpenAPIExport {
        let export = document(at: version)
        try Self.validate(export.document, version: version)
        return export
    }

    /// Runs OpenAPIKit's validation as `validatedDocument(at:)` does.
    public static func validate(_ document: OpenAPI.Document, version: Microversion) throws(OpenAPIExportError) {
        let validator = Validator().validating(\.pathParametersAreDefined, \.operationsContainResponses)
        do {
            try document.validate(using: validator)
        } catch let collection as ValidationErrorCollection {
            throw OpenAPIExportError(version: version, problems: collection.values.map(\.description))
        } catch {
            throw OpenAPIExportError(version: version, problems: [String(describing: error)])
        }
    }

    /// The document of `version`, not validated.
    public func document(at version: Microversion) -> OpenAPIExport {
        var notes: [String] = []
        let routes = Route.group(model.snapshot(at: version), notes: &notes)
        let operationIds = OperationIds(routes)
        var paths = OpenAPI.PathItem.Map()
        for route in routes {
            let parts = route.snapshots.map { snapshot in
                OperationParts(snapshot, pathNames: route.placeholderNames, model: model, tag: tag(of: snapshot.endpoint))
            }
            notes += parts.flatMap(\.notes)
            var item = paths[route.path].flatMap { $0.b } ?? OpenAPI.PathItem()
            item.set(operation: OperationMerge.operation(parts, operationId: operationIds[route]), for: .builtin(route.method))
            paths[route.path] = .b(item)
        }
        let document = OpenAPI.Document(
            openAPIVersion: .v3_1_1,
            info: OpenAPI.Document.Info(title: model.project.title, description: infoDescription(version),
                                        version: version.description),
            servers: [],
            paths: paths,
            components: .noComponents,
            tags: documentTags(routes).nilIfEmpty
        )
        return OpenAPIExport(version: version, document: document, notes: OperationMerge.unique(notes))
    }

    /// The oldest microversion and each later one whose document differs from the one
    /// before (in its endpoints, their parameters or the samples shown): what `--all` writes.
    public var changeVersions: [Microversion] {
        var result: [Microversion] = []
        var previous: [String]?
        for version in model.allVersions {
            let signature = exportSignature(at: version)
            if signature != previous { result.append(version) }
            previous = signature
        }
        return result
    }

    /// Everything the document of `version` is built from, apart from the version itself.
    private func exportSignature(at version: Microversion) -> [String] {
        model.snapshot(at: version).map { snapshot in
            let endpoint = snapshot.endpoint
            let fields = (snapshot.request + snapshot.response).map { "\($0.reference.name)=\($0.definition.key)" }
            let samples = [SampleDirection.request, .response].map { direction in
                SampleExamples.shown(endpoint, direction, at: version, model: model).map(\.path).joined(separator: ",")
            }
            return ([endpoint.page, endpoint.id] + fields + samples).joined(separator: " ")
        }
    }

    private func infoDescription(_ version: Microversion) -> String {
        let project = model.project
        let pin = "This document describes microversion \(version) of the API: send "
            + "`\(project.versionHeader): \(project.service) \(version)` with every request."
        guard let text = OperationParts.text(project.description) else { return pin }
        return text + "\n\n" + pin
    }

    private func tag(of endpoint: Endpoint) -> String? {
        model.pages.first { $0.path == endpoint.page }?.title
    }

    private func documentTags(_ routes: [Route]) -> [OpenAPI.Tag] {
        let used = Set(routes.flatMap(\.snapshots).compactMap { tag(of: $0.endpoint) })
        return OperationMerge.unique(model.pages.map(\.title)).filter(used.contains).map { OpenAPI.Tag(name: $0) }
    }
}

/// The endpoints on one path and method at one microversion.
struct Route: Hashable {
    /// As exported: the first endpoint's path without any query string.
    let path: OpenAPI.Path
    let placeholderNames: [String]
    let method: OpenAPI.BuiltinHttpMethod
    var snapshots: [EndpointSnapshot]

    static func == (lhs: Route, rhs: Route) -> Bool { lhs.path == rhs.path && lhs.method == rhs.method }
    func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(method)
    }

    /// Routes in description order. Paths that differ only in placeholder names are one
    /// path to OpenAPI, so they share the first one's spelling.
    static func group(_ snapshots: [EndpointSnapshot], notes: inout [String]) -> [Route] {
        var routes: [Route] = []
        var index: [String: Int] = [:]
        var spelling: [String: String] = [:]
        let exported: [OpenAPI.BuiltinHttpMethod] = [.get, .put, .post, .delete, .options, .head, .patch, .trace]
        for snapshot in snapshots {
            let endpoint = snapshot.endpoint
            guard let method = OpenAPI.BuiltinHttpMethod(rawValue: endpoint.method.uppercased()), exported.contains(method) else {
                notes.append("'\(endpoint.signature)': OpenAPI 3.1 has no method '\(endpoint.method)'; left out")
                continue
            }
            var path = String(endpoint.path.value.prefix { $0 != "?" })
            if !path.hasPrefix("/") { path = "/" + path }
            let shape = erasingPlaceholders(path)
            path = spelling[shape] ?? path
            spelling[shape] = path
            let key = "\(method.rawValue) \(shape)"
            if let position = index[key] {
                routes[position].snapshots.append(snapshot)
            } else {
                index[key] = routes.count
                routes.append(Route(path: OpenAPI.Path(rawValue: path), placeholderNames: PathTemplate.placeholders(in: path),
                                    method: method, snapshots: [snapshot]))
            }
        }
        return routes
    }

    private static func erasingPlaceholders(_ path: String) -> String {
        var result = "", inside = false
        for character in path {
            if character == "{" { inside = true; result.append("{}") } else if character == "}" { inside = false } else if !inside {
                result.append(character)
            }
        }
        return result
    }
}

/// An operationId per route: the first endpoint's id, qualified by its page's file name
/// when another route would get the same id.
struct OperationIds {
    private var ids: [Route: String] = [:]

    init(_ routes: [Route]) {
        func plain(_ route: Route) -> String { route.snapshots[0].endpoint.id }
        var counts: [String: Int] = [:]
        for route in routes { counts[plain(route), default: 0] += 1 }
        var taken = Set<String>()
        for route in routes {
            let endpoint = route.snapshots[0].endpoint
            let page = endpoint.page.split(separator: "/").last.map { String($0.prefix { $0 != "." }) } ?? endpoint.page
            let base = counts[plain(route), default: 0] > 1 ? "\(page)-\(endpoint.id)" : endpoint.id
            var id = base, counter = 2
            while !taken.insert(id).inserted { id = "\(base)-\(counter)"; counter += 1 }
            ids[route] = id
        }
    }

    subscript(route: Route) -> String { ids[route] ?? route.snapshots[0].endpoint.id }
}
