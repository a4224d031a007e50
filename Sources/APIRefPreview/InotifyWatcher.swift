#if canImport(Glibc)
import Glibc
#endif
import APIRefKit
import Foundation

/// One file change reported by the kernel.
struct FileEvent: Sendable, Equatable {
    let path: String
    /// The write is over: the file was closed after writing, renamed into place, or removed.
    /// A bare modification (a writer that keeps the file open) is not, so the session waits for
    /// the burst to end before rebuilding from it.
    let isComplete: Bool
    /// The file was created by this event (an editor's temporary file is created and renamed
    /// or removed within one burst: not a change of the inputs).
    var isCreation = false
}

#if os(Linux)
/// Linux's inotify under a set of folders: the kernel reports each change as it happens, so a
/// save is noticed at once instead of at the next poll, and the "is the burst over" question
/// is mostly answered by the event itself (closed after writing, renamed into place), with no
/// debounce and no walk over the tree. Folders are watched one by one, as the polling walk
/// enters them: hidden, excluded and symlinked folders are not; folders created later are
/// added when their creation is reported.
///
/// Returns nil from `init` when inotify cannot be used (no instance, or the per-user watch
/// limit is reached): the session then polls.
final class InotifyWatcher: @unchecked Sendable {
    let roots: [String]
    private let excluded: [String]
    private let descriptor: Int32
    private let lock = NSLock()
    private var folders: [Int32: String] = [:]

    init?(roots: [String], excluded: [String]) {
        self.roots = roots
        self.excluded = excluded
        descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard descriptor >= 0 else { return nil }
        for root in roots where !watchTree(root, reporting: nil) {
            close(descriptor)
            return nil
        }
    }

    deinit { close(descriptor) }

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE
        | IN_MODIFY | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

    /// Watches `folder` and the folders below it; files found in it are appended to `found`
    /// (a folder created after the watch began: its files may have been written before the
    /// watch on it existed). False when a watch cannot be added.
    private func watchTree(_ folder: String, reporting found: UnsafeMutablePointer<[FileEvent]>?) -> Bool {
        var pending = [folder]
        let disk = LocalFileSystem()
        while let next = pending.popLast() {
            let watch = inotify_add_watch(descriptor, next, Self.mask)
            guard watch >= 0 else {
                // A folder that vanished meanwhile is not a failure; a full watch table is.
                if errno == ENOENT || errno == ENOTDIR { continue }
                return false
            }
            lock.withLock { folders[watch] = next }
            guard let entries = try? disk.entries(ofDirectory: next) else { continue }
            for entry in entries where Self.isWatched(entry.name) {
                let path = next + "/" + entry.name
                if entry.kind == .directory, !entry.isSymlink, !isExcluded(path) {
                    pending.append(path)
                } else if entry.kind == .file {
                    found?.pointee.append(FileEvent(path: path, isComplete: true))
                }
            }
        }
        return true
    }

    private func isExcluded(_ path: String) -> Bool {
        excluded.contains { PathUtilities.isInside(path, root: $0) }
    }

    /// Hidden files and editor backups (`name~`) are not inputs; the polling walk skips the
    /// hidden ones too.
    private static func isWatched(_ name: String) -> Bool {
        !name.hasPrefix(".") && !name.hasSuffix("~")
    }

