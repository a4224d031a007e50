import Foundation

/// Markdown text as written in the description, with where it starts (for located warnings
/// from the renderer).
public struct MarkdownText: Sendable, Hashable {
    public let text: String
    public let range: SourceRange

    public init(_ text: String, range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// A value and the place it was written.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public let value: Value
    public let range: SourceRange

    public init(_ value: Value, at range: SourceRange) {
        self.value = value
        self.range = range
    }
}

public struct VersionNote: Sendable, Hashable {
    public let version: Microversion
    public let release: String?
    public let notes: MarkdownText?
    public let range: SourceRange
}

/// The project file: what the API is and which microversions it serves.
public struct Project: Sendable, Hashable {
    public let title: String
    public let service: String
    public let versionHeader: String
    /// The API's whole microversion window; both bounds are always set.
    public let versions: VersionRange
    public let description: MarkdownText?
    public let parametersFile: String
    /// Page files in reading order, relative to the root.
    public let pageFiles: [Located<String>]
    public let versionNotes: [VersionNote]
    public let range: SourceRange

    public var minVersion: Microversion { versions.min ?? Microversion(1, 0) }
    public var maxVersion: Microversion { versions.max ?? minVersion }
}

public enum ParameterLocation: String, Sendable, Hashable, CaseIterable {
    case header, path, query, body
}

/// The JSON types a definition can declare, after aliases are resolved.
public enum ValueType: String, Sendable, Hashable, CaseIterable {
    case string, integer, number, boolean, object, array, null
}

/// A definition from parameters.yaml. Its fields live in one immutable box: definitions are
/// copied wherever an endpoint's list is resolved (rules, the sample walker, the assembler),
/// and a copy of eight reference-counted fields, on two cores at once, was a few percent
/// of `check`. It is still a plain value: nothing in the box can change.
public struct ParameterDefinition: Sendable, Hashable {
    private final class Fields: Sendable {
        let key: String
        let location: ParameterLocation
        let type: ValueType
        let required: Bool
        let description: MarkdownText?
        let versions: VersionRange
        let enumValues: [String]?
        let nullable: Bool
        let items: ValueType?
        let format: String?
        let range: SourceRange
        let minVersionRange: SourceRange?
        let maxVersionRange: SourceRange?
        let isComplete: Bool
        let contentHash = CachedHash()
        let hashWithoutDescription = CachedHash()

        init(key: String, location: ParameterLocation, type: ValueType, required: Bool,
             description: MarkdownText?, versions: VersionRange, enumValues: [String]?, nullable: Bool,
             items: ValueType?, format: String?, range: SourceRange, minVersionRange: SourceRange?,
             maxVersionRange: SourceRange?, isComplete: Bool) {
            self.key = key
            self.location = location
            self.type = type
            self.required = required
            self.description = description
            self.versions = versions
            self.enumValues = enumValues
            self.nullable = nullable
            self.items = items
            self.format = format
            self.range = range
            self.minVersionRange = minVersionRange
            self.maxVersionRange = maxVersionRange
            self.isComplete = isComplete
        }
    }

    private let fields: Fields

    public var key: String { fields.key }
    public var location: ParameterLocation { fields.location }
    public var type: ValueType { fields.type }
    public var required: Bool { fields.required }
    public var description: MarkdownText? { fields.description }
    /// As written; open bounds mean "the whole API range".
    public var versions: VersionRange { fields.versions }
    public var enumValues: [String]? { fields.enumValues }
    public var nullable: Bool { fields.nullable }
    public var items: ValueType? { fields.items }
    public var format: String? { fields.format }
    /// The key in parameters.yaml.
    public var range: SourceRange { fields.range }
    /// Where `min_version` / `max_version` were written, for notes.
    public var minVersionRange: SourceRange? { fields.minVersionRange }
    public var maxVersionRange: SourceRange? { fields.maxVersionRange }
    /// False when `in`, `type` or a version bound was missing or unusable (already reported):
    /// rules then neither type-check against it nor derive further findings from it, so one
    /// mistake gives one diagnostic, not a cascade.
    public var isComplete: Bool { fields.isComplete }

