import APIRefKit
import Foundation
import OpenAPIKit
import Yams

/// How an exported document is written out.
public enum OpenAPIFileFormat: String, Sendable, CaseIterable {
    case yaml, json

    /// The format a file name asks for: `.json` is JSON, `.yaml` and `.yml` are YAML.
    public init?(fileName: String) {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".json") { self = .json }
        else if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") { self = .yaml }
        else { return nil }
    }

    public var fileExtension: String { rawValue }
}

public struct OpenAPIOutputError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

public enum OpenAPIOutput {
    /// The document as text: JSON pretty-printed with sorted keys, or YAML in the document's
    /// own order. Ends with a newline.
    public static func encode(_ document: OpenAPI.Document, as format: OpenAPIFileFormat) throws(OpenAPIOutputError) -> String {
        do {
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
            case .yaml:
                let encoder = YAMLEncoder()
                encoder.options = yamlOptions
                guard let node = try Yams.compose(yaml: try encoder.encode(document)) else { return "" }
                return try Yams.serialize(node: quotingKeys(node), width: yamlOptions.width,
                                          allowUnicode: yamlOptions.allowUnicode)
            }
        } catch {
            throw OpenAPIOutputError(message: "cannot encode the OpenAPI document: \(error)")
        }
    }

    /// Long lines stay whole; multi-line text (Markdown descriptions) is a literal block.
    private static var yamlOptions: YAMLEncoder.Options {
        var options = YAMLEncoder.Options()
        options.width = -1
        options.allowUnicode = true
        options.newLineScalarStyle = .literal
        return options
    }

    /// YAMLEncoder writes mapping keys plain, so the status code `"200"` comes out as the
    /// integer `200` and a property named `null` as a null key. Keys that would read back as
    /// anything but a string are quoted.
    private static func quotingKeys(_ node: Node) -> Node {
        switch node {
        case .mapping(let mapping):
            let pairs = mapping.map { pair -> (Node, Node) in
                var key = pair.key
                if case .scalar(let scalar) = key, scalar.style == .plain || scalar.style == .any {
                    key = .scalar(scalar.string.represented())
                }
                return (key, quotingKeys(pair.value))
            }
            return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map(quotingKeys), sequence.tag, sequence.style))
        default:
            return node
        }
    }

    /// The file `--all` writes for `version` inside its output folder.
    public static func fileName(for version: Microversion, format: OpenAPIFileFormat) -> String {
        "openapi-\(version).\(format.fileExtension)"
    }

    /// Replaces the file at `path` with `text` in one step (a temporary file in the same
    /// folder, then a rename), so a reader never sees half a document. Writes nothing else:
    /// the folder must exist, and a folder or a symlink at `path` is refused.
    public static func write(_ text: String, to path: String) throws(OpenAPIOutputError) {
        guard !path.hasSuffix("/") else {
            throw OpenAPIOutputError(message: "cannot write '\(path)': it names a folder, not a file")
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw OpenAPIOutputError(message: "cannot write '\(path)': the folder '\(folder)' does not exist")
        }
        if let kind = try? FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType,
           kind != .typeRegular {
            throw OpenAPIOutputError(message: "cannot write '\(path)': it exists and is not a regular file")
        }
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw OpenAPIOutputError(message: "cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
