import Foundation

/// Wall-clock spans of the pipeline's steps, for finding where a run's time goes (the
/// benchmarks give totals, callgrind gives instructions; this gives the timeline, with what
/// ran beside what). Off unless `APIREF_TRACE` is set in the environment; then each command
/// prints its spans to standard error when it ends (`serve`: after each rebuild).
public enum Trace {
    /// `getenv` rather than `ProcessInfo.environment`, which copies the whole environment.
    public static let isEnabled = getenv("APIREF_TRACE") != nil

    private struct Span {
        let name: String
        let start: ContinuousClock.Instant
        let end: ContinuousClock.Instant
    }

    private final class Spans: @unchecked Sendable {
        let lock = NSLock()
        var items: [Span] = []
    }

    private static let spans = Spans()

    /// Runs `body`, noting its span under `name` when tracing.
    @inline(__always)
    public static func span<T, Failure: Error>(_ name: @autoclosure () -> String,
                                               _ body: () throws(Failure) -> T) throws(Failure) -> T {
        guard isEnabled else { return try body() }
        let start = ContinuousClock.now
        let value = try body()
        let span = Span(name: name(), start: start, end: .now)
        spans.lock.withLock { spans.items.append(span) }
        return value
    }

    /// Notes a span timed by the caller (async work, which `span` cannot wrap).
    public static func note(_ name: @autoclosure () -> String, since start: ContinuousClock.Instant) {
        guard isEnabled else { return }
        let span = Span(name: name(), start: start, end: .now)
        spans.lock.withLock { spans.items.append(span) }
    }

    /// The spans noted since the last report, one line each in start order: offset from the
    /// first, duration, name. Empty when tracing is off.
    public static func report() -> String {
        guard isEnabled else { return "" }
        let items = spans.lock.withLock { () -> [Span] in
            defer { spans.items = [] }
            return spans.items
        }
        guard let first = items.map(\.start).min() else { return "" }
        func ms(_ duration: Duration) -> String {
            String(format: "%7.2f", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1e3)
        }
        return items.sorted { $0.start < $1.start }
            .map { "trace \(ms($0.start - first)) +\(ms($0.end - $0.start)) ms  \($0.name)\n" }
            .joined()
    }
}