    public init(
        key: String, location: ParameterLocation, type: ValueType, required: Bool,
        description: MarkdownText?, versions: VersionRange, enumValues: [String]? = nil,
        nullable: Bool = false, items: ValueType? = nil, format: String? = nil,
        range: SourceRange, minVersionRange: SourceRange? = nil, maxVersionRange: SourceRange? = nil,
        isComplete: Bool = true
    ) {
        fields = Fields(key: key, location: location, type: type, required: required, description: description,
                        versions: versions, enumValues: enumValues, nullable: nullable, items: items, format: format,
                        range: range, minVersionRange: minVersionRange, maxVersionRange: maxVersionRange,
                        isComplete: isComplete)
    }

    /// The very same value (one box): made once and passed on, not read again.
    func isSameValue(as other: ParameterDefinition) -> Bool { fields === other.fields }

    public static func == (lhs: ParameterDefinition, rhs: ParameterDefinition) -> Bool {
        if lhs.fields === rhs.fields { return true }
        return lhs.key == rhs.key && lhs.location == rhs.location && lhs.type == rhs.type
            && lhs.required == rhs.required && lhs.description == rhs.description && lhs.versions == rhs.versions
            && lhs.enumValues == rhs.enumValues && lhs.nullable == rhs.nullable && lhs.items == rhs.items
            && lhs.format == rhs.format && lhs.range == rhs.range && lhs.minVersionRange == rhs.minVersionRange
            && lhs.maxVersionRange == rhs.maxVersionRange && lhs.isComplete == rhs.isComplete
    }

    /// Of every field, made once per box: `serve` hashes every definition at each rebuild to
    /// key its pages, and the boxes of unchanged definitions are kept between rebuilds.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields.contentHash.value {
            var hasher = Hasher()
            hasher.combine(hashValueWithoutDescription)
            hasher.combine(description)
            return hasher.finalize()
        })
    }

    /// Of every field but the description (made once per box): what checking samples against
    /// the definition depends on, so that `serve` keeps their findings through a prose edit.
    public var hashValueWithoutDescription: Int {
        fields.hashWithoutDescription.value {
            var hasher = Hasher()
            hasher.combine(key)
            hasher.combine(location)
            hasher.combine(type)
            hasher.combine(required)
            hasher.combine(versions)
            hasher.combine(enumValues)
            hasher.combine(nullable)
            hasher.combine(items)
            hasher.combine(format)
            hasher.combine(range)
            hasher.combine(minVersionRange)
            hasher.combine(maxVersionRange)
            hasher.combine(isComplete)
            return hasher.finalize()
        }
    }
}

/// A value worked out of a box's fields on first use and kept (the fields never change). One
/// lock for all: these are asked for by `serve`'s keys, not on the paths of `check` and `build`.
final class Cached<Value>: @unchecked Sendable {
    /// Nil: not made yet.
    private var stored: Value?

    func value(_ make: () -> Value) -> Value {
        if let known = cachedValuesLock.withLock({ stored }) { return known }
        let made = make()
        cachedValuesLock.withLock { stored = made }
        return made
    }
}

/// A hash made on first use and kept.
typealias CachedHash = Cached<Int>

private let cachedValuesLock = NSLock()

/// One row of an endpoint's parameter list: a display name bound to a definition key.
public struct ParameterReference: Sendable, Hashable {
    /// Dotted display name, e.g. `instance.volumes.size`; `{name}` segments match any map key.
    public let name: String
    public let key: String
    public let range: SourceRange

    public init(name: String, key: String, range: SourceRange) {
        self.name = name
        self.key = key
        self.range = range
    }

    public var segments: [Substring] { name.split(ascii: ".", omittingEmptySubsequences: false) }
}

public enum SampleDirection: String, Sendable, Hashable {
    case request, response
}

public struct SampleReference: Sendable, Hashable {
    public enum VersionSource: String, Sendable, Hashable {
        case explicit, folder, endpoint
    }

