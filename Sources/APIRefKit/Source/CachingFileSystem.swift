import Foundation

/// A file system that remembers what it answered, for `serve`: between rebuilds only the
/// paths the watcher reported changed are asked of the disk again, so a rebuild after one
/// saved sample does not reopen, re-stat and re-resolve the ~1,100 files of nova.
///
/// Answers are forgotten by `forget(changed:)`: for each changed path, what was read at it,
/// what is known about its kind and real path, and the listing of its folder; for a folder,
/// everything below it too. `forgetAll()` (a rebuild with no list of changes) starts over.
/// Paths are compared in absolute, lexically normalized form, however the readers spelled
/// them. A change the watcher cannot see (a symlink's target outside the watched folders)
/// stays unseen until the next `forgetAll`, as it would stay without a rebuild.
public final class CachingFileSystem: FileSystem, @unchecked Sendable {
    private let disk: any FileSystem
    private let lock = NSLock()
    private var kinds: [String: FileKind?] = [:]
    private var files: [String: Result<[UInt8], FileSystemError>] = [:]
    private var listings: [String: Result<[DirectoryEntry], FileSystemError>] = [:]
    private var resolved: [String: String?] = [:]
    /// Relative paths are relative to this (the process does not change folders).
    private let workingFolder = FileManager.default.currentDirectoryPath
    /// What was forgotten, newest last, by generation; nil paths: everything. Bounded: a
    /// generation older than the log is answered "changed".
    private var forgotten: [(generation: Int, paths: [String]?)] = []
    private var generation = 0
    private static let forgottenKept = 64

    public init(_ disk: any FileSystem = LocalFileSystem()) {
        self.disk = disk
    }

    public func kind(at path: String) -> FileKind? {
        remembered(\.kinds, path) { disk.kind(at: path) }
    }

    public func readFile(at path: String) throws(FileSystemError) -> [UInt8] {
        try remembered(\.files, path) { () -> Result<[UInt8], FileSystemError> in
            do throws(FileSystemError) { return .success(try disk.readFile(at: path)) } catch { return .failure(error) }
        }.get()
    }

    public func contents(ofDirectory path: String) throws(FileSystemError) -> [String] {
        try entries(ofDirectory: path).map(\.name)
    }

    public func entries(ofDirectory path: String) throws(FileSystemError) -> [DirectoryEntry] {
        try remembered(\.listings, path) { () -> Result<[DirectoryEntry], FileSystemError> in
            do throws(FileSystemError) { return .success(try disk.entries(ofDirectory: path)) } catch { return .failure(error) }
        }.get()
    }

    public func resolvedPath(_ path: String) -> String? {
        remembered(\.resolved, path) { disk.resolvedPath(path) }
    }

    /// The answer for `path` in `table`, asked of the disk (outside the lock) when not known.
    private func remembered<Value>(_ table: ReferenceWritableKeyPath<CachingFileSystem, [String: Value]>, _ path: String,
                                   ask: () -> Value) -> Value {
        let key = canonical(path)
        if let known = lock.withLock({ self[keyPath: table][key] }) { return known }
        let value = ask()
        lock.withLock { self[keyPath: table][key] = value }
        return value
    }

    /// Forgets what is known at each changed path (a file, or a folder and all below it), and
    /// the listings of their folders (an added or removed file changes them).
    public func forget(changed paths: [String]) {
        let changed = paths.map(canonical)
        let folders = Set(changed.map(Self.parent))
        func stale(_ path: String) -> Bool {
            changed.contains { PathUtilities.isInside(path, root: $0) }
        }
        // Removed in place: filtering into new tables hashed every remembered path again.
        func forget<Value>(_ table: ReferenceWritableKeyPath<CachingFileSystem, [String: Value]>,
                           alsoAt more: Set<String> = []) {
            let forgotten = self[keyPath: table].keys.filter { stale($0) || more.contains($0) }
            for path in forgotten { self[keyPath: table].removeValue(forKey: path) }
        }
        lock.withLock {
            noteForgotten(changed)
            forget(\.kinds)
            forget(\.files)
            forget(\.resolved)
            forget(\.listings, alsoAt: folders)
        }
    }

    /// Forgets everything.
    public func forgetAll() {
        lock.withLock {
            noteForgotten(nil)
            kinds = [:]
            files = [:]
            listings = [:]
            resolved = [:]
        }
    }

    public var changeGeneration: Int? { lock.withLock { generation } }

    public func changes(since earlier: Int) -> [String]? {
        lock.withLock {
            guard earlier <= generation else { return nil }
            // The log must reach back to the generation after `earlier`.
            guard earlier == generation || forgotten.first.map({ $0.generation <= earlier + 1 }) == true else { return nil }
            var paths: [String] = []
            for entry in forgotten where entry.generation > earlier {
                guard let changed = entry.paths else { return nil }
                paths += changed
            }
            return paths
        }
    }

    /// Called with the lock held.
    private func noteForgotten(_ paths: [String]?) {
        generation += 1
        forgotten.append((generation, paths))
        if forgotten.count > Self.forgottenKept { forgotten.removeFirst(forgotten.count - Self.forgottenKept) }
    }

    /// Absolute and lexically normalized (`.`, `..` and empty segments removed).
    func canonical(_ path: String) -> String {
        PathUtilities.canonical(path, workingFolder: workingFolder)
    }

    private static func parent(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")), slash != path.utf8.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
