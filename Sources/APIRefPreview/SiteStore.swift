import APIRefKit

/// Holds the served site and tells connected pages when it changes.
actor SiteStore {
    private(set) var site = ServedSite()
    private var listeners: [Int: AsyncStream<Int>.Continuation] = [:]
    private var nextListener = 0
    /// What every page of the current build gets injected (see `page(_:)`).
    private var overlay: [UInt8]?

    /// Replaces what is served. Files are only swapped when the build succeeded (`files` non-nil),
    /// so a broken build keeps the last good pages while its problems show in the overlay.
    /// Returns the paths whose content changed.
    @discardableResult
    func publish(files: [OutputFile]?, problems: [PreviewProblem]) -> [String] {
        var changed: [String] = []
        if let files {
            var served: [String: ServedFile] = [:]
            for file in files {
                // Unchanged files (often the very same buffer, from the render memo) keep their
                // served form; only new content is hashed.
                if let old = site.files[file.path], old.bytes == file.bytes {
                    served[file.path] = old
                    continue
                }
                let candidate = ServedFile(bytes: file.bytes, path: file.path)
                if site.files[file.path]?.etag != candidate.etag { changed.append(file.path) }
                served[file.path] = candidate
            }
            changed += site.files.keys.filter { served[$0] == nil }
            site.files = served
        }
        let problemsChanged = site.problems != problems
        site.problems = problems
        if !changed.isEmpty || problemsChanged {
            site.generation += 1
            // Pages carry the overlay and the generation: each is prepared when first asked
            // for in a build, then kept (preparing all of nova's at once held up the reload).
            overlay = Overlay.addition(problems: site.problems, generation: site.generation)
            site.pages = [:]
            for listener in listeners.values { listener.yield(site.generation) }
        }
        return changed.sorted()
    }

    /// The HTML file at `path` as served in build `generation`: with the reload client and
    /// the overlay. Nil when there is no such page, or that build is no longer the current one.
    func page(_ path: String, generation: Int) -> [UInt8]? {
        guard generation == site.generation else { return nil }
        if let page = site.pages[path] { return page }
        guard let file = site.files[path], file.contentType.hasPrefix("text/html") else { return nil }
        let addition = overlay ?? Overlay.addition(problems: site.problems, generation: site.generation)
        overlay = addition
        let page = Overlay.inject(addition, into: file.bytes)
        site.pages[path] = page
        return page
    }

    /// A stream of generation numbers, starting with the current one.
    func subscribe() -> (id: Int, stream: AsyncStream<Int>) {
        let id = nextListener
        nextListener += 1
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        continuation.yield(site.generation)
        listeners[id] = continuation
        return (id, stream)
    }

    func unsubscribe(_ id: Int) {
        listeners.removeValue(forKey: id)?.finish()
    }

    var listenerCount: Int { listeners.count }
}
