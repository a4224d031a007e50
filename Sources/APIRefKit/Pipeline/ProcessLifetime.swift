import Foundation
#if canImport(CMalloc)
import CMalloc
#endif

/// Keeps what a one-shot command made (the model, its findings, the rendered site, and the
/// stages' intermediate values) until the process exits, instead of freeing it object by
/// object: the process ends right after, and the system takes its memory back at once.
/// Freeing nova's model and site took 1.5–2.5 ms at the end of every `check` and `build`, and
/// the reader's intermediates ~1 ms in the middle. (Compilers skip the same work the same way.)
/// Only a command that ends with the process turns it on (`check`, `build`); `serve`, tests and
/// other library users free as usual.
public enum ProcessLifetime {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [Any] = []
    nonisolated(unsafe) private static var oneShot = false

    /// Called once, before any work, by a command that ends with the process.
    public static func endsWithProcess() {
        lock.withLock { oneShot = true }
    }

    /// Called first thing by the executable, before any thread is started (a thread's own
    /// heap is sized when it is made): glibc's heap set for a process that ends soon.
    /// `serve`, the one command that does not, sets it back (`runsUntilStopped`).
    ///
    /// A one-shot process frees little and ends soon, so glibc's defaults, made for processes
    /// that give memory back, only cost it: the main heap grew 128 KiB at a time (a `brk`
    /// each), every other thread's heap a few pages at a time (an `mprotect` each), and every
    /// block of 128 KiB or more (a page's text as it grows, a file's bytes) was a fresh
    /// `mmap`, its pages faulted in anew each time and unmapped when freed.
    /// Instead the heaps grow in 64 MiB steps (address space: pages are faulted in only when
    /// used; nova's check: 312 -> 12 `mprotect` calls, ~2,240 -> ~1,900 page faults), large
    /// blocks come from them and go back to them for reuse, and they are never trimmed. The
    /// main heap's first step is taken at once and backed by huge pages where the kernel has
    /// them (transparent huge pages, "madvise" mode): a fault then brings in 2 MiB, not 4 KiB.
    /// (Advising the pool threads' heaps too made no difference: each is little used, and a
    /// huge page is cleared whole.)
    public static func startsShortLived() {
        #if canImport(CMalloc)
        mallopt(M_TOP_PAD, 64 << 20)
        mallopt(M_TRIM_THRESHOLD, Int32.max)
        mallopt(M_MMAP_THRESHOLD, 32 << 20) // glibc's largest
        _ = apiref_grow_heap_with_huge_pages(1 << 20)
        #endif
    }

    /// glibc's defaults back (`serve`): the heaps give memory back to the system as it is freed.
    public static func runsUntilStopped() {
        #if canImport(CMalloc)
        mallopt(M_TOP_PAD, 128 << 10)
        mallopt(M_TRIM_THRESHOLD, 128 << 10)
        mallopt(M_MMAP_THRESHOLD, 128 << 10)
        malloc_trim(0)
        #endif
    }

    /// Keeps `value` until exit in a one-shot process; elsewhere does nothing (it is freed
    /// when the caller drops it).
    public static func keepUntilExit(_ value: Any) {
        lock.withLock { if oneShot { kept.append(value) } }
    }
}
