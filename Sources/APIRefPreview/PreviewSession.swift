#if canImport(Glibc)
import Glibc
#endif
import APIRefKit
import Foundation

/// Settings of one `apiref serve`.
public struct PreviewConfiguration: Sendable {
    public var input: String
    public var inputFormat: InputFormat
    public var templates: String?
    public var limits: ReadLimits
    /// An os-api-ref tree's microversion range, when it does not declare one.
    public var versions: VersionRange = .unbounded
    /// Publish builds with errors too (`--allow-errors`); the overlay still lists them.
    public var allowErrors = false
    public var pollInterval: Duration
    /// Quiet period that ends a burst of saves before rebuilding: editors write a file in one go
    /// or a rename, within a millisecond; a burst that outlasts it costs one extra rebuild.
    /// With inotify it applies only to writes not followed by a close.
    public var debounce: Duration
    /// Poll file signatures even where the kernel can report changes (inotify on Linux): for
    /// network file systems, whose changes made elsewhere the kernel never sees.
    public var polling = false
    public var verbose: Bool

    public init(input: String, inputFormat: InputFormat = .auto, templates: String? = nil,
                limits: ReadLimits = .default, pollInterval: Duration = .milliseconds(50),
                debounce: Duration = .milliseconds(10), verbose: Bool = false) {
        self.input = input
        self.inputFormat = inputFormat
        self.templates = templates
        self.limits = limits
        self.pollInterval = pollInterval
        self.debounce = debounce
        self.verbose = verbose
    }
}

/// What one rebuild did, for the terminal and for tests.
public struct RebuildReport: Sendable {
    public let changedInputs: [String]
    public let changedOutputs: [String]
    public let diagnostics: [Diagnostic]
    public let sources: SourceStore?
    public let failure: String?
    /// The description root as the user gave it, for paths in messages.
    public let root: String
    /// The rebuild itself: read, validate, render, publish and send the reload event.
    public let duration: Duration
    public let published: Bool
    /// From the change being noticed by the watcher (before the debounce) to the reload event.
    public var sinceSeen: Duration?
    /// When the site was published and open pages told to reload.
    public var publishedAt: ContinuousClock.Instant?
    /// From the newest modification time of the changed files to the reload event.
    public var sinceSaved: Double?
    /// Files parsed by this rebuild and files whose parse the session kept from before.
    public var parsedFiles = 0, reusedParses = 0
    /// Reading steps (a page built, a description converted, an endpoint assembled...) redone
    /// and kept from before.
    public var madeSteps = 0, keptSteps = 0
    /// Of the steps redone, those brought up to date from what they made before (the kept
    /// samples after a sample edit) rather than made anew.
    public var revisedSteps = 0
    /// Of the model rules that declare what they read, those run and those whose findings
    /// were kept because that read the same.
    public var ranRules = 0, keptRules = 0
    /// Pages rendered by this rebuild and pages kept because nothing they show changed.
    public var renderedPages = 0, reusedPages = 0
    /// The pages rendered, by site path.
    public var renderedPaths: [String] = []
    /// Of the pages rendered, the endpoints rendered and those whose rendering was kept.
    public var renderedEndpoints = 0, reusedEndpoints = 0
    /// Where the rebuild's time went: read and validate, render, publish.
    public var checkDuration: Duration = .zero, renderDuration: Duration = .zero, publishDuration: Duration = .zero
}

/// The findings of the last rebuild as the overlay lists them: most rebuilds find what the
/// last one found (nova's ~700 findings took ~0.8 ms to sort and word again each time).
final class ProblemList: @unchecked Sendable {
    private let lock = NSLock()
    private var last: (diagnostics: [Diagnostic], root: String, problems: [PreviewProblem])?

