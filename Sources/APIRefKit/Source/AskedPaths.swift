import Foundation

/// The paths a reading step asked of the file system, so that `serve` can keep what it made
/// while none of them changed (the RST files of a tree, after a parameters or a sample edit).
struct AskedPaths: Sendable {
    /// Paths read, looked at or resolved (canonical): a file, or what is missing there.
    private(set) var paths: [String] = []
    /// Folders listed (canonical): an entry added or removed anywhere inside changes them.
    private(set) var folders: [String] = []

    /// Whether none of `changes` (canonical paths, as `FileSystem.changes(since:)` gives them)
    /// is an asked path or a folder holding one (replaced whole), or lies in a listed folder.
    func isUntouched(by changes: [String]) -> Bool {
        !changes.contains { changed in
            paths.contains { PathUtilities.isInside($0, root: changed) }
                || folders.contains { PathUtilities.isInside($0, root: changed) || PathUtilities.isInside(changed, root: $0) }
        }
    }

    /// A file system that notes what it is asked, then asks `base`.
    final class Log: FileSystem, @unchecked Sendable {
        private let base: any FileSystem
        private let lock = NSLock()
        private var paths: [String] = []
        private var folders: [String] = []

        init(_ base: any FileSystem) {
            self.base = base
        }

        /// What was asked so far.
        var asked: AskedPaths {
            let (paths, folders) = lock.withLock { (self.paths, self.folders) }
            let workingFolder = FileManager.default.currentDirectoryPath
            func canonical(_ list: [String]) -> [String] {
                Array(Set(list.map { PathUtilities.canonical($0, workingFolder: workingFolder) })).sorted()
            }
            return AskedPaths(paths: canonical(paths), folders: canonical(folders))
        }

        private func note(_ path: String, listed: Bool = false) {
            lock.withLock { listed ? folders.append(path) : paths.append(path) }
        }

        func kind(at path: String) -> FileKind? {
            note(path)
            return base.kind(at: path)
        }

        func readFile(at path: String) throws(FileSystemError) -> [UInt8] {
            note(path)
            return try base.readFile(at: path)
        }

        func contents(ofDirectory path: String) throws(FileSystemError) -> [String] {
            note(path, listed: true)
            return try base.contents(ofDirectory: path)
        }

        func entries(ofDirectory path: String) throws(FileSystemError) -> [DirectoryEntry] {
            note(path, listed: true)
            return try base.entries(ofDirectory: path)
        }

        func resolvedPath(_ path: String) -> String? {
            note(path)
            return base.resolvedPath(path)
        }

        var changeGeneration: Int? { base.changeGeneration }
        func hasChanges(since generation: Int, inside folders: [String]) -> Bool {
            base.hasChanges(since: generation, inside: folders)
        }
        func changes(since generation: Int) -> [String]? { base.changes(since: generation) }
    }
}
