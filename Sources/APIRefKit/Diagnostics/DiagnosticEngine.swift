/// Applies policy to a set of diagnostics (per-code severity, `--strict`), orders them, and
/// knows the exit status. Writers render what it holds.
public struct DiagnosticEngine: Sendable {
    public struct Policy: Sendable {
        /// Warnings fail the run.
        public var strict = false
        /// Per-code severity.
        public var overrides: [String: Severity] = [:]
        /// Codes not reported at all.
        public var disabled: Set<String> = []

        public init(strict: Bool = false, overrides: [String: Severity] = [:], disabled: Set<String> = []) {
            self.strict = strict
            self.overrides = overrides
            self.disabled = disabled
        }
    }

    public let diagnostics: [Diagnostic]
    public let policy: Policy

    public init(_ diagnostics: [Diagnostic], policy: Policy = Policy()) {
        self.policy = policy
        var seen = Set<Diagnostic>()
        self.diagnostics = diagnostics.compactMap { diagnostic -> Diagnostic? in
            guard !policy.disabled.contains(diagnostic.code) else { return nil }
            var adjusted = diagnostic
            if let severity = policy.overrides[diagnostic.code] { adjusted.severity = severity }
            return seen.insert(adjusted).inserted ? adjusted : nil
        }.sorted(by: Diagnostic.ordered)
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// 0 clean, 1 errors (or warnings when strict), 2 when an input could not be read.
    public var exitCode: Int32 {
        if diagnostics.contains(where: { $0.code == ReadFailure.descriptor.code && $0.severity == .error }) { return 2 }
        if errorCount > 0 || (policy.strict && warningCount > 0) { return 1 }
        return 0
    }
}

/// Renders diagnostics in one output format.
public protocol DiagnosticWriter {
    func write(_ engine: DiagnosticEngine) -> String
}
