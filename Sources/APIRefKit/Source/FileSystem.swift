#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

public enum FileKind: Sendable, Equatable {
    case file
    case directory
}

/// One entry of a directory listing.
public struct DirectoryEntry: Sendable, Equatable {
    public let name: String
    /// What the entry is after following symlinks; nil when it leads nowhere.
    public let kind: FileKind?
    /// The entry itself is a symbolic link.
    public let isSymlink: Bool

    public init(name: String, kind: FileKind?, isSymlink: Bool) {
        self.name = name
        self.kind = kind
        self.isSymlink = isSymlink
    }
}

public struct FileSystemError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// The little file access the readers need, so whole projects can be tested from memory.
/// Paths are absolute or relative to the process's working directory, `/` separated.
public protocol FileSystem: Sendable {
    /// What is at `path` after following symlinks, or nil if nothing is.
    func kind(at path: String) -> FileKind?
    func readFile(at path: String) throws(FileSystemError) -> [UInt8]
    /// Names (not paths) of the entries of a directory, sorted.
    func contents(ofDirectory path: String) throws(FileSystemError) -> [String]
    /// The path with every symlink resolved, or nil if it does not exist (or loops).
    func resolvedPath(_ path: String) -> String?
    /// `resolvedPath` of each of `paths` (folders that share parents: `LocalFileSystem` resolves
    /// each from its parent's).
    func resolvedPaths(_ paths: [String]) -> [String?]
    /// The entries of a directory, sorted by name.
    func entries(ofDirectory path: String) throws(FileSystemError) -> [DirectoryEntry]
    /// For a file system that remembers what it answered (`CachingFileSystem`): a count that
    /// grows each time it forgets something. Nil for one that always asks the disk.
    var changeGeneration: Int? { get }
    /// Whether anything at or below `folders` was forgotten after `generation` (true when
    /// it cannot tell), so that a step that read many files can be kept whole.
    func hasChanges(since generation: Int, inside folders: [String]) -> Bool
    /// The paths (absolute, as `PathUtilities.canonical` spells them; files or folders)
    /// forgotten after `generation`, or nil when it cannot tell (anything may have changed):
    /// for a step that can bring what it made up to date instead of making it again.
    func changes(since generation: Int) -> [String]?
}

extension FileSystem {
    public func resolvedPaths(_ paths: [String]) -> [String?] { paths.map(resolvedPath) }

    public var changeGeneration: Int? { nil }
    public func changes(since generation: Int) -> [String]? { nil }

    public func hasChanges(since generation: Int, inside folders: [String]) -> Bool {
        guard let changed = changes(since: generation) else { return true }
        let folders = folders.map { PathUtilities.canonical($0) }
        return changed.contains { path in
            folders.contains { PathUtilities.isInside(path, root: $0) || PathUtilities.isInside($0, root: path) }
        }
    }
}

