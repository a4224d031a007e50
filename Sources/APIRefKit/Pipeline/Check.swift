/// Which reader to use for an input folder.
public enum InputFormat: String, Sendable, CaseIterable {
    case auto
    case native
    case osAPIRef = "os-api-ref"
}

/// The stages every command combines: read (files -> model) and validate (model -> diagnostics).
public enum Pipeline {
    /// Reads the description at `root`. Throws only when nothing can be read at all.
    public static func read(root: String, format: InputFormat = .auto,
                            fileSystem: any FileSystem = LocalFileSystem()) throws(InputError) -> ReadResult {
        switch format {
        case .native, .auto:
            return try NativeReader(fileSystem: fileSystem, root: root).read()
        case .osAPIRef:
            throw InputError("the os-api-ref reader is not available yet")
        }
    }

    /// Runs every model rule over the model read; returns the reader's and the rules' findings.
    public static func validate(_ result: ReadResult) -> [Diagnostic] {
        let context = CheckContext(model: result.model, discoveredSamples: result.discoveredSamples)
        var diagnostics = result.diagnostics
        for rule in RuleRegistry.modelRules {
            diagnostics += rule.check(context)
        }
        return diagnostics
    }

    /// `check`: read + validate.
    public static func check(root: String, format: InputFormat = .auto,
                             fileSystem: any FileSystem = LocalFileSystem()) throws(InputError) -> (ReadResult, [Diagnostic]) {
        let result = try read(root: root, format: format, fileSystem: fileSystem)
        return (result, validate(result))
    }
}
