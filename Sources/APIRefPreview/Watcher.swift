#if canImport(Glibc)
import Glibc
#endif
import APIRefKit
import Foundation

/// Notices changes under a set of folders by polling file signatures (modification time and
/// size). Polling needs no platform API, follows editors that replace files by renaming, and
/// for a tree of a few thousand files costs a few milliseconds per pass.
struct FileWatcher: Sendable {
    struct Signature: Equatable, Sendable {
        let modified: Double
        let size: UInt64
    }

    let roots: [String]
    /// Folders never entered (the output folder, VCS metadata, build folders).
    let excluded: [String]

    /// Every regular file below the roots (hidden and excluded folders skipped, symlinked
    /// folders not entered, symlinked files followed), walked with POSIX calls: Foundation's
    /// enumerator with its attribute dictionaries took ~30 ms per pass over nova, twice per
    /// rebuild (the change, then the debounce's check that the burst is over).
    func snapshot() -> [String: Signature] {
        var result: [String: Signature] = [:]
        let disk = LocalFileSystem()
        var pending = Array(roots.reversed())
        while let folder = pending.popLast() {
            guard let entries = try? disk.entries(ofDirectory: folder) else { continue }
            for entry in entries where !entry.name.hasPrefix(".") {
                let path = folder + "/" + entry.name
                guard !excluded.contains(where: { PathUtilities.isInside(path, root: $0) }) else { continue }
                switch entry.kind {
                case .directory where !entry.isSymlink:
                    pending.append(path)
                case .file:
                    // Followed for a symlink: its target's time and size.
                    var info = stat()
                    guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
                    result[path] = Signature(modified: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9,
                                             size: UInt64(info.st_size))
                    if result.count > 100_000 { return result }
                default:
                    continue
                }
            }
        }
        return result
    }

    /// Paths added, removed or modified between two snapshots.
    static func changes(from old: [String: Signature], to new: [String: Signature]) -> [String] {
        var paths = new.compactMap { path, signature in old[path] == signature ? nil : path }
        paths += old.keys.filter { new[$0] == nil }
        return paths.sorted()
    }
}
