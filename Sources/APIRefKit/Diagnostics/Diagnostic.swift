/// How bad a finding is. `error` blocks `check` and `build`; `warning` does only with `--strict`.
public enum Severity: String, Sendable, Hashable, Comparable, Codable, CaseIterable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary message attached to a diagnostic, usually "defined here" at another place.
public struct DiagnosticNote: Sendable, Hashable {
    public let message: String
    public let range: SourceRange?

    public init(_ message: String, at range: SourceRange? = nil) {
        self.message = message
        self.range = range
    }
}

/// One finding: the single currency of validation, whatever produced it.
public struct Diagnostic: Sendable, Hashable {
    /// Stable rule code such as `AR014`.
    public let code: String
    public var severity: Severity
    /// A terse statement of the rule that was broken, names quoted, no trailing period.
    public let message: String
    public let range: SourceRange
    /// The microversion the finding applies to, when it is about one.
    public let microversion: Microversion?
    /// JSON pointer into a sample, when the finding is about a sample.
    public let pointer: String?
    /// A short label shown under the caret in the source excerpt.
    public let label: String?
    public let notes: [DiagnosticNote]
    /// A verb phrase saying how to fix it.
    public let help: String?

    public init(
        code: String,
        severity: Severity,
        message: String,
        range: SourceRange,
        microversion: Microversion? = nil,
        pointer: String? = nil,
        label: String? = nil,
        notes: [DiagnosticNote] = [],
        help: String? = nil
    ) {
        self.code = code
        self.severity = severity
        self.message = message
        self.range = range
        self.microversion = microversion
        self.pointer = pointer
        self.label = label
        self.notes = notes
        self.help = help
    }
}

extension Diagnostic {
    /// Stable order for output: by file, position, code, then message.
    static func ordered(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool { orderKey(lhs, rhs) < 0 }

    /// -1, 0 or 1 as `lhs` sorts before, with, or after `rhs` in the output order.
    static func orderKey(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Int {
        if lhs.range.file != rhs.range.file { return lhs.range.file < rhs.range.file ? -1 : 1 }
        if lhs.range.start != rhs.range.start { return lhs.range.start < rhs.range.start ? -1 : 1 }
        if lhs.code != rhs.code { return lhs.code < rhs.code ? -1 : 1 }
        if lhs.message != rhs.message { return lhs.message < rhs.message ? -1 : 1 }
        return 0
    }
}
