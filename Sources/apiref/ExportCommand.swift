import APIRefKit
import APIRefOpenAPI
import ArgumentParser
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the API as of one microversion in another format.",
        discussion: """
            `apiref export openapi --microversion 1.7 -o openapi.yaml` writes an OpenAPI 3.1 document \
            of the API exactly as of 1.7. With --all, -o names a folder that gets openapi-VERSION.yaml \
            for the oldest microversion and each one that changes something. Every document is \
            validated before it is written.
            Exit status: 0 written, 1 a document is not valid OpenAPI, 2 usage or I/O failure.
            """
    )

    @Argument(help: "The format to export: openapi.")
    var target: Target

    @Option(name: .shortAndLong, help: "The description folder.")
    var input: String = "api-ref"

    @Option(name: .customLong("input-format"), help: "auto, native or os-api-ref.")
    var inputFormat: InputFormat = .auto

    @Option(help: "The microversion to export (default: the API's newest).")
    var microversion: String?

    @Flag(help: "Write one document per microversion that changes something.")
    var all = false

    @Option(name: .shortAndLong, help: ArgumentHelp(
        "The file to write (default: standard output); with --all, the folder (default: .).", valueName: "path"))
    var output: String?

    @Option(help: "yaml or json (default: from the file extension, else yaml).")
    var format: OpenAPIFileFormat?

    enum Target: String, ExpressibleByArgument {
        case openapi
    }

    func validate() throws {
        if all, microversion != nil { throw ValidationError("--all and --microversion exclude each other") }
        if all, output == "-" { throw ValidationError("--all writes files: give a folder with -o") }
    }

    func run() throws {
        let model: APIModel
        do {
            model = try Pipeline.read(root: input, format: inputFormat).model
        } catch {
            Terminal.standardError("error: \(error.message)")
            throw ExitCode(2)
        }
        let exporter = OpenAPIExporter(model: model)
        if all {
            try exportAll(exporter)
        } else {
            try exportOne(exporter, version: try version(in: model))
        }
    }

    private func exportOne(_ exporter: OpenAPIExporter, version: Microversion) throws {
        let format = self.format ?? output.flatMap(OpenAPIFileFormat.init(fileName:)) ?? .yaml
        let text = try validatedText(exporter, version: version, format: format)
        guard let output, output != "-" else {
            print(text, terminator: "")
            return
        }
        try write(text, to: output)
        Terminal.standardError("wrote \(output) (OpenAPI 3.1, microversion \(version))")
    }

    private func exportAll(_ exporter: OpenAPIExporter) throws {
        let format = self.format ?? .yaml
        let folder = output ?? "."
        var texts: [(String, String)] = []
        // Validate every document before writing any, so a failure leaves no partial set.
        for version in exporter.changeVersions {
            let text = try validatedText(exporter, version: version, format: format)
            texts.append((PathUtilities.join(folder, OpenAPIOutput.fileName(for: version, format: format)), text))
        }
        do {
            var isFolder: ObjCBool = false
            if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
            } else if !isFolder.boolValue {
                Terminal.standardError("error: '\(folder)' is not a folder")
                throw ExitCode(2)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.standardError("error: cannot create the folder '\(folder)': \(error.localizedDescription)")
            throw ExitCode(2)
        }
        for (path, text) in texts { try write(text, to: path) }
        Terminal.standardError("wrote \(texts.count) OpenAPI 3.1 documents to \(folder) (\(exporter.changeVersions.map(\.description).joined(separator: ", ")))")
    }

    private func validatedText(_ exporter: OpenAPIExporter, version: Microversion, format: OpenAPIFileFormat) throws -> String {
        do {
            let export = try exporter.validatedDocument(at: version)
            for note in export.notes { Terminal.standardError("note: \(note)") }
            return try OpenAPIOutput.encode(export.document, as: format)
        } catch let error as OpenAPIExportError {
            Terminal.standardError("error: \(error)")
            throw ExitCode(1)
        } catch {
            Terminal.standardError("error: \(error)")
            throw ExitCode(2)
        }
    }

    private func write(_ text: String, to path: String) throws {
        do {
            try OpenAPIOutput.write(text, to: path)
        } catch {
            Terminal.standardError("error: \(error.message)")
            throw ExitCode(2)
        }
    }

    private func version(in model: APIModel) throws -> Microversion {
        guard let microversion else { return model.project.maxVersion }
        guard let version = Microversion(microversion) else {
            throw ValidationError("'\(microversion)' is not a microversion (MAJOR.MINOR)")
        }
        guard model.project.versions.contains(version) else {
            throw ValidationError("\(version) is outside the API's range \(model.project.versions)")
        }
        return version
    }
}

extension OpenAPIFileFormat: ExpressibleByArgument {}