    /// Waits up to `timeout` milliseconds for changes and returns those that arrived (empty
    /// on timeout). Events for one path are kept in order; a path may appear more than once.
    func wait(timeout: Int32) -> [FileEvent] {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, timeout) > 0 else { return [] }
        return drain()
    }

    /// Whatever events are queued now, without waiting.
    func drain() -> [FileEvent] {
        var events: [FileEvent] = []
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer, size)
            guard count > 0 else { break }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let name = event.len > 0
                    ? String(cString: buffer.advanced(by: nameStart).assumingMemoryBound(to: CChar.self)) : ""
                offset = nameStart + Int(event.len)
                handle(event, name: name, into: &events)
            }
        }
        return events
    }

    private func handle(_ event: inotify_event, name: String, into events: inout [FileEvent]) {
        let mask = event.mask
        if mask & UInt32(IN_IGNORED) != 0 {
            lock.withLock { folders[event.wd] = nil }
            return
        }
        guard let folder = lock.withLock({ folders[event.wd] }) else { return }
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return }
        if mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
            // The folder itself went: its files are gone (reported as the folder, which the
            // session reads as "something below changed").
            events.append(FileEvent(path: folder, isComplete: true))
            return
        }
        guard !name.isEmpty, Self.isWatched(name) else { return }
        let path = folder + "/" + name
        if mask & UInt32(IN_ISDIR) != 0 {
            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, !isExcluded(path) {
                withUnsafeMutablePointer(to: &events) { _ = watchTree(path, reporting: $0) }
            } else if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 {
                events.append(FileEvent(path: path, isComplete: true))
            }
            return
        }
        let complete = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE)
        events.append(FileEvent(path: path, isComplete: mask & complete != 0, isCreation: mask & UInt32(IN_CREATE) != 0))
    }

    /// Waits for the next burst of changes and returns it settled: when the change was seen,
    /// and the paths changed. A burst is over when every path's last event completes a write, or
    /// when no event came for `quiet` (a writer that never closes). Editors' temporary files,
    /// created and gone within the burst, are left out. The change is seen with the first
    /// event that completes a write of a path changed (an editor's temporary file is written
    /// before: that is the editor's time); without one, with the burst's first event. Nil on
    /// timeout.
    func nextBurst(timeout: Int32, quiet: Int32) -> (seen: ContinuousClock.Instant, paths: [String])? {
        var events = wait(timeout: timeout)
        guard !events.isEmpty else { return nil }
        let first = ContinuousClock.now
        // When each event came.
        var times = [ContinuousClock.Instant](repeating: first, count: events.count)
        func take(_ more: [FileEvent]) {
            events += more
            times += [ContinuousClock.Instant](repeating: ContinuousClock.now, count: more.count)
        }
        let seen = first
        // A file written without pause (a log inside the input) must not hold the burst open
        // for ever: what comes after this is the next burst's.
        let deadline = seen + .milliseconds(250)
        // Saves come as a few events within microseconds (write a temporary file, rename it
        // over the original): take those that follow within a millisecond as one burst. New
        // files alone are most often such a temporary file (`sed -i`, editors' save-by-rename)
        // whose rename may come later on a busy machine: for them, wait up to `quiet`.
        while ContinuousClock.now < deadline,
              case let more = wait(timeout: Self.onlyCreations(events) ? quiet : 1), !more.isEmpty {
            take(more)
        }
        while ContinuousClock.now < deadline, events.contains(where: { !$0.isComplete }) && !Self.settled(events) {
            let more = wait(timeout: quiet)
            if more.isEmpty { break }
            take(more)
        }
        var order: [String] = [], listed = Set<String>(), created = Set<String>()
        for event in events {
            if listed.insert(event.path).inserted { order.append(event.path) }
            if event.isCreation { created.insert(event.path) }
        }
        let paths = order.filter { !created.contains($0) || access($0, F_OK) == 0 }
        let changed = Set(paths)
        let completed = events.indices.first { events[$0].isComplete && changed.contains(events[$0].path) }
        return (completed.map { times[$0] } ?? seen, paths.sorted())
    }

    /// Every path changed was created in the burst.
    private static func onlyCreations(_ events: [FileEvent]) -> Bool {
        let created = Set(events.lazy.filter(\.isCreation).map(\.path))
        return events.allSatisfy { created.contains($0.path) }
    }

    /// Every path's last event completes a write.
    private static func settled(_ events: [FileEvent]) -> Bool {
        var last: [String: Bool] = [:]
        for event in events { last[event.path] = event.isComplete }
        return last.values.allSatisfy { $0 }
    }
}
#endif
