import Foundation
import XCTest
@testable import APIRefKit

/// The parallel helpers run each piece of work exactly once, whichever thread takes it: a
/// pool thread, or the waiting one when no pool thread has started it yet.
final class ParallelTests: XCTestCase {
    private final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        func add(_ name: String) { lock.withLock { counts[name, default: 0] += 1 } }
        subscript(name: String) -> Int { lock.withLock { counts[name, default: 0] } }
    }

    func testRunDoesEachSideOnce() {
        let counter = Counter()
        for _ in 0..<500 {
            Parallel.run({ counter.add("first") }, { counter.add("second") })
        }
        XCTAssertEqual(counter["first"], 500)
        XCTAssertEqual(counter["second"], 500)
    }

    func testRunTakesTheOtherSideWhenNoPoolThreadIsFree() {
        // Every pool thread busy until the run is over: the side offered to the pool runs here.
        let release = DispatchSemaphore(value: 0), busy = DispatchGroup()
        let width = ProcessInfo.processInfo.activeProcessorCount * 4 + 64
        for _ in 0..<width { DispatchQueue.global().async(group: busy) { release.wait() } }
        let counter = Counter()
        let finished = expectation(description: "both sides done")
        Thread.detachNewThread {
            Parallel.run({ counter.add("first") }, { counter.add("second") })
            finished.fulfill()
        }
        wait(for: [finished], timeout: 10)
        for _ in 0..<width { release.signal() }
        busy.wait()
        XCTAssertEqual(counter["first"], 1)
    }

    func testBackgroundGivesItsResultOnce() {
        let counter = Counter()
        for index in 0..<500 {
            let background = Parallel.Background { () -> Int in
                counter.add("work")
                return index * 2
            }
            XCTAssertEqual(background.wait(), index * 2)
            XCTAssertEqual(background.wait(), index * 2, "asked again: the same result, not run again")
        }
        XCTAssertEqual(counter["work"], 500)
    }
}