public enum PathUtilities {
    /// Joins path components with `/`, ignoring empty parts.
    public static func join(_ base: String, _ relative: String) -> String {
        if base.isEmpty || base == "." { return relative }
        if relative.isEmpty { return base }
        // Made in one allocation: two appends cost ~1,000 instructions (every path read or
        // listed goes through here).
        var base = base, relative = relative
        return base.withUTF8 { head in
            relative.withUTF8 { tail in
                let slash = head.last == UInt8(ascii: "/") ? 0 : 1
                return String(unsafeUninitializedCapacity: head.count + slash + tail.count) { buffer in
                    _ = buffer.initialize(fromContentsOf: head)
                    if slash == 1 { buffer[head.count] = UInt8(ascii: "/") }
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[(head.count + slash)...]).initialize(fromContentsOf: tail)
                    return head.count + slash + tail.count
                }
            }
        }
    }

    /// Removes `.` segments and resolves `..` lexically; returns nil when `..` climbs above the
    /// start (an escape), or, with `clampingAtStart`, stays at the start (as `/..` is `/`).
    /// Segments are told by their bytes (`.` and `..` are ASCII, and `/` never occurs inside a
    /// UTF-8 sequence): splitting into substrings and matching them against "." and ".." cost
    /// ~14,000 instructions a path (every sample of nova's goes through here twice).
    public static func normalizeRelative(_ path: String, clampingAtStart: Bool = false) -> String? {
        if isNormalRelative(path) { return path }
        var path = path
        return path.withUTF8 { bytes -> String? in
            let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
            var kept: [Range<Int>] = []
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != slash { end += 1 }
                switch end - start {
                case 0: break
                case 1 where bytes[start] == dot: break
                case 2 where bytes[start] == dot && bytes[start + 1] == dot:
                    if kept.isEmpty {
                        guard clampingAtStart else { return nil }
                    } else {
                        kept.removeLast()
                    }
                default: kept.append(start..<end)
                }
                start = end + 1
            }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count)
            for (position, segment) in kept.enumerated() {
                if position > 0 { result.append(slash) }
                result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segment]))
            }
            return String(decoding: result, as: UTF8.self)
        }
    }

    /// A relative path with no `.`, `..` or empty segment: what `normalizeRelative` gives back
    /// unchanged (most paths it is handed; checked without splitting them).
    static func isNormalRelative<Path: StringProtocol>(_ path: Path) -> Bool {
        // Over the contiguous bytes when there are (a loop over `UTF8View` cost ~15
        // instructions a byte, for every path read).
        path.utf8.withContiguousStorageIfAvailable { isNormalRelative(bytes: $0) } ?? isNormalRelative(bytes: path.utf8)
    }

    private static func isNormalRelative<Bytes: Sequence<UInt8>>(bytes: Bytes) -> Bool {
        var segmentStart = true, dots = 0
        for byte in bytes {
            if byte == UInt8(ascii: "/") {
                if segmentStart || dots > 0 { return false }
                segmentStart = true
            } else if segmentStart || dots > 0, byte == UInt8(ascii: ".") {
                // A segment made only of dots so far ("." or ".." if it ends here).
                dots = segmentStart ? 1 : dots + 1
                segmentStart = false
            } else {
                segmentStart = false
                dots = 0
            }
        }
        return !segmentStart && !(1...2).contains(dots)
    }

    /// True when `path` is `root` or inside it (both already resolved, absolute).
    /// `path` made absolute (against `workingFolder`) and lexically normalized: `.`, `..` and
    /// empty segments removed, `..` at the top clamped as `/..` is `/`.
    public static func canonical(_ path: String,
                                 workingFolder: @autoclosure () -> String = FileManager.default.currentDirectoryPath) -> String {
        let absolute = path.hasPrefix("/") ? path : workingFolder() + "/" + path
        return "/" + (normalizeRelative(String(absolute.dropFirst()), clampingAtStart: true) ?? "")
    }

    /// Compared byte by byte: file names are bytes, and `String`'s comparisons normalize.
    public static func isInside(_ path: String, root: String) -> Bool {
        let slash = UInt8(ascii: "/")
        var path = path, root = root
        return path.withUTF8 { path in
            root.withUTF8 { root in
                let base = root.last == slash ? root.count - 1 : root.count
                guard path.count >= base else { return false }
                guard base == 0 || memcmp(path.baseAddress!, root.baseAddress!, base) == 0 else { return false }
                return path.count == base || path[base] == slash
            }
        }
    }
}

/// The real disk.
public struct LocalFileSystem: FileSystem {
    public init() {}

    public func kind(at path: String) -> FileKind? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    // POSIX calls rather than FileHandle and FileManager: reading nova opens ~400 files and
    // lists ~150 folders, and Foundation's wrappers were a tenth of `check`.
    public func readFile(at path: String) throws(FileSystemError) -> [UInt8] {
        // Opened first and then asked what it is: one walk of the path instead of two (the
        // kernel's path lookups were most of reading nova's ~800 files). O_NONBLOCK so that
        // opening a FIFO does not wait for a writer; it is refused below.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            switch errno {
            case ENOENT, ENOTDIR: throw FileSystemError(path: path, reason: "no such file")
            case EACCES: throw FileSystemError(path: path, reason: "cannot be read (permission denied?)")
            default: throw FileSystemError(path: path, reason: "cannot be read: \(Self.errorText())")
            }
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileSystemError(path: path, reason: "cannot be read: \(Self.errorText())") }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: throw FileSystemError(path: path, reason: "is a directory")
        case S_IFREG: break
        // A FIFO would block the read forever; a device may never end.
        default: throw FileSystemError(path: path, reason: "is not a regular file")
        }
        let size = max(Int(info.st_size), 0)
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes += [UInt8](repeating: 0, count: max(bytes.count, 4096)) }
            let read = bytes.withUnsafeMutableBytes { buffer in
                Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            // The size fstat gave, read: done, without one more call to see the end (a file
            // growing meanwhile is read as it was; files that report no size are read to the end).
            if read > 0 { count += read; if size > 0, count == size { break }; continue }
            if read == 0 { break }
            if errno == EINTR { continue }
            throw FileSystemError(path: path, reason: "cannot be read: \(Self.errorText())")
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    public func contents(ofDirectory path: String) throws(FileSystemError) -> [String] {
        try entries(ofDirectory: path).map(\.name)
    }

    public func entries(ofDirectory path: String) throws(FileSystemError) -> [DirectoryEntry] {
        guard let directory = opendir(path) else { throw FileSystemError(path: path, reason: "cannot list directory") }
        defer { closedir(directory) }
        var entries: [DirectoryEntry] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            guard name != ".", name != ".." else { continue }
            // The entry's type spares a stat, except for symlinks (followed) and unknown types.
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): entries.append(DirectoryEntry(name: name, kind: .directory, isSymlink: false))
            case Int32(DT_REG): entries.append(DirectoryEntry(name: name, kind: .file, isSymlink: false))
            default:
                let child = PathUtilities.join(path, name)
                var info = stat()
                let isSymlink = lstat(child, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
                entries.append(DirectoryEntry(name: name, kind: kind(at: child), isSymlink: isSymlink))
            }
        }
        return entries.sorted { $0.name < $1.name }
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }

    public func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A folder's real path is its parent's and its name when it is not a symlink: one lstat
    /// each, where realpath reads every component's link (nova's ~120 sample folders, nine
    /// deep: ~1,100 readlink calls a check).
    public func resolvedPaths(_ paths: [String]) -> [String?] {
        var known: [String: String?] = [:]
        func resolve(_ path: String) -> String? {
            if let answer = known[path] { return answer }
            let answer: String?
            let cut = path.lastIndex(of: "/")
            let name = cut.map { path[path.index(after: $0)...] } ?? ""
            let parent = cut.map { String(path[..<$0]) } ?? ""
            if parent.isEmpty || name.isEmpty || name == "." || name == ".." || path.hasSuffix("/") {
                answer = resolvedPath(path)
            } else if let real = resolve(parent) {
                var info = stat()
                if lstat(path, &info) != 0 {
                    answer = nil
                } else if (info.st_mode & S_IFMT) == S_IFLNK {
                    answer = resolvedPath(path)
                } else {
                    answer = real == "/" ? "/" + name : real + "/" + name
                }
            } else {
                answer = nil
            }
            known[path] = answer
            return answer
        }
        return paths.map(resolve)
    }
}

