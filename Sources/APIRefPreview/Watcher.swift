import APIRefKit
import Foundation

/// Notices changes under a set of folders by polling file signatures (modification time and
/// size). Polling needs no platform API, follows editors that replace files by renaming, and
/// for a tree of a few thousand files costs well under a millisecond per pass.
struct FileWatcher: Sendable {
    struct Signature: Equatable, Sendable {
        let modified: Double
        let size: UInt64
    }

    let roots: [String]
    /// Folders never entered (the output folder, VCS metadata, build folders).
    let excluded: [String]

    func snapshot() -> [String: Signature] {
        var result: [String: Signature] = [:]
        let manager = FileManager.default
        for root in roots {
            guard let enumerator = manager.enumerator(atPath: root) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let path = root + "/" + relative
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") || excluded.contains(where: { PathUtilities.isInside(path, root: $0) }) {
                    if enumerator.fileAttributes?[.type] as? FileAttributeType == .typeDirectory {
                        enumerator.skipDescendants()
                    }
                    continue
                }
                guard let attributes = enumerator.fileAttributes,
                      attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                let size = (attributes[.size] as? NSNumber)?.uint64Value ?? 0
                result[path] = Signature(modified: modified, size: size)
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
