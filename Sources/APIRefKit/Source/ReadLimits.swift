/// Bounds on what a reader accepts, so hostile input (apiref runs on strangers' pull
/// requests) gets a clear diagnostic instead of exhausting memory, time or the stack.
public struct ReadLimits: Sendable, Equatable {
    /// Largest file read, in bytes.
    public var maxFileSize = 16 * 1024 * 1024
    /// Deepest JSON nesting in a sample.
    public var maxJSONDepth = JSONReader.defaultMaxDepth
    /// Most sample files discovered under the root.
    public var maxFiles = 20_000
    /// Most nodes the aliases (`*name`) of one YAML file may repeat, each alias counting the
    /// nodes it names: bounds "billion laughs" expansion. Also the most entries merge keys
    /// (`<<: *name`) copy in one file.
    public var maxYAMLAliases = 10_000
    /// Deepest YAML nesting (lists and mappings within each other).
    public var maxYAMLDepth = 100

    public init() {}

    public static let `default` = ReadLimits()

    /// The limits in force for the current read (set by `Pipeline.read`).
    @TaskLocal public static var current = ReadLimits.default

    /// Names accepted by `--limit NAME=VALUE`.
    public static let names = ["file-size", "json-depth", "files", "yaml-aliases", "yaml-depth"]

    public mutating func set(_ name: String, _ value: Int) -> Bool {
        guard value > 0 else { return false }
        switch name {
        case "file-size": maxFileSize = value
        case "json-depth": maxJSONDepth = value
        case "files": maxFiles = value
        case "yaml-aliases": maxYAMLAliases = value
        case "yaml-depth": maxYAMLDepth = value
        default: return false
        }
        return true
    }
}
