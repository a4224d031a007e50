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
        growMallocHeapInLargeSteps()
    }

    /// A one-shot process frees little and ends soon, so glibc's defaults, made for processes
    /// that give memory back, only cost it: the main heap grew 128 KiB at a time (a `brk`
    /// each), and every block of 128 KiB or more (a page's text as it grows, a file's bytes)
    /// was a fresh `mmap`, its pages faulted in anew each time and unmapped when freed.
    /// Instead the heap grows in 64 MiB steps (address space: pages are faulted in only when
    /// used), large blocks come from it and go back to it for reuse, and it is never trimmed.
    /// The first step is taken at once and backed by huge pages where the kernel has them
    /// (transparent huge pages, "madvise" mode): a fault then brings in 2 MiB, not 4 KiB
    /// (nova's build: ~4,100 -> ~2,700-3,400 page faults, the rest are other threads' heaps).
    private static func growMallocHeapInLargeSteps() {
        #if canImport(CMalloc)
        mallopt(M_TOP_PAD, 64 << 20)
        mallopt(M_TRIM_THRESHOLD, Int32.max)
        mallopt(M_MMAP_THRESHOLD, 32 << 20) // glibc's largest
        _ = apiref_grow_heap_with_huge_pages(1 << 20)
        #endif
    }

    /// Keeps `value` until exit in a one-shot process; elsewhere does nothing (it is freed
    /// when the caller drops it).
    public static func keepUntilExit(_ value: Any) {
        lock.withLock { if oneShot { kept.append(value) } }
    }
}