    /// Relative to the description root, `/` separated.
    public let path: String
    public let direction: SampleDirection
    public let version: Microversion
    public let versionSource: VersionSource
    public let range: SourceRange
    /// A caption written with the sample (os-api-ref's `**Example ...**` line), if any.
    public let caption: String?

    public init(path: String, direction: SampleDirection, version: Microversion,
                versionSource: VersionSource, range: SourceRange, caption: String? = nil) {
        self.path = path
        self.direction = direction
        self.version = version
        self.versionSource = versionSource
        self.range = range
        self.caption = caption
    }
}

public struct StatusCode: Sendable, Hashable {
    public let code: Int
    public let reason: String?
    public let range: SourceRange
}

/// An endpoint. Like `ParameterDefinition`, its fields sit in one immutable box: rules walk
/// every endpoint, and each copy retained sixteen fields.
public struct Endpoint: Sendable, Hashable {
    private final class Fields: Sendable {
        let id: String
        let method: String
        let path: Located<String>
        let title: String
        let versions: VersionRange
        let successCodes: [StatusCode]
        let errorCodes: [StatusCode]
        let request: [ParameterReference]
        let response: [ParameterReference]
        let samples: [SampleReference]
        let description: MarkdownText?
        let page: String
        let range: SourceRange
        let minVersionRange: SourceRange?
        let maxVersionRange: SourceRange?
        let contentHash = CachedHash()
        let outlineHash = CachedHash()
        let sameNamePairs = Cached<(request: [(Int, Int)], response: [(Int, Int)])>()

        init(id: String, method: String, path: Located<String>, title: String, versions: VersionRange, successCodes: [StatusCode], errorCodes: [StatusCode], request: [ParameterReference], response: [ParameterReference], samples: [SampleReference], description: MarkdownText?, page: String, range: SourceRange, minVersionRange: SourceRange?, maxVersionRange: SourceRange?) {
            self.id = id
            self.method = method
            self.path = path
            self.title = title
            self.versions = versions
            self.successCodes = successCodes
            self.errorCodes = errorCodes
            self.request = request
            self.response = response
            self.samples = samples
            self.description = description
            self.page = page
            self.range = range
            self.minVersionRange = minVersionRange
            self.maxVersionRange = maxVersionRange
        }
    }

    private let fields: Fields

    /// Unique within its page; the anchor of its permalink.
    public var id: String { fields.id }
    public var method: String { fields.method }
    public var path: Located<String> { fields.path }
    public var title: String { fields.title }
    /// As written; open bounds mean "the whole API range" (see `APIModel.window(of:)`).
    public var versions: VersionRange { fields.versions }
    public var successCodes: [StatusCode] { fields.successCodes }
    public var errorCodes: [StatusCode] { fields.errorCodes }
    public var request: [ParameterReference] { fields.request }
    public var response: [ParameterReference] { fields.response }
    public var samples: [SampleReference] { fields.samples }
    public var description: MarkdownText? { fields.description }
    public var page: String { fields.page }
    /// The endpoint block.
    public var range: SourceRange { fields.range }
    /// Where `min_version` / `max_version` were written, for pointing at them.
    public var minVersionRange: SourceRange? { fields.minVersionRange }
    public var maxVersionRange: SourceRange? { fields.maxVersionRange }

    public init(
        id: String, method: String, path: Located<String>, title: String, versions: VersionRange,
        successCodes: [StatusCode], errorCodes: [StatusCode], request: [ParameterReference],
        response: [ParameterReference], samples: [SampleReference], description: MarkdownText?,
        page: String, range: SourceRange, minVersionRange: SourceRange? = nil, maxVersionRange: SourceRange? = nil
    ) {
        fields = Fields(id: id, method: method, path: path, title: title, versions: versions, successCodes: successCodes, errorCodes: errorCodes, request: request, response: response, samples: samples, description: description, page: page, range: range, minVersionRange: minVersionRange, maxVersionRange: maxVersionRange)
    }

