import APIRefKit
import ArgumentParser
import Foundation

struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert an os-api-ref tree (api-ref/source) to the native format, with Markdown prose.",
        discussion: """
        Writes apiref.yaml, parameters.yaml, pages/*.md and samples/ into --out. The output checks \
        with the same findings as the tree. Exit status: 0 written, 2 usage or I/O failure.
        """
    )

    @Argument(help: "The os-api-ref source folder (the one with index.rst and conf.py).")
    var path: String

    @Option(help: "The folder to write the native description into.")
    var out: String = "api-ref"

    @Option(name: .customLong("min-version"), help: "The API's first microversion, when the tree does not say.")
    var minVersion: String?

    @Option(name: .customLong("max-version"), help: "The API's last microversion, when the tree does not say.")
    var maxVersion: String?

    @Flag(help: "Write into --out even when it is not empty.")
    var force = false

    func run() throws {
        var options = OSAPIRefReader.Options()
        options.versions = VersionRange(min: try version(minVersion, "--min-version"),
                                        max: try version(maxVersion, "--max-version"))
        let tree: OSAPIRefTree
        do {
            tree = try OSAPIRefReader(fileSystem: LocalFileSystem(), root: path, options: options).readTree()
        } catch {
            Terminal.standardError("error: \(error.message)")
            throw ExitCode(2)
        }
        let manager = FileManager.default
        if !force, let existing = try? manager.contentsOfDirectory(atPath: out), !existing.isEmpty {
            Terminal.standardError("error: '\(out)' is not empty; choose another --out or pass --force")
            throw ExitCode(2)
        }
        let output = NativeConverter(tree: tree, fileSystem: LocalFileSystem()).convert()
        do {
            for file in output.files {
                let target = URL(fileURLWithPath: out).appendingPathComponent(file.path)
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents).write(to: target)
            }
        } catch {
            Terminal.standardError("error: cannot write '\(out)': \(error.localizedDescription)")
            throw ExitCode(2)
        }
        for notice in output.notices { Terminal.standardError("note: \(notice)") }
        // Findings about the reStructuredText itself cannot survive the conversion: show them now.
        let sourceFindings = tree.result.diagnostics.filter { Self.sourceOnlyCodes.contains($0.code) }
        if !sourceFindings.isEmpty {
            let writer = HumanWriter(sources: tree.result.model.sources,
                                     pathPrefix: Terminal.displayPath(tree.result.root), color: false)
            Terminal.standardError(writer.write(DiagnosticEngine(sourceFindings)))
        }
        let model = tree.result.model
        print("\(out): \(output.files.count) files (\(model.pages.count) pages, \(model.endpoints.count) endpoints, "
              + "\(model.definitions.count) definitions); check it with `apiref check \(out)`")
    }

    /// Codes about the os-api-ref source (includes, RST markup, status files).
    static let sourceOnlyCodes: Set<String> = [IncludeNotFound.descriptor.code, UnsupportedMarkup.descriptor.code,
                                                UnresolvedReference.descriptor.code, UnknownStatusCode.descriptor.code]

    private func version(_ text: String?, _ option: String) throws -> Microversion? {
        guard let text else { return nil }
        guard let version = Microversion(text) else {
            throw ValidationError("\(option) must be MAJOR.MINOR, not '\(text)'")
        }
        return version
    }
}
