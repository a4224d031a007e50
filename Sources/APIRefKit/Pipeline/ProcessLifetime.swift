import Foundation

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

    /// Keeps `value` until exit in a one-shot process; elsewhere does nothing (it is freed
    /// when the caller drops it).
    public static func keepUntilExit(_ value: Any) {
        lock.withLock { if oneShot { kept.append(value) } }
    }
}