/// Files held in memory, for tests. Directories are implied by file paths; symlinks map a
/// path to a target path (absolute within this file system).
public struct InMemoryFileSystem: FileSystem {
    public var files: [String: [UInt8]]
    public var symlinks: [String: String]
    public var unreadable: Set<String>

    public init(files: [String: String] = [:], symlinks: [String: String] = [:]) {
        self.files = files.mapValues { Array($0.utf8) }
        self.symlinks = symlinks
        self.unreadable = []
    }

    public func resolvedPath(_ path: String) -> String? {
        var current = Self.clean(path)
        for _ in 0..<32 {
            var resolvedPrefix = ""
            var changed = false
            for segment in current.split(separator: "/") {
                let candidate = resolvedPrefix.isEmpty ? "/" + segment : resolvedPrefix + "/" + segment
                if let target = symlinks[candidate] {
                    let rest = current.dropFirst(candidate.count)
                    current = Self.clean(target + rest)
                    changed = true
                    break
                }
                resolvedPrefix = candidate
            }
            if !changed { return exists(current) ? current : nil }
        }
        return nil
    }

    private func exists(_ path: String) -> Bool {
        files[path] != nil || isDirectory(path)
    }

    private func isDirectory(_ path: String) -> Bool {
        let prefix = path == "/" ? "/" : path + "/"
        return files.keys.contains { $0.hasPrefix(prefix) } || symlinks.keys.contains { $0.hasPrefix(prefix) }
    }

    public func kind(at path: String) -> FileKind? {
        guard let real = resolvedPath(path) else { return nil }
        return files[real] != nil ? .file : .directory
    }

    public func readFile(at path: String) throws(FileSystemError) -> [UInt8] {
        guard let real = resolvedPath(path) else { throw FileSystemError(path: path, reason: "no such file") }
        if unreadable.contains(real) { throw FileSystemError(path: path, reason: "permission denied") }
        guard let bytes = files[real] else { throw FileSystemError(path: path, reason: "is a directory") }
        return bytes
    }

    public func contents(ofDirectory path: String) throws(FileSystemError) -> [String] {
        guard let real = resolvedPath(path), files[real] == nil else {
            throw FileSystemError(path: path, reason: "not a directory")
        }
        let prefix = real == "/" ? "/" : real + "/"
        var names = Set<String>()
        for key in Array(files.keys) + Array(symlinks.keys) where key.hasPrefix(prefix) {
            if let name = key.dropFirst(prefix.count).split(separator: "/").first { names.insert(String(name)) }
        }
        return names.sorted()
    }

    public func entries(ofDirectory path: String) throws(FileSystemError) -> [DirectoryEntry] {
        let names = try contents(ofDirectory: path)
        let real = resolvedPath(path) ?? path
        return names.map { name in
            DirectoryEntry(name: name, kind: kind(at: PathUtilities.join(real, name)),
                           isSymlink: symlinks[PathUtilities.join(real, name)] != nil)
        }
    }

    private static func clean(_ path: String) -> String {
        var parts: [Substring] = []
        for segment in path.split(separator: "/") {
            if segment == "." { continue }
            if segment == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
            parts.append(segment)
        }
        return "/" + parts.joined(separator: "/")
    }
}
