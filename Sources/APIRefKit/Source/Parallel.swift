import Dispatch

enum Parallel {
    /// `body(0) ... body(count - 1)` run across the cores, results in index order (so output
    /// stays deterministic). `body` must only read shared state.
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        return withoutActuallyEscaping(body) { body in
            let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
            results.initialize(repeating: nil)
            defer { results.deinitialize(); results.deallocate() }
            let slots = Slots(results)
            let work = UncheckedBox(body)
            // Each index is written by exactly one iteration; concurrentPerform returns after all.
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots.buffer[index] = work.value(index)
            }
            return results.map { $0! }
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
