import Foundation

/// One way a sample disagrees with its endpoint's description at the sample's microversion.
public struct SampleFinding: Sendable {
    public enum Kind: Sendable {
        case duplicateKey(key: String, first: TextSpan)
        case undocumented(field: String)
        case outsideWindow(field: String, definition: ParameterDefinition)
        case missingRequired(field: String, definition: ParameterDefinition)
        case typeMismatch(field: String, expected: String, actual: String, definition: ParameterDefinition)
        /// The body is not a JSON object although the endpoint documents body fields.
        case bodyNotObject(actual: String)
        case notInEnum(field: String, value: String, definition: ParameterDefinition)
    }

    public let kind: Kind
    public let sample: SampleReference
    public let endpoint: Endpoint
    /// Root-relative path of the sample file.
    public let file: String
    public let span: TextSpan
    /// JSON pointer to the offending value (or to the object lacking a field).
    public let pointer: String

    public var range: SourceRange { span.in(file) }
}

/// Walks each sample against a tree of its endpoint's body fields built from dotted display
/// names; the rules AR023 and AR025-AR029 report what it finds.
enum SampleConformance {
    /// With `fingerprints` (and `serve`'s cache), an endpoint whose inputs did not change keeps
    /// its findings from the last build: the endpoint (samples included), the definitions it
    /// names but their descriptions (so a definition edit checks again only the endpoints
    /// naming it, and a description edit none), the versions.
    /// The findings, and with `fingerprints` one of everything they were found from (the
    /// rules reporting them keep their findings while it is the same).
    static func analyze(_ model: APIModel, definitions: [CheckContext.EndpointDefinitions],
                        fingerprints: ContentFingerprints? = nil) -> (findings: [SampleFinding], fingerprint: Int?) {
        // Samples cannot be checked against a table that could not be read (reported itself).
        guard model.definitionsAreComplete else { return ([], fingerprints == nil ? nil : 0) }
        // Endpoints are independent: checked in parallel, findings kept in endpoint order.
        let endpoints = model.endpoints
        let fingerprints = fingerprints.flatMap { $0.endpoints.count == endpoints.count ? $0 : nil }
        let found = Parallel.map(endpoints.count) { index -> (findings: [SampleFinding], step: Int) in
            let named = definitions[index]
            guard let fingerprints else { return (findings(of: endpoints[index], definitions: named, model: model), 0) }
            // Findings never show a definition's description: a prose edit keeps them.
            var hasher = Hasher()
            for definition in named.request { hasher.combine(definition?.hashValueWithoutDescription) }
            hasher.combine(-1)
            for definition in named.response { hasher.combine(definition?.hashValueWithoutDescription) }
            let step = ConformanceStep(endpoint: fingerprints.endpoints[index], definitions: hasher.finalize(),
                                       versions: model.project.versions)
            return (ReadCache.memoized(step) { findings(of: endpoints[index], definitions: named, model: model) }, step.hashValue)
        }
        var fingerprint: Int?
        if fingerprints != nil {
            var hasher = Hasher()
            hasher.combine(found.count)
            for endpoint in found { hasher.combine(endpoint.step) }
            fingerprint = hasher.finalize()
        }
        return (found.flatMap(\.findings), fingerprint)
    }

    private struct ConformanceStep: Hashable {
        let endpoint: Int
        let definitions: Int
        let versions: VersionRange
    }

    private static func findings(of endpoint: Endpoint, definitions: CheckContext.EndpointDefinitions,
                                 model: APIModel) -> [SampleFinding] {
        var findings: [SampleFinding] = []
        let trees = (request: FieldTree(endpoint.request, definitions: definitions.request),
                     response: FieldTree(endpoint.response, definitions: definitions.response))
        // A sample outside its endpoint's window is reported once, by AR024.
        for sample in endpoint.samples where model.window(of: endpoint).contains(sample.version) {
            guard let path = resolvedPath(sample, model: model),
                  let value = model.samples[path]?.value else { continue }
            var walker = Walker(model: model, endpoint: endpoint, sample: sample, file: path)
            walker.walk(value, node: sample.direction == .request ? trees.request : trees.response,
                        pointer: "", isRoot: true)
            findings += walker.findings
        }
        return findings
    }

    /// The root-relative path under which the reader stored the sample.
    static func resolvedPath(_ sample: SampleReference, model: APIModel) -> String? {
        if model.samples[sample.path] != nil { return sample.path }
        return PathUtilities.normalizeRelative(sample.path)
    }
}

