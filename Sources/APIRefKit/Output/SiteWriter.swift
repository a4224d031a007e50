#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Why a site could not be written (exit status 2).
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Writes a rendered site into its output folder as one step: the files go to a temporary
/// folder beside the target, which then takes the target's place. Readers of the old site see
/// it whole until the swap, and a failed build leaves it as it was.
///
/// Safety: the writer only ever creates, swaps and deletes the output folder itself and the
/// temporary folders it made beside it. It refuses an output folder that is, contains, or lies
/// inside the input, and it refuses to replace a folder that holds files but was not written
/// by apiref (no `.apiref-site` marker): `-o .` or `-o ~` must never wipe a tree.
public struct SiteWriter {
    public static let markerName = ".apiref-site"
    static let markerText = "This folder is written by `apiref build` and replaced as a whole on each build.\n"

    /// The output folder as given.
    public let output: String

    public init(output: String) {
        self.output = output
    }

    /// Refuses an output folder that is, contains, or lies inside the input folder.
    public static func checkSeparate(output: String, input: String) throws(OutputError) {
        guard let inputPath = resolve(input), let outputPath = resolve(output) else { return }
        if outputPath == inputPath {
            throw OutputError("the output folder '\(output)' is the input '\(input)'; choose another with -o")
        }
        if PathUtilities.isInside(outputPath, root: inputPath) {
            throw OutputError("the output folder '\(output)' lies inside the input '\(input)'; choose one outside it with -o")
        }
        if PathUtilities.isInside(inputPath, root: outputPath) {
            throw OutputError("the output folder '\(output)' contains the input '\(input)'; replacing it would delete the description")
        }
    }

    /// The absolute path with symlinks resolved as far as the path exists (the rest appended),
    /// `.` and `..` resolved.
    static func resolve(_ path: String) -> String? {
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = path.hasPrefix("/") ? path : PathUtilities.join(cwd, path)
        guard let clean = PathUtilities.normalizeRelative(absolute) else { return nil }
        var existing = "/" + clean
        var rest: [String] = []
        while realpath(existing, nil) == nil, existing != "/" {
            let parts = existing.split(separator: "/")
            rest.insert(String(parts.last ?? ""), at: 0)
            existing = "/" + parts.dropLast().joined(separator: "/")
        }
        guard let real = realpath(existing, nil) else { return nil }
        defer { free(real) }
        return ([String(cString: real)] + rest).reduce("") { PathUtilities.join($0, $1) }
    }

    /// Writes `site`, replacing what the output folder held.
    public func write(_ site: RenderedSite) throws(OutputError) {
        let staging = try begin()
        Trace.span("write: files") { staging.add(contentsOf: site.files) }
        try staging.publish()
    }