    func problems(for diagnostics: [Diagnostic], root: String) -> [PreviewProblem] {
        if let last = lock.withLock({ last }), last.root == root, last.diagnostics == diagnostics { return last.problems }
        let problems = DiagnosticEngine(diagnostics).diagnostics.map { diagnostic in
            PreviewProblem(severity: diagnostic.severity.rawValue, code: diagnostic.code,
                           location: "\(PathUtilities.join(root, diagnostic.range.file)):\(diagnostic.range.start)",
                           message: diagnostic.message)
        }
        lock.withLock { last = (diagnostics, root, problems) }
        return problems
    }
}

/// The folders a build read from, shared between rebuilds and the watch loop.
final class FolderList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    var folders: [String] { lock.withLock { list } }
    func set(_ folders: [String]) { lock.withLock { list = folders } }
}

/// Builds the site into memory, then keeps it current: watch, debounce, rebuild, publish, and
/// tell open pages to reload. A failed rebuild never stops the session: the last good pages
/// stay up with the problems in an overlay.
public final class PreviewSession: Sendable {
    public let configuration: PreviewConfiguration
    let store = SiteStore()
    /// What the last rebuild parsed and rendered, so that the next redoes only what changed.
    private let readCache = ReadCache()
    private let renderMemo = RenderMemo()
    /// What the disk answered, kept but for the paths the watcher reported changed.
    private let disk = CachingFileSystem()
    /// Folders outside the input that the last build read files from (an os-api-ref tree's
    /// samples live beside its source folder); watched too.
    private let readFolders = FolderList()
    /// The overlay's problems of the last rebuild, for the next that finds the same.
    private let lastProblems = ProblemList()
    private let render: @Sendable (APIModel, RenderMemo) throws -> [OutputFile]

    /// `render` renders a model, skipping the pages the memo already has.
    public init(configuration: PreviewConfiguration,
                render: @escaping @Sendable (APIModel, RenderMemo) throws -> [OutputFile]) {
        self.configuration = configuration
        self.render = render
    }

    /// Reads, validates and renders once, and publishes the result.
    @discardableResult
    public func rebuild(changedInputs: [String] = []) async -> RebuildReport {
        let started = ContinuousClock.now
        // On a thread of its own, not one of the concurrency pool's: called from a pool thread
        // (which then waits for them), the parallel loops inside got their second core 0.5 to
        // 5 ms late, doing most of a rebuild's rendering and reading on one.
        let built = await Self.offPool { self.build(changedInputs: changedInputs) }
        let publishing = ContinuousClock.now
        let changed = await store.publish(files: built.files, problems: built.problems)
        // Open pages were told to reload (when anything changed) as the store published.
        let publishedAt = ContinuousClock.now
        Trace.note("publish", since: publishing)
        // The folders outside the input that this build read from: for the watch loop's next
        // wait, so worked out once the reload is sent.
        if let read = built.read {
            let input = configuration.input
            readFolders.set(Trace.span("serve: watched folders") {
                Self.foldersOutside(input, root: read.root, read: [Array(read.sources.unorderedPaths), read.discoveredSamples].joined())
            })
        }
        var report = RebuildReport(changedInputs: changedInputs, changedOutputs: changed, diagnostics: built.diagnostics,
                                   sources: built.sources, failure: built.failure, root: built.root,
                                   duration: publishedAt - started, published: built.files != nil)
        (report.parsedFiles, report.reusedParses) = readCache.lastRun
        (report.madeSteps, report.keptSteps) = readCache.lastSteps
        report.revisedSteps = readCache.lastRevisedSteps
        (report.ranRules, report.keptRules) = readCache.lastRules
        report.publishedAt = publishedAt
        report.checkDuration = built.checkedAt - started
        report.renderDuration = built.renderedAt - built.checkedAt
        report.publishDuration = publishedAt - built.renderedAt
        if built.files != nil {
            (report.renderedPages, report.reusedPages) = renderMemo.lastRun
            report.renderedPaths = renderMemo.lastRendered
            (report.renderedEndpoints, report.reusedEndpoints) = renderMemo.lastFragments
        }
        return report
    }

