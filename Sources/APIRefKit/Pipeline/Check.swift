/// Which reader to use for an input folder.
public enum InputFormat: String, Sendable, CaseIterable {
    case auto
    case native
    case osAPIRef = "os-api-ref"
}

/// The stages every command combines: read (files -> model) and validate (model -> diagnostics).
public enum Pipeline {
    /// Reads the description at `root`. Throws only when nothing can be read at all.
    /// `versions` gives an os-api-ref tree's microversion range when it does not declare one
    /// (a native description's range is in its apiref.yaml).
    public static func read(root: String, format: InputFormat = .auto,
                            fileSystem: any FileSystem = LocalFileSystem(),
                            limits: ReadLimits = .default,
                            versions: VersionRange = .unbounded) throws(InputError) -> ReadResult {
        do {
            return try ReadLimits.$current.withValue(limits) {
                try readWithCurrentLimits(root: root, format: format, fileSystem: fileSystem, versions: versions)
            }
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError("\(error)")
        }
    }

    private static func readWithCurrentLimits(root: String, format: InputFormat, fileSystem: any FileSystem,
                                              versions: VersionRange) throws(InputError) -> ReadResult {
        let options = OSAPIRefReader.Options(versions: versions)
        switch format {
        case .native:
            return try NativeReader(fileSystem: fileSystem, root: root).read()
        case .osAPIRef:
            return try OSAPIRefReader(fileSystem: fileSystem, root: root, options: options).read()
        case .auto:
            // A native description has apiref.yaml and pages/; an os-api-ref source folder has
            // index.rst or conf.py with .inc/.rst files (and may hold an apiref.yaml of settings).
            let isNative = fileSystem.kind(at: PathUtilities.join(root, NativeReader.projectFileName)) == .file
                && fileSystem.kind(at: PathUtilities.join(root, "pages")) == .directory
            if !isNative, OSAPIRefReader.looksLikeTree(at: root, fileSystem: fileSystem) {
                return try OSAPIRefReader(fileSystem: fileSystem, root: root, options: options).read()
            }
            return try NativeReader(fileSystem: fileSystem, root: root).read()
        }
    }

    /// Runs every model rule over the model read; returns the reader's and the rules' findings.
    public static func validate(_ result: ReadResult) -> [Diagnostic] {
        let context = CheckContext(model: result.model, discoveredSamples: result.discoveredSamples,
                                   fingerprints: result.fingerprints)
        defer { ProcessLifetime.keepUntilExit(context) }
        // The analysis several rules share is made first; then the rules, which only read the
        // context, run in parallel (findings stay in registry order).
        _ = Trace.span("validate: samples") { context.sampleFindings }
        let rules = RuleRegistry.modelRules
        // `serve`: the findings of a rule whose inputs read as before are kept.
        let cache = ReadCache.current
        // Each part's fingerprint is worked out once (`CheckContext.part`), before the rules run.
        let keys: [RuleStep?] = cache == nil ? [] : Trace.span("validate: rule inputs") {
            rules.map { rule in
                rule.inputs.flatMap(context.fingerprint(ofAll:)).map { RuleStep(code: rule.descriptor.code, inputs: $0) }
            }
        }
        return Trace.span("validate: rules") {
            let found = Parallel.map(rules.count) { index in
                Trace.span("rule \(rules[index].descriptor.code)") {
                    guard let cache, let key = keys[index] else { return rules[index].check(context) }
                    return cache.findings(key) { rules[index].check(context) }
                }
            }
            // Gathered in one pass (a finding is a large value to copy).
            var all = result.diagnostics
            all.reserveCapacity(all.count + found.reduce(0) { $0 + $1.count })
            for findings in found { all.append(contentsOf: findings) }
            return all
        }
    }

    /// `check`: read + validate.
    public static func check(root: String, format: InputFormat = .auto,
                             fileSystem: any FileSystem = LocalFileSystem(),
                             limits: ReadLimits = .default,
                             versions: VersionRange = .unbounded) throws(InputError) -> (ReadResult, [Diagnostic]) {
        let result = try Trace.span("read") {
            () throws(InputError) -> ReadResult in
            try read(root: root, format: format, fileSystem: fileSystem, limits: limits, versions: versions)
        }
        return (result, Trace.span("validate") { validate(result) })
    }
}

/// A model rule's findings, by the fingerprint of what it reads (`RuleInputs`).
struct RuleStep: Hashable {
    let code: String
    let inputs: Int
}