/// The documented body fields of one endpoint direction, as a tree of name segments.
final class FieldTree {
    /// The documented fields under this one, in the order first named. Found by comparing
    /// names while there are few (most nodes have a handful, and a sample asks for each of its
    /// members: comparing cost less than hashing), through a table once there are more.
    private(set) var fields: [(name: String, node: FieldTree)] = []
    private var table: [String: FieldTree]?
    private static let tableAbove = 16
    /// A `{name}` segment: matches any key.
    var wildcard: FieldTree?
    var definitions: [ParameterDefinition] = []

    init() {}

    /// `definitions`: what each reference names (nil: nothing).
    convenience init(_ references: [ParameterReference], definitions: [ParameterDefinition?]) {
        self.init()
        for (reference, definition) in zip(references, definitions) {
            guard let definition, definition.location == .body else { continue }
            var node = self
            for segment in reference.segments {
                node = node.child(String(segment))
            }
            node.definitions.append(definition)
        }
    }

    /// The documented field `name` directly under this one.
    func field(_ name: String) -> FieldTree? {
        if let table { return table[name] }
        for field in fields where field.name == name { return field.node }
        return nil
    }

    private func child(_ segment: String) -> FieldTree {
        if segment.utf8.first == UInt8(ascii: "{"), segment.utf8.last == UInt8(ascii: "}") {
            if let wildcard { return wildcard }
            let node = FieldTree()
            wildcard = node
            return node
        }
        if let existing = field(segment) { return existing }
        let node = FieldTree()
        fields.append((segment, node))
        if table != nil {
            table?[segment] = node
        } else if fields.count > Self.tableAbove {
            table = Dictionary(fields.map { ($0.name, $0.node) }, uniquingKeysWith: { first, _ in first })
        }
        return node
    }

    var hasChildren: Bool { !fields.isEmpty || wildcard != nil }
}

private struct Walker {
    let model: APIModel
    let endpoint: Endpoint
    let sample: SampleReference
    let file: String
    var findings: [SampleFinding] = []

    init(model: APIModel, endpoint: Endpoint, sample: SampleReference, file: String) {
        self.model = model
        self.endpoint = endpoint
        self.sample = sample
        self.file = file
    }

    private var version: Microversion { sample.version }

    private mutating func report(_ kind: SampleFinding.Kind, _ span: TextSpan, _ pointer: String) {
        findings.append(SampleFinding(kind: kind, sample: sample, endpoint: endpoint, file: file,
                                      span: span, pointer: pointer))
    }

    /// The definition in force at the sample's version. An incomplete definition (its own
    /// error already reported) counts as in force, so it causes no follow-on findings.
    private func active(_ node: FieldTree) -> ParameterDefinition? {
        node.definitions.first { !$0.isComplete || model.window(of: $0).contains(version) }
    }

    /// `node` describes the members of `value` (its children are the documented fields).
    mutating func walk(_ value: JSONValue, node: FieldTree, pointer: String, isRoot: Bool = false) {
        switch value.kind {
        case .object(let members):
            walkObject(value, members: members, node: node, pointer: pointer, isRoot: isRoot)
        case .array(let elements):
            if isRoot, node.hasChildren {
                report(.bodyNotObject(actual: value.typeName), value.span, "")
                return
            }
            for (index, element) in elements.enumerated() {
                // Made only where it is used: most values match.
                func elementPointer() -> String { pointer + "/" + String(index) }
                if case .object = element.kind {
                    walk(element, node: node, pointer: elementPointer())
                } else if let items = active(node)?.items, let definition = active(node) {
                    checkType(element, expected: items, nullable: false, definition: definition, pointer: elementPointer)
                }
            }
        default:
            if isRoot, node.hasChildren {
                report(.bodyNotObject(actual: value.typeName), value.span, "")
            }
        }
    }

    /// Members up to which an object's keys are compared with each other rather than hashed.
    private static let smallObject = 24