    /// Starts writing a site: checks the output folder and makes the temporary folder beside
    /// it that the files go into as they come (`SiteStaging`), before any is rendered.
    public func begin() throws(OutputError) -> SiteStaging {
        guard let target = Self.resolve(output), target != "/" else {
            throw OutputError("'\(output)' cannot be an output folder")
        }
        let parent = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError("the folder '\(parent)' that should hold the output does not exist; create it first")
        }
        let exists = try Self.checkTarget(target, shownAs: output)
        Self.removeStaleTemporaryFolders(in: parent, name: name)
        let folder = try Self.makeTemporaryFolder(in: parent, name: name, purpose: "new")
        return SiteStaging(output: output, target: target, parent: parent, name: name, folder: folder,
                           previous: exists ? PreviousSite(root: target) : nil)
    }

    /// Whether the output folder may be replaced (true) or is new (false).
    @discardableResult
    static func checkTarget(_ target: String, shownAs shown: String) throws(OutputError) -> Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else { return false }
        guard isDirectory.boolValue else { throw OutputError("'\(shown)' is a file, not a folder") }
        try checkReplaceable(target, shownAs: shown)
        return true
    }

    /// Puts the site written into `staging` in the place of the output folder.
    static func publish(_ staging: String, as target: String, parent: String, name: String, shownAs output: String) throws(OutputError) {
        let exists: Bool
        do { exists = try checkTarget(target, shownAs: output) } catch {
            removeTree(staging)
            throw error
        }
        if exists {
            // The old site ends up in `staging`, then goes.
            if exchange(staging, target) {
                Trace.span("write: remove the previous site") { removeTree(staging) }
                return
            }
            let aside = try makeTemporaryFolder(in: parent, name: name, purpose: "old")
            rmdir(aside)
            guard rename(target, aside) == 0 else {
                removeTree(staging)
                throw OutputError("cannot move the previous site '\(output)' aside: \(String(cString: strerror(errno)))")
            }
            guard rename(staging, target) == 0 else {
                let reason = String(cString: strerror(errno))
                _ = rename(aside, target)
                removeTree(staging)
                throw OutputError("cannot move the new site into '\(output)': \(reason)")
            }
            removeTree(aside)
        } else if rename(staging, target) != 0 {
            let reason = String(cString: strerror(errno))
            removeTree(staging)
            throw OutputError("cannot move the new site into '\(output)': \(reason)")
        }
    }

    /// An existing output folder may be replaced when it is empty or was written by apiref.
    static func checkReplaceable(_ path: String, shownAs shown: String) throws(OutputError) {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        guard entries.isEmpty || entries.contains(markerName) else {
            throw OutputError("'\(shown)' holds files that apiref did not write (no \(markerName) in it); remove it or choose another output folder with -o")
        }
    }

    /// A build killed mid-way leaves its temporary folder beside the output (a build writes
    /// its files there as it renders them); the next build removes those whose build is gone.
    /// The folder's name holds the process ID of the build that made it; a folder named
    /// without one (an older apiref's) goes once it is a minute old.
    static func removeStaleTemporaryFolders(in parent: String, name: String) {
        let prefixes = [".\(name).apiref-new-", ".\(name).apiref-old-"]
        for entry in hiddenNames(in: parent) {
            guard let prefix = prefixes.first(where: { entry.hasPrefix($0) }) else { continue }
            let rest = entry.dropFirst(prefix.count)
            let path = PathUtilities.join(parent, entry)
            let parts = rest.split(separator: "-")
            if parts.count == 2, parts[1].count == 6, let pid = pid_t(parts[0]) {
                // Signal 0 only asks whether the process exists.
                if pid != getpid(), kill(pid, 0) != 0, errno == ESRCH { removeTree(path) }
            } else if rest.count == 6 {
                let modified = (try? FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date) ?? Date()
                if Date().timeIntervalSince(modified) > 60 { removeTree(path) }
            }
        }
    }

    static func makeTemporaryFolder(in parent: String, name: String, purpose: String) throws(OutputError) -> String {
        var template = Array(PathUtilities.join(parent, ".\(name).apiref-\(purpose)-\(getpid())-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        guard let made else {
            throw OutputError("cannot create a temporary folder beside '\(parent)/\(name)': \(String(cString: strerror(errno)))")
        }
        // mkdtemp makes it private; a published site is readable by the web server.
        chmod(made, 0o755)
        return made
    }

    /// Removes a folder this writer made (a staging folder, or the previous site moved into
    /// one) and everything in it, with POSIX calls; symlinks are removed, never followed. The
    /// files go across the cores: most of an unlink (freeing the file's pages and blocks)
    /// happens after the folder's lock is released.
    static func removeTree(_ path: String) {
        var files: [String] = [], folders: [String] = []
        collect(path, files: &files, folders: &folders)
        _ = Parallel.map(files.count) { unlink(files[$0]) }
        // Deepest first: each folder is empty once the folders below it are gone.
        for folder in folders.reversed() { rmdir(folder) }
    }

    /// The names in a folder that start with a dot, but `.` and `..`. Read with `readdir`,
    /// making a string only of those: the output's parent may be a folder like /tmp with
    /// thousands of entries (Foundation's listing of 6,000 took 3 ms of every build).
    static func hiddenNames(in path: String) -> [String] {
        var names: [String] = []
        forEachEntry(in: path) { name, _ in
            if name[0] == 0x2E { names.append(String(cString: name)) }
        }
        return names
    }

    /// Calls `body` with the name (NUL-terminated, as `readdir` gives it) and `d_type` of each
    /// entry of a folder but `.` and `..`; none when the folder cannot be opened.
    private static func forEachEntry(in path: String, _ body: (UnsafePointer<CChar>, UInt8) -> Void) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let type = entry.pointee.d_type
            withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { name in
                    let isDot = name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0))
                    if !isDot { body(name, type) }
                }
            }
        }
    }

    /// The files and folders at and below `path` (folders in the order met, `path` first).
    private static func collect(_ path: String, files: inout [String], folders: inout [String]) {
        folders.append(path)
        var children: [(path: String, isDirectory: Bool)] = []
        forEachEntry(in: path) { name, type in
            let child = path + "/" + String(cString: name)
            var isDirectory = type == UInt8(DT_DIR)
            if type == UInt8(DT_UNKNOWN) {
                var info = stat()
                isDirectory = lstat(child, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            children.append((child, isDirectory))
        }
        // Below, after the folder is closed: one open folder at a time, however deep the tree.
        for child in children {
            if child.isDirectory { collect(child.path, files: &files, folders: &folders) } else { files.append(child.path) }
        }
    }

    /// One file with plain POSIX calls (Foundation's `Data.write` copied and wrapped each of a
    /// site's files: a sixth of `build` on nova). The folder is new and private to this build,
    /// so `O_EXCL` is only a guard against writing a file twice.
    static func write(_ bytes: [UInt8], to path: String, shownAs shown: String) throws(OutputError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError("cannot write '\(shown)': \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw OutputError("cannot write '\(shown)': \(String(cString: strerror(errno)))")
            }
            written += count
        }
    }

    /// Gives `path` the previous site's file `old` (a hard link) when that file holds exactly
    /// `bytes` and is a plain file as this writer makes them: this user's, `mode`, no other
    /// name. False (nothing done) otherwise, or when the link cannot be made.
    static func linkUnchanged(_ bytes: [UInt8], from old: String, to path: String, mode: mode_t) -> Bool {
        let descriptor = open(old, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_mode & 0o7777 == mode,
              info.st_nlink == 1, info.st_uid == geteuid(), Int(info.st_size) == bytes.count else { return false }
        let same = bytes.withUnsafeBytes { expected -> Bool in
            let chunk = min(max(expected.count, 1), 256 * 1024)
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
            defer { buffer.deallocate() }
            var offset = 0
            while offset < expected.count {
                let count = read(descriptor, buffer, min(chunk, expected.count - offset))
                if count < 0, errno == EINTR { continue }
                guard count > 0, memcmp(buffer, expected.baseAddress! + offset, count) == 0 else { return false }
                offset += count
            }
            // Grown since `fstat`: not the same.
            return read(descriptor, buffer, 1) == 0
        }
        return same && link(old, path) == 0
    }

    /// Swaps two folders in one step where the system can (Linux `renameat2`).
    private static func exchange(_ first: String, _ second: String) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        // Looked up at run time: Swift's Glibc module does not declare it.
        guard let symbol = dlsym(nil, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let exchangeFlag: UInt32 = 1 << 1  // RENAME_EXCHANGE
        return renameat2(AT_FDCWD, first, AT_FDCWD, second, exchangeFlag) == 0
        #else
        return false
        #endif
    }
}

/// A site being written (`SiteWriter.begin`): each file goes into the temporary folder as soon
/// as it is rendered, from any thread, so that writing overlaps rendering; `publish` then puts
/// the folder in the output's place in one step, `discard` removes it. The first failure to
/// write a file is kept and thrown by `publish` (which then leaves the output as it was).
public final class SiteStaging: @unchecked Sendable {
    private let output: String, target: String, parent: String, name: String
    /// The temporary folder.
    let folder: String
    private let lock = NSLock()
    private var madeFolders: Set<String>
    private var failure: OutputError?
    /// The site being replaced, whose unchanged files the new one takes (`PreviousSite`).
    private let previous: PreviousSite?

    init(output: String, target: String, parent: String, name: String, folder: String, previous: PreviousSite?) {
        (self.output, self.target, self.parent, self.name, self.folder) = (output, target, parent, name, folder)
        self.previous = previous
        madeFolders = [folder]
    }

    /// Writes one file of the site (after a failure, nothing more).
    public func add(_ file: OutputFile) {
        guard lock.withLock({ failure == nil }) else { return }
        do throws(OutputError) { try write(file) } catch {
            lock.withLock { if failure == nil { failure = error } }
        }
    }

    /// Writes files across the cores.
    public func add(contentsOf files: [OutputFile]) {
        _ = Parallel.map(files.count) { add(files[$0]) }
    }

    private func write(_ file: OutputFile) throws(OutputError) {
        guard let relative = PathUtilities.normalizeRelative(file.path), !relative.isEmpty, relative == file.path else {
            throw OutputError("refusing to write '\(file.path)': not a plain relative path")
        }
        let path = PathUtilities.join(folder, relative)
        let directory = (path as NSString).deletingLastPathComponent
        lock.lock()
        if !madeFolders.contains(directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                lock.unlock()
                throw OutputError("cannot write '\(file.path)': \(error.localizedDescription)")
            }
            madeFolders.insert(directory)
        }
        lock.unlock()
        if let previous, previous.linkIfUnchanged(file.bytes, relative: relative, to: path) { return }
        try SiteWriter.write(file.bytes, to: path, shownAs: file.path)
    }

    /// Puts the site in the output folder's place, the previous one removed; or, when a file
    /// could not be written, removes the temporary folder and throws why.
    public func publish() throws(OutputError) {
        add(OutputFile(path: SiteWriter.markerName, text: SiteWriter.markerText))
        if let failure = lock.withLock({ failure }) {
            SiteWriter.removeTree(folder)
            throw failure
        }
        try SiteWriter.publish(folder, as: target, parent: parent, name: name, shownAs: output)
    }

    /// Removes what was written (a build that failed before publishing).
    public func discard() {
        SiteWriter.removeTree(folder)
    }
}