    /// What a rebuild made before publishing it.
    private struct Built: Sendable {
        var files: [OutputFile]?
        var diagnostics: [Diagnostic]
        var sources: SourceStore?
        var failure: String?
        var root: String
        var problems: [PreviewProblem]
        var checkedAt: ContinuousClock.Instant
        var renderedAt: ContinuousClock.Instant
        /// What was read, when the description could be: where the watcher must look.
        var read: (root: String, sources: SourceStore, discoveredSamples: [String])?
    }

    /// Read, validate and render (one rebuild at a time: the watch loop awaits each).
    private func build(changedInputs: [String]) -> Built {
        let outcome: (files: [OutputFile]?, diagnostics: [Diagnostic], sources: SourceStore?, failure: String?)
        var prefix = configuration.input
        var read: (root: String, sources: SourceStore, discoveredSamples: [String])?
        // Parses of unchanged files come from the last rebuild (see `ReadCache`).
        readCache.beginBuild()
        // A rebuild told what changed asks the disk only about that; one not told (the first,
        // or a caller's) asks about everything again.
        if changedInputs.isEmpty { disk.forgetAll() } else { disk.forget(changed: changedInputs) }
        let configuration = self.configuration, disk = self.disk
        let checked = ReadCache.$current.withValue(readCache) { () -> Result<(ReadResult, [Diagnostic]), InputError> in
            do throws(InputError) {
                return .success(try Pipeline.check(root: configuration.input, format: configuration.inputFormat,
                                                   fileSystem: disk, limits: configuration.limits,
                                                   versions: configuration.versions))
            } catch {
                return .failure(error)
            }
        }
        Trace.span("serve: drop unused parses") { readCache.endBuild() }
        let checkedAt = ContinuousClock.now
        switch checked {
        case .success(let (result, diagnostics)):
            prefix = result.root
            let hasErrors = !configuration.allowErrors && diagnostics.contains { $0.severity == .error }
            read = (result.root, result.model.sources, result.discoveredSamples)
            do {
                outcome = (hasErrors ? nil : try render(result.model, renderMemo), diagnostics, result.model.sources, nil)
            } catch {
                outcome = (nil, diagnostics, result.model.sources, "rendering failed: \(error)")
            }
        case .failure(let error):
            outcome = (nil, [], nil, error.message)
        }
        let renderedAt = ContinuousClock.now
        let problemsStart = ContinuousClock.now
        var problems = lastProblems.problems(for: outcome.diagnostics, root: prefix)
        if let failure = outcome.failure {
            problems.insert(PreviewProblem(severity: "error", code: "serve", location: prefix, message: failure), at: 0)
        }
        Trace.note("serve: problems", since: problemsStart)
        return Built(files: outcome.files, diagnostics: outcome.diagnostics, sources: outcome.sources, failure: outcome.failure,
                     root: prefix, problems: problems, checkedAt: checkedAt, renderedAt: renderedAt, read: read)
    }

    /// The outermost folders holding files read from outside `input` (paths relative to `root`).
    /// Lexical: the paths are normalized and relative, so joining them needs no file system
    /// call (a `URL` per path stat'ed each of nova's ~1,100 files on every rebuild).
    static func foldersOutside(_ input: String, root: String, read paths: some Sequence<String>) -> [String] {
        let inputFolder = absolute(input), rootFolder = absolute(root)
        // Each parent folder is joined and tested once (a sample folder holds hundreds of files).
        var parents = Set<Substring>()
        for path in paths {
            let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
            parents.insert(slash.map { path[..<$0] } ?? "")
        }
        var folders: [String] = []
        for parent in parents {
            let folder = parent.isEmpty ? rootFolder : PathUtilities.join(rootFolder, String(parent))
            if !PathUtilities.isInside(folder, root: inputFolder) { folders.append(folder) }
        }
        let sorted = folders.sorted()
        // Sorted, a folder's ancestors come before it: keep those no kept folder holds.
        var outermost: [String] = []
        for folder in sorted where !outermost.contains(where: { PathUtilities.isInside(folder, root: $0) }) {
            outermost.append(folder)
        }
        return outermost
    }