    public static func == (lhs: Endpoint, rhs: Endpoint) -> Bool {
        if lhs.fields === rhs.fields { return true }
        return lhs.id == rhs.id
            && lhs.method == rhs.method
            && lhs.path == rhs.path
            && lhs.title == rhs.title
            && lhs.versions == rhs.versions
            && lhs.successCodes == rhs.successCodes
            && lhs.errorCodes == rhs.errorCodes
            && lhs.request == rhs.request
            && lhs.response == rhs.response
            && lhs.samples == rhs.samples
            && lhs.description == rhs.description
            && lhs.page == rhs.page
            && lhs.range == rhs.range
            && lhs.minVersionRange == rhs.minVersionRange
            && lhs.maxVersionRange == rhs.maxVersionRange
    }

    /// In each list, the positions of every two references of one display name (a field
    /// listed once per version window), earlier first; made once per box.
    var sameNamePairs: (request: [(Int, Int)], response: [(Int, Int)]) {
        fields.sameNamePairs.value {
            func pairs(_ list: [ParameterReference]) -> [(Int, Int)] {
                var byName: [String: [Int]] = [:]
                var pairs: [(Int, Int)] = []
                for (index, reference) in list.enumerated() {
                    for earlier in byName[reference.name, default: []] { pairs.append((earlier, index)) }
                    byName[reference.name, default: []].append(index)
                }
                return pairs
            }
            return (pairs(request), pairs(response))
        }
    }

    /// Who it is, its window and its parameter lists (names and keys), made once per box:
    /// what the pages made from every endpoint (history, index, search) show of it, never its
    /// prose, samples or status codes.
    var outlineHashValue: Int {
        fields.outlineHash.value {
            var hasher = Hasher()
            hasher.combine(page)
            hasher.combine(id)
            hasher.combine(method)
            hasher.combine(path.value)
            hasher.combine(title)
            hasher.combine(versions)
            for list in [request, response] {
                hasher.combine(list.count)
                for reference in list {
                    hasher.combine(reference.name)
                    hasher.combine(reference.key)
                }
            }
            return hasher.finalize()
        }
    }

    /// Of every field, made once per box (as for `ParameterDefinition`).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields.contentHash.value {
            var hasher = Hasher()
            hasher.combine(id)
            hasher.combine(method)
            hasher.combine(path)
            hasher.combine(title)
            hasher.combine(versions)
            hasher.combine(successCodes)
            hasher.combine(errorCodes)
            hasher.combine(request)
            hasher.combine(response)
            hasher.combine(samples)
            hasher.combine(description)
            hasher.combine(page)
            hasher.combine(range)
            hasher.combine(minVersionRange)
            hasher.combine(maxVersionRange)
            return hasher.finalize()
        })
    }

    /// The `{name}` placeholders of the path template, in order.
    public var pathParameterNames: [String] { PathTemplate.placeholders(in: path.value) }

    public var signature: String { "\(method) \(path.value)" }
}

/// A link written in Markdown prose, kept so that broken internal links can be reported.
public struct MarkdownLink: Sendable, Hashable {
    public let destination: String
    public let range: SourceRange
}

public enum PageBlock: Sendable, Hashable {
    case prose(MarkdownText)
    /// Index into `Page.endpoints`.
    case endpoint(Int)
}

public struct Page: Sendable, Hashable {
    public let path: String
    public let title: String
    public let blocks: [PageBlock]
    public let endpoints: [Endpoint]
    /// Anchors a link can target: heading slugs and endpoint ids.
    public let anchors: Set<String>
    public let links: [MarkdownLink]

    public init(path: String, title: String, blocks: [PageBlock], endpoints: [Endpoint],
                anchors: Set<String>, links: [MarkdownLink]) {
        self.path = path
        self.title = title
        self.blocks = blocks
        self.endpoints = endpoints
        self.anchors = anchors
        self.links = links
    }
}

/// A JSON sample file as read: its parsed value, or nil when it did not parse (already reported).
public struct SampleDocument: Sendable, Hashable {
    public let path: String
    public let value: JSONValue?
}