/// The site a build replaces. A file the new site has with the same bytes is linked from it
/// rather than written again: a rebuild then writes only what changed, unchanged files keep
/// their modification times (so `rsync` and caches skip them), and removing the previous site
/// frees only what changed (it was half the cost of publishing nova's site after a rebuild).
/// Only from its own folders: one that is a symlink (perhaps out of the output folder) is
/// not looked into.
final class PreviousSite: @unchecked Sendable {
    let root: String
    /// The mode this writer's files get (0644 less the umask): a file with another mode was
    /// changed by someone else, and is not taken.
    private let mode: mode_t
    private let lock = NSLock()
    /// Whether each folder (relative path) is the previous site's own, no symlink on the way.
    private var plainFolders: [String: Bool] = [:]

    init(root: String) {
        self.root = root
        mode = 0o644 & ~Self.currentUmask()
    }

    /// The process's umask, read without setting it where the system says it (Linux: the
    /// `Umask:` line of /proc/self/status): `umask(2)` only reads by setting, and the build
    /// validates on another thread meanwhile.
    private static func currentUmask() -> mode_t {
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Umask:") }),
           let mask = mode_t(line.dropFirst("Umask:".count).trimmingCharacters(in: .whitespaces), radix: 8) {
            return mask
        }
        let mask = umask(0)
        umask(mask)
        return mask
    }

    func linkIfUnchanged(_ bytes: [UInt8], relative: String, to path: String) -> Bool {
        let folder = (relative as NSString).deletingLastPathComponent
        guard isPlain(folder) else { return false }
        return SiteWriter.linkUnchanged(bytes, from: PathUtilities.join(root, relative), to: path, mode: mode)
    }

    private func isPlain(_ folder: String) -> Bool {
        if folder.isEmpty { return true }
        if let known = lock.withLock({ plainFolders[folder] }) { return known }
        let expected = PathUtilities.join(root, folder)
        let real = realpath(expected, nil)
        defer { free(real) }
        let plain = real.map { String(cString: $0) == expected } ?? false
        lock.withLock { plainFolders[folder] = plain }
        return plain
    }
}