    /// `work` on a new thread, outside the concurrency pool (for work that blocks or waits).
    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Watches the inputs until cancelled, rebuilding after each burst of changes: told by the
    /// kernel where it can (inotify), else by polling.
    public func watch(onRebuild: @escaping @Sendable (RebuildReport) -> Void) async {
        #if os(Linux)
        if !configuration.polling, await watchNotified(onRebuild: onRebuild) { return }
        #endif
        await watchPolling(onRebuild: onRebuild)
    }

    private var watchedRoots: [String] {
        [configuration.input] + (configuration.templates.map { [$0] } ?? []) + readFolders.folders
    }

    #if os(Linux)
    /// The inotify loop; false when inotify cannot watch the inputs (the caller then polls).
    private func watchNotified(onRebuild: @escaping @Sendable (RebuildReport) -> Void) async -> Bool {
        guard var watcher = InotifyWatcher(roots: watchedRoots, excluded: []) else { return false }
        let quiet = Int32(configuration.debounce.components.seconds * 1000
            + configuration.debounce.components.attoseconds / 1_000_000_000_000_000)
        while !Task.isCancelled {
            let current = watcher
            // The wait blocks a thread: not one of the concurrency pool's few.
            let burst = await Self.offPool { current.nextBurst(timeout: 100, quiet: max(1, quiet)) }
            if let burst, !burst.paths.isEmpty {
                var report = await rebuild(changedInputs: burst.paths)
                report.sinceSeen = (report.publishedAt ?? ContinuousClock.now) - burst.seen
                report.sinceSaved = Self.newestModification(of: burst.paths).map { Date().timeIntervalSince1970 - $0 }
                onRebuild(report)
            }
            if watcher.roots != watchedRoots {
                // The last build read from other folders: watch them too (the new watch is in
                // place before the old one goes, so no change falls between them).
                guard let replacement = InotifyWatcher(roots: watchedRoots, excluded: []) else { return false }
                watcher = replacement
            }
        }
        return true
    }

    private static func newestModification(of paths: [String]) -> Double? {
        paths.compactMap { path -> Double? in
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            return Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        }.max()
    }
    #endif

    /// The polling loop: a snapshot of file signatures every `pollInterval`.
    private func watchPolling(onRebuild: @escaping @Sendable (RebuildReport) -> Void) async {
        var watcher = FileWatcher(roots: watchedRoots, excluded: [])
        var known = watcher.snapshot()
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.pollInterval)
            if watcher.roots != watchedRoots {
                // The last build read from other folders: start watching them as they are now.
                watcher = FileWatcher(roots: watchedRoots, excluded: [])
                known = watcher.snapshot()
            }
            var current = watcher.snapshot()
            var changed = FileWatcher.changes(from: known, to: current)
            guard !changed.isEmpty else { continue }
            let seen = ContinuousClock.now
            // Debounce: wait until a poll sees no further change (editors write in bursts).
            while !Task.isCancelled {
                try? await Task.sleep(for: configuration.debounce)
                let next = watcher.snapshot()
                let more = FileWatcher.changes(from: current, to: next)
                current = next
                if more.isEmpty { break }
                changed = Array(Set(changed + more)).sorted()
            }
            known = current
            var report = await rebuild(changedInputs: changed)
            report.sinceSeen = (report.publishedAt ?? ContinuousClock.now) - seen
            let saved = changed.compactMap { current[$0]?.modified }.max()
            report.sinceSaved = saved.map { Date().timeIntervalSince1970 - $0 }
            onRebuild(report)
        }
    }
}
