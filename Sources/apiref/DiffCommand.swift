import APIRefKit
import ArgumentParser

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what changed in the API between two microversions.",
        discussion: "Without versions: the oldest against the newest. Exit 1 with --fail-on-breaking when a change breaks clients pinned at the first version."
    )

    @Argument(help: "The base microversion (default: the API's oldest).")
    var from: String?

    @Argument(help: "The target microversion (default: the API's newest).")
    var to: String?

    @Option(name: .shortAndLong, help: "The description folder.")
    var input: String = "api-ref"

    @Option(name: .customLong("input-format"), help: "auto, native or os-api-ref.")
    var inputFormat: InputFormat = .auto

    @Option(help: "text, json or markdown.")
    var format: Format = .text

    @Flag(help: "Exit 1 when a change breaks clients pinned at the base version.")
    var failOnBreaking = false

    enum Format: String, ExpressibleByArgument {
        case text, json, markdown
    }

    func run() throws {
        let model: APIModel
        do {
            model = try Pipeline.read(root: input, format: inputFormat).model
        } catch {
            Terminal.standardError("error: \(error.message)")
            throw ExitCode(2)
        }
        let base = try version(from, default: model.project.minVersion, model: model)
        let target = try version(to, default: model.project.maxVersion, model: model)
        let diff = model.diff(from: base, to: target)
        switch format {
        case .text: print(DiffReport.text(diff), terminator: "")
        case .json: print(DiffReport.json(diff), terminator: "")
        case .markdown: print(DiffReport.markdown(diff, title: model.project.title), terminator: "")
        }
        if failOnBreaking, !diff.breakingChanges.isEmpty { throw ExitCode(1) }
    }

    private func version(_ text: String?, default fallback: Microversion, model: APIModel) throws -> Microversion {
        guard let text else { return fallback }
        guard let version = Microversion(text) else {
            throw ValidationError("'\(text)' is not a microversion (MAJOR.MINOR)")
        }
        guard model.project.versions.contains(version) else {
            throw ValidationError("\(version) is outside the API's range \(model.project.versions)")
        }
        return version
    }
}
