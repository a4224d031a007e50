import Dispatch

enum Parallel {
    /// `body(0) ... body(count - 1)` run across the cores, results in index order (so output
    /// stays deterministic). `body` must only read shared state. The read limits and cache of
    /// the calling task hold in the workers too (task-locals do not cross to Dispatch threads).
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        return withoutActuallyEscaping(body) { body in
            let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
            results.initialize(repeating: nil)
            defer { results.deinitialize(); results.deallocate() }
            let slots = Slots(results)
            let work = UncheckedBox(body)
            let limits = ReadLimits.current, cache = ReadCache.current
            // Each index is written by exactly one iteration; concurrentPerform returns after all.
            DispatchQueue.concurrentPerform(iterations: count) { index in
                ReadLimits.$current.withValue(limits) {
                    ReadCache.$current.withValue(cache) {
                        slots.buffer[index] = work.value(index)
                    }
                }
            }
            return results.map { $0! }
        }
    }

    /// Two independent pieces of work at once; returns when both are done. `first` runs on a
    /// thread of the pool, `second` on this one: not as two iterations of one
    /// `concurrentPerform`, inside which libdispatch runs any further `concurrentPerform`
    /// serially, so that the maps within each side (descriptions, samples) would get one
    /// core even once the other side is done.
    static func run(_ first: () -> Void, _ second: () -> Void) {
        withoutActuallyEscaping(first) { first in
            let work = UncheckedBox(first)
            let limits = ReadLimits.current, cache = ReadCache.current
            let group = DispatchGroup()
            DispatchQueue.global().async(group: group) {
                ReadLimits.$current.withValue(limits) {
                    ReadCache.$current.withValue(cache) { work.value() }
                }
            }
            second()
            group.wait()
        }
    }

    /// `work` started on a thread of the pool; `wait()` gives its result. For a step whose
    /// input is known before the steps it runs beside (the read limits and cache of the
    /// calling task hold in it, as in `map`).
    final class Background<T>: @unchecked Sendable {
        private var result: T?
        private let group = DispatchGroup()

        init(_ work: @escaping () -> T) {
            let box = UncheckedBox(work)
            let limits = ReadLimits.current, cache = ReadCache.current
            DispatchQueue.global().async(group: group) {
                ReadLimits.$current.withValue(limits) {
                    ReadCache.$current.withValue(cache) { self.result = box.value() }
                }
            }
        }

        /// The result, once the work is done (waits for it).
        func wait() -> T {
            group.wait()
            return result!
        }
    }

    private final class Slots<T>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<T?>
        init(_ buffer: UnsafeMutableBufferPointer<T?>) { self.buffer = buffer }
    }

    private struct UncheckedBox<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }
}
