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
    /// Counted once (a finding is a large value: a pass over them copied each).
    public let errorCount: Int
    public let warningCount: Int
    private let hasReadFailure: Bool

    public init(_ diagnostics: [Diagnostic], policy: Policy = Policy()) {
        self.policy = policy
        var kept: [Diagnostic]
        if policy.disabled.isEmpty && policy.overrides.isEmpty {
            kept = diagnostics
        } else {
            kept = []
            kept.reserveCapacity(diagnostics.count)
            for diagnostic in diagnostics where !policy.disabled.contains(diagnostic.code) {
                var adjusted = diagnostic
                if let severity = policy.overrides[diagnostic.code] { adjusted.severity = severity }
                kept.append(adjusted)
            }
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
        var errors = 0, warnings = 0, readFailure = false
        for index in order {
            if let last = unique.last, Diagnostic.orderKey(last, kept[index]) == 0 {
                if unique[runStart...].contains(kept[index]) { continue }
            } else {
                runStart = unique.count
            }
            switch kept[index].severity {
            case .error:
                errors += 1
                if kept[index].code == ReadFailure.descriptor.code { readFailure = true }
            case .warning: warnings += 1
            case .note: break
            }
            unique.append(kept[index])
        }
        self.diagnostics = unique
        (errorCount, warningCount, hasReadFailure) = (errors, warnings, readFailure)
    }

    /// 0 clean, 1 errors (or warnings when strict), 2 when an input could not be read.
    public var exitCode: Int32 {
        if hasReadFailure { return 2 }
        if errorCount > 0 || (policy.strict && warningCount > 0) { return 1 }
        return 0
    }
}

/// Renders diagnostics in one output format.
public protocol DiagnosticWriter {
    func write(_ engine: DiagnosticEngine) -> String
}
