import Foundation
import Dispatch

public enum Parallel {
    /// Has the pool start a thread now, while the command line is parsed (3-5 ms on one core),
    /// so that the first parallel step does not wait for one to be created: the reading of
    /// nova's RST files ran on one core for its first milliseconds (~3 ms of `check`'s median).
    public static func startWorkers() {
        DispatchQueue.global().async {}
    }

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
                // Bound only where they read otherwise (a pool thread reads the defaults, which
                // `check` and `build` use): binding them cost ~750 instructions an iteration.
                guard ReadCache.current === cache, ReadLimits.current == limits else {
                    ReadLimits.$current.withValue(limits) {
                        ReadCache.$current.withValue(cache) {
                            slots.buffer[index] = work.value(index)
                        }
                    }
                    return
                }
                slots.buffer[index] = work.value(index)
            }
            return results.map { $0! }
        }
    }

    /// Two independent pieces of work at once; returns when both are done. `first` is offered
    /// to a thread of the pool, `second` runs on this one: not as two iterations of one
    /// `concurrentPerform`, inside which libdispatch runs any further `concurrentPerform`
    /// serially, so that the maps within each side (descriptions, samples) would get one
    /// core even once the other side is done. When this thread is done first and no pool
    /// thread has taken `first` (one idle for a while may take a millisecond or more to wake,
    /// on a virtual machine), this thread runs it.
    public static func run(_ first: () -> Void, _ second: () -> Void) {
        withoutActuallyEscaping(first) { first in
            let limits = ReadLimits.current, cache = ReadCache.current
            let offer = Offer(UncheckedBox(first).value)
            DispatchQueue.global().async {
                ReadLimits.$current.withValue(limits) {
                    ReadCache.$current.withValue(cache) { offer.runIfUntaken() }
                }
            }
            second()
            offer.runHereOrWait()
        }
    }

    /// `work` offered to a thread of the pool; `wait()` gives its result, running it on the
    /// waiting thread when no pool thread has taken it yet. For a step whose input is known
    /// before the steps it runs beside (the read limits and cache of the calling task hold in
    /// it, as in `map`).
    final class Background<T>: @unchecked Sendable {
        private final class Slot: @unchecked Sendable { var value: T? }
        private let slot = Slot()
        private let offer: Offer

        init(_ work: @escaping () -> T) {
            let box = UncheckedBox(work), slot = self.slot
            let offer = Offer { slot.value = box.value() }
            self.offer = offer
            let limits = ReadLimits.current, cache = ReadCache.current
            DispatchQueue.global().async {
                ReadLimits.$current.withValue(limits) {
                    ReadCache.$current.withValue(cache) { offer.runIfUntaken() }
                }
            }
        }

        /// The result, once the work is done.
        func wait() -> T {
            offer.runHereOrWait()
            return slot.value!
        }
    }

    /// Work that whichever thread comes first runs, once; the others learn that it is done.
    private final class Offer: @unchecked Sendable {
        private let lock = NSLock()
        private var work: (() -> Void)?
        private let done = DispatchSemaphore(value: 0)

        init(_ work: @escaping () -> Void) { self.work = work }

        /// Takes the work (dropping it from the offer) unless another thread has.
        private func take() -> (() -> Void)? {
            lock.withLock {
                defer { work = nil }
                return work
            }
        }

        /// For the pool thread: runs the work if this thread is the first to come.
        func runIfUntaken() {
            if runTaken() { done.signal() }
        }

        /// The work is released before `done` is signalled: `run`'s `first` must not outlive
        /// the call (`withoutActuallyEscaping` checks).
        private func runTaken() -> Bool {
            guard let work = take() else { return false }
            work()
            return true
        }

        /// For the thread that needs the work done: runs it unless a pool thread took it,
        /// then waits for that thread to finish it. `done`, once signalled, is passed on by
        /// each thread that waited on it, so that any number may wait.
        func runHereOrWait() {
            if let work = take() {
                work()
            } else {
                done.wait()
            }
            done.signal()
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
