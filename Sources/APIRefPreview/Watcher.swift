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
        var pending = roots.reversed().map { $0 }
        while let folder = pending.popLast() {
            guard let directory = opendir(folder) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
                }
                guard !name.hasPrefix(".") else { continue }
                let path = folder + "/" + name
                guard !excluded.contains(where: { PathUtilities.isInside(path, root: $0) }) else { continue }
                var info = stat()
                switch Int32(entry.pointee.d_type) {
                case Int32(DT_DIR):
                    pending.append(path)
                    continue
                case Int32(DT_REG), Int32(DT_LNK):
                    guard stat(path, &info) == 0 else { continue }
                default:
                    // Unknown entry types: ask, without following links.
                    guard lstat(path, &info) == 0 else { continue }
                    if (info.st_mode & S_IFMT) == S_IFDIR { pending.append(path); continue }
                }
                guard (info.st_mode & S_IFMT) == S_IFREG else { continue }
                result[path] = Signature(modified: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9,
                                         size: UInt64(info.st_size))
                if result.count > 100_000 { return result }
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
