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
        /// The process's CPU time (all threads) over the span: with the wall time, how many
        /// cores the span kept busy.
        let cpu: Double
    }

    /// The CPU time of every thread of the process so far, in milliseconds.
    private static func processCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e3 + Double(time.tv_nsec) / 1e6
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
        let start = ContinuousClock.now, cpu = processCPU()
        let value = try body()
        let span = Span(name: name(), start: start, end: .now, cpu: processCPU() - cpu)
        spans.lock.withLock { spans.items.append(span) }
        return value
    }

    /// Notes a span timed by the caller (async work, which `span` cannot wrap).
    public static func note(_ name: @autoclosure () -> String, since start: ContinuousClock.Instant) {
        guard isEnabled else { return }
        let span = Span(name: name(), start: start, end: .now, cpu: .nan)
        spans.lock.withLock { spans.items.append(span) }
    }

    /// The spans noted since the last report, one line each in start order: offset from the
    /// first, duration, the process's CPU time over it (all threads), name. Empty when tracing
    /// is off.
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
            .map { span in
                let cpu = span.cpu.isNaN ? "       " : String(format: "%7.2f", span.cpu)
                return "trace \(ms(span.start - first)) +\(ms(span.end - span.start)) ms cpu \(cpu)  \(span.name)\n"
            }
            .joined()
    }
}
