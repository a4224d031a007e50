import Foundation

/// Reads what a working tree changed since a revision (committed, staged, unstaged and
/// untracked files), by running git.
public enum GitChanges {
    public static func collect(root: String, base: String) throws(InputError) -> ChangeSet {
        guard (try? git(["rev-parse", "--is-inside-work-tree"], in: root))?.hasPrefix("true") == true else {
            throw InputError("'\(root)' is not inside a git repository: --changed needs one")
        }
        guard (try? git(["rev-parse", "--verify", "--quiet", base + "^{commit}"], in: root)) != nil else {
            throw InputError("'\(base)' is not a git revision")
        }
        let prefix = (try? git(["rev-parse", "--show-prefix"], in: root))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let diff = try git(["diff", "--no-color", "--no-ext-diff", "--unified=0", "--no-renames", base, "--", "."], in: root)
        var files = parseUnifiedDiff(diff, prefix: prefix)
        let untracked = try git(["ls-files", "--others", "--exclude-standard", "--full-name", "--", "."], in: root)
        for line in untracked.split(separator: "\n") {
            if let path = relative(String(line), prefix: prefix) { files[path] = .all }
        }
        return ChangeSet(files: files)
    }

    /// Parses `git diff --unified=0` output into changed line ranges of the new files.
    static func parseUnifiedDiff(_ text: String, prefix: String) -> [String: ChangeSet.Lines] {
        var files: [String: ChangeSet.Lines] = [:]
        var current: String?
        var oldPath: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("--- ") {
                oldPath = line.hasPrefix("--- a/") ? String(line.dropFirst(6)) : nil
            } else if line.hasPrefix("+++ ") {
                if line.hasPrefix("+++ b/") {
                    current = relative(String(line.dropFirst(6)), prefix: prefix)
                } else if let oldPath, let path = relative(oldPath, prefix: prefix) {
                    files[path] = .all  // deleted
                    current = nil
                }
            } else if line.hasPrefix("@@ "), let current, files[current] != .all {
                guard let range = hunkRange(line) else { continue }
                if case .ranges(let ranges) = files[current] ?? .ranges([]) {
                    files[current] = .ranges(ranges + [range])
                }
            }
        }
        return files
    }

    /// `@@ -12,3 +14,5 @@` -> 14...18; a pure deletion `+14,0` marks line 14.
    static func hunkRange(_ line: Substring) -> ClosedRange<Int>? {
        guard let plus = line.split(separator: " ").first(where: { $0.hasPrefix("+") }) else { return nil }
        let parts = plus.dropFirst().split(separator: ",")
        guard let start = parts.first.flatMap({ Int($0) }) else { return nil }
        let count = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
        return max(start, 1)...max(start, start + count - 1)
    }

    private static func relative(_ repoPath: String, prefix: String) -> String? {
        guard repoPath.hasPrefix(prefix) else { return nil }
        return String(repoPath.dropFirst(prefix.count))
    }

    private static func git(_ arguments: [String], in directory: String) throws(InputError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do {
            try process.run()
        } catch {
            throw InputError("cannot run git: \(error.localizedDescription)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        _ = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw InputError("git \(arguments.first ?? "") failed in '\(directory)'")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
