/// The documentation of a rule, the source of `apiref explain` and of docs/rules.md.
public struct RuleDocumentation: Sendable {
    public let what: String
    public let why: String
    public let example: String
    public let fix: String

    public init(what: String, why: String, example: String, fix: String) {
        self.what = what
        self.why = why
        self.example = example
        self.fix = fix
    }
}

/// Identity of a rule: its stable code (never reused), a kebab-case name for the bad pattern,
/// the severity it reports with by default, and its documentation.
public struct RuleDescriptor: Sendable {
    public let code: String
    public let name: String
    public let severity: Severity
    public let summary: String
    public let documentation: RuleDocumentation

    public init(code: String, name: String, severity: Severity, summary: String,
                documentation: RuleDocumentation) {
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
        self.documentation = documentation
    }
}

/// A rule. Rules found while reading (syntax, unknown keys...) are reported by the readers
/// through the rule's own factory, so a rule's wording lives in its file; rules about the
/// model as a whole also conform to `ModelRule`.
public protocol Rule: Sendable {
    static var descriptor: RuleDescriptor { get }
    /// The model check of a `ModelRule`, nil for other rules. A requirement with defaults
    /// rather than an `as?` cast: a failed cast to a protocol scans every conformance in the
    /// binary (~9,000), which made picking the model rules a millisecond of every `check`.
    static var modelCheck: (@Sendable (CheckContext) -> [Diagnostic])? { get }
    /// What of the model the model check reads, when that is all it reads: `serve` keeps its
    /// findings while those parts are unchanged. Nil (the default): it runs at every rebuild.
    static var inputs: RuleInputs? { get }
}

extension Rule {
    public static var modelCheck: (@Sendable (CheckContext) -> [Diagnostic])? { nil }
    public static var inputs: RuleInputs? { nil }
}

/// A rule that inspects the finished model.
public protocol ModelRule: Rule {
    static func check(_ context: CheckContext) -> [Diagnostic]
}

extension ModelRule {
    public static var modelCheck: (@Sendable (CheckContext) -> [Diagnostic])? { { check($0) } }
}

extension Rule {
    /// A diagnostic of this rule with its code and default severity.
    public static func diagnostic(
        _ message: String,
        at range: SourceRange,
        microversion: Microversion? = nil,
        pointer: String? = nil,
        label: String? = nil,
        notes: [DiagnosticNote] = [],
        help: String? = nil
    ) -> Diagnostic {
        Diagnostic(code: descriptor.code, severity: descriptor.severity, message: message,
                   range: range, microversion: microversion, pointer: pointer, label: label,
                   notes: notes, help: help)
    }
}