    private mutating func walkObject(_ value: JSONValue, members: [JSONMember], node: FieldTree,
                                     pointer: String, isRoot: Bool) {
        // A documented object with no documented children is a free-form map.
        let freeForm = !isRoot && !node.hasChildren
        // Which keys came before: most objects are small, and comparing a key with the earlier
        // ones costs less than hashing it into a table and looking it up (~800 instructions a
        // member, most of a sample's check); a large object gets the table.
        let isSmall = members.count <= Self.smallObject
        var seen: [String: TextSpan] = [:]
        func firstSpan(of key: String, before position: Int) -> TextSpan? {
            guard isSmall else { return seen[key] }
            for earlier in members[..<position] where earlier.key == key { return earlier.keySpan }
            return nil
        }
        for (position, member) in members.enumerated() {
            // Made only where it is used: most members are documented leaves that match.
            func memberPointer() -> String { pointer + "/" + JSONPointer.escape(member.key) }
            if let first = firstSpan(of: member.key, before: position) {
                report(.duplicateKey(key: member.key, first: first), member.keySpan, memberPointer())
                continue
            }
            if !isSmall { seen[member.key] = member.keySpan }
            if freeForm { continue }
            guard let child = node.field(member.key) ?? node.wildcard else {
                let memberPointer = memberPointer()
                report(.undocumented(field: displayName(memberPointer)), member.keySpan, memberPointer)
                continue
            }
            guard let definition = active(child) else {
                if let other = child.definitions.first {
                    let memberPointer = memberPointer()
                    report(.outsideWindow(field: displayName(memberPointer), definition: other),
                           member.keySpan, memberPointer)
                } else {
                    // Only children are documented (an undocumented wrapper): keep going.
                    walk(member.value, node: child, pointer: memberPointer())
                }
                continue
            }
            checkType(member.value, expected: definition.type, nullable: definition.nullable,
                      definition: definition, pointer: memberPointer)
            if case .object = member.value.kind { walk(member.value, node: child, pointer: memberPointer()) }
            if case .array = member.value.kind { walk(member.value, node: child, pointer: memberPointer()) }
        }
        guard !freeForm else { return }
        for (name, child) in node.fields {
            guard let definition = active(child), definition.required,
                  definition.isComplete, firstSpan(of: name, before: members.count) == nil else { continue }
            let fieldPointer = pointer + "/" + JSONPointer.escape(name)
            report(.missingRequired(field: displayName(fieldPointer), definition: definition),
                   TextSpan(start: value.span.start, end: SourceLocation(line: value.span.start.line,
                                                                          column: value.span.start.column + 1)),
                   pointer.isEmpty ? "" : pointer)
        }
    }

    /// The field's display name is made only for a finding: most values match.
    private mutating func checkType(_ value: JSONValue, expected: ValueType, nullable: Bool,
                                    definition: ParameterDefinition, pointer: () -> String) {
        guard definition.isComplete else { return }
        let matches: Bool
        switch (value.kind, expected) {
        case (.null, _): matches = nullable || expected == .null
        case (.string, .string), (.bool, .boolean), (.object, .object), (.array, .array): matches = true
        case (.number(let number), .integer): matches = number.isInteger
        case (.number, .number): matches = true
        default: matches = false
        }
        guard matches else {
            let actual = value.kind == .null ? "null" : value.typeName
            let pointer = pointer()
            report(.typeMismatch(field: displayName(pointer), expected: expected.rawValue + (nullable ? " or null" : ""),
                                 actual: actual, definition: definition), value.span, pointer)
            return
        }
        if let allowed = definition.enumValues, let scalar = JSONPointer.scalarText(value), !allowed.contains(scalar) {
            let pointer = pointer()
            report(.notInEnum(field: displayName(pointer), value: scalar, definition: definition), value.span, pointer)
        }
    }

    /// `/instance/volumes/0/size` reads as `instance.volumes[0].size` in messages.
    private func displayName(_ pointer: String) -> String {
        var name = ""
        for part in pointer.split(ascii: "/", omittingEmptySubsequences: false).dropFirst() {
            if !part.isEmpty, part.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) || part.allSatisfy(\.isNumber) {
                name += "[\(part)]"
            } else {
                name += (name.isEmpty ? "" : ".") + JSONPointer.unescape(String(part))
            }
        }
        return name
    }
}

enum JSONPointer {
    // Most keys hold neither '~' nor '/': skip Foundation's replacing (a hot spot on nova's samples).
    static func escape(_ key: String) -> String {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
        return key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    static func unescape(_ part: String) -> String {
        guard part.utf8.contains(UInt8(ascii: "~")) else { return part }
        return part.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    /// The text of a scalar for comparing with `enum` values.
    static func scalarText(_ value: JSONValue) -> String? {
        switch value.kind {
        case .string(let text): return text
        case .number(let number): return number.literal
        case .bool(let flag): return flag ? "true" : "false"
        default: return nil
        }
    }
}
