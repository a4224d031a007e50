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
        var kept: [Diagnostic] = []
        kept.reserveCapacity(diagnostics.count)
        for diagnostic in diagnostics where !policy.disabled.contains(diagnostic.code) {
            var adjusted = diagnostic
            if let severity = policy.overrides[diagnostic.code] { adjusted.severity = severity }
            kept.append(adjusted)
        }
        // Sorted by index (the values are large: moved once, not at every swap), ties kept in
        // the order given. Equal diagnostics have equal sort keys, so they end up together
        // among those of one key: the first of each is kept, with no hashing of every field.
        let order = kept.indices.sorted { lhs, rhs in
            let key = Diagnostic.orderKey(kept[lhs], kept[rhs])
            return key != 0 ? key < 0 : lhs < rhs
        }
        var unique: [Diagnostic] = []
        unique.reserveCapacity(kept.count)
        var runStart = 0
        for index in order {
            let diagnostic = kept[index]
            if let last = unique.last, Diagnostic.orderKey(last, diagnostic) == 0 {
                if unique[runStart...].contains(diagnostic) { continue }
            } else {
                runStart = unique.count
            }
            unique.append(diagnostic)
        }
        self.diagnostics = unique
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
