/// Which lines of which files a change touches, relative to the description root.
public struct ChangeSet: Sendable, Equatable {
    public enum Lines: Sendable, Equatable {
        /// New, deleted or wholly rewritten file.
        case all
        /// 1-based line ranges of the new version (a pure deletion marks the line after it).
        case ranges([ClosedRange<Int>])

        func contains(_ line: Int) -> Bool {
            switch self {
            case .all: return true
            case .ranges(let ranges): return ranges.contains { $0.contains(line) }
            }
        }

        func intersects(_ range: ClosedRange<Int>) -> Bool {
            switch self {
            case .all: return true
            case .ranges(let ranges): return ranges.contains { $0.overlaps(range) }
            }
        }
    }

    public var files: [String: Lines]

    public init(files: [String: Lines] = [:]) { self.files = files }
}

/// The part of the description a change affects, and so which diagnostics `check --changed`
/// reports: findings in changed lines, plus findings whose cause depends on them (a changed
/// definition re-checks every endpoint that uses it and every sample of those endpoints; a
/// changed or deleted sample re-checks the endpoints that show it; a changed project file
/// affects everything).
public struct ChangeScope: Sendable {
    public let everything: Bool
    /// Files whose every diagnostic is in scope.
    public let wholeFiles: Set<String>
    /// Diagnostics located in these lines are in scope too.
    public let lines: [String: ChangeSet.Lines]
    public let affectedEndpoints: Int

    public init(model: APIModel, changes: ChangeSet) {
        let parametersFile = model.project.parametersFile
        if changes.files[NativeReader.projectFileName] != nil || changes.files.keys.contains(where: { $0.hasPrefix("templates/") }) {
            self.init(everything: true, wholeFiles: [], lines: [:], affectedEndpoints: model.endpoints.count)
            return
        }
        var changedDefinitions = Set<String>()
        if let lines = changes.files[parametersFile] {
            let spans = Self.definitionSpans(model, file: parametersFile)
            for (key, span) in spans where lines.intersects(span) { changedDefinitions.insert(key) }
        }
        var whole = Set<String>()
        var affected = 0
        for page in model.pages {
            for endpoint in page.endpoints {
                let samplePaths = endpoint.samples.compactMap { PathUtilities.normalizeRelative($0.path) }
                let touched = changes.files[page.path] != nil
                    || (endpoint.request + endpoint.response).contains { changedDefinitions.contains($0.key) }
                    || samplePaths.contains { changes.files[$0] != nil }
                guard touched else { continue }
                affected += 1
                whole.insert(page.path)
                whole.formUnion(samplePaths)
            }
        }
        for (path, lines) in changes.files where path != parametersFile && lines == .all { whole.insert(path) }
        var lineScopes = changes.files
        lineScopes[parametersFile] = nil
        if !changedDefinitions.isEmpty {
            let spans = Self.definitionSpans(model, file: parametersFile)
            lineScopes[parametersFile] = .ranges(changedDefinitions.compactMap { spans[$0] })
        }
        self.init(everything: false, wholeFiles: whole, lines: lineScopes, affectedEndpoints: affected)
    }

    private init(everything: Bool, wholeFiles: Set<String>, lines: [String: ChangeSet.Lines], affectedEndpoints: Int) {
        self.everything = everything
        self.wholeFiles = wholeFiles
        self.lines = lines
        self.affectedEndpoints = affectedEndpoints
    }

    public func includes(_ diagnostic: Diagnostic) -> Bool {
        if everything || wholeFiles.contains(diagnostic.range.file) { return true }
        return lines[diagnostic.range.file]?.contains(diagnostic.range.start.line) ?? false
    }

    /// The lines each definition occupies: from its key to the line before the next key.
    static func definitionSpans(_ model: APIModel, file: String) -> [String: ClosedRange<Int>] {
        let starts = model.definitions.filter { $0.range.file == file }.map { ($0.key, $0.range.start.line) }
            .sorted { $0.1 < $1.1 }
        var spans: [String: ClosedRange<Int>] = [:]
        for (index, (key, line)) in starts.enumerated() {
            let end = index + 1 < starts.count ? max(line, starts[index + 1].1 - 1) : Int.max - 1
            spans[key] = line...end
        }
        return spans
    }
}
