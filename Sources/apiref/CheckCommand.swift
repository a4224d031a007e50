import APIRefKit
import ArgumentParser
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the description and every sample against it.",
        discussion: "Exit status: 0 clean, 1 errors (or warnings with --strict), 2 usage or I/O failure."
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var output: DiagnosticOptions

    @Option(name: .customLong("changed"), help: ArgumentHelp(
        "Report only what differs from this git revision (committed, staged, unstaged, untracked) and what depends on it.",
        valueName: "REV"))
    var changedSince: String?

    func run() throws {
        ProcessLifetime.endsWithProcess()
        let policy = try output.policy()
        let request = try input.readRequest()
        let started = APIRefCommand.launched
        let result: ReadResult
        let diagnostics: [Diagnostic]
        do {
            result = try Trace.span("read") { () throws(InputError) -> ReadResult in try ReadAhead.read(request) }
            diagnostics = Trace.span("validate") { Pipeline.validate(result) }
        } catch {
            Terminal.standardError("error: \(error.message)")
            throw ExitCode(2)
        }
        var reported = diagnostics
        var scopeNote = ""
        if let changedSince {
            do {
                let scope = ChangeScope(model: result.model,
                                        changes: try GitChanges.collect(root: input.path, base: changedSince))
                reported = diagnostics.filter(scope.includes)
                scopeNote = " in the change since \(changedSince) (\(scope.affectedEndpoints) endpoints affected, \(diagnostics.count - reported.count) findings elsewhere not shown)"
            } catch {
                Terminal.standardError("error: \(error.message)")
                throw ExitCode(2)
            }
        }
        let engine = Trace.span("order diagnostics") { DiagnosticEngine(reported, policy: policy) }
        ProcessLifetime.keepUntilExit((result, diagnostics, reported, engine))
        let prefix = Terminal.displayPath(result.root)
        let text = Trace.span("write diagnostics") { output.writer(sources: result.model.sources, pathPrefix: prefix).write(engine) }
        print(text, terminator: "")
        if output.format == .human {
            let elapsed = ContinuousClock.now - started
            print(Summary.line(for: engine, model: result.model, root: prefix, elapsed: elapsed) + scopeNote)
        }
        if engine.exitCode != 0 { throw ExitCode(engine.exitCode) }
    }
}

enum Summary {
    static func line(for engine: DiagnosticEngine, model: APIModel, root: String, elapsed: Duration) -> String {
        let milliseconds = Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        let scope = "\(model.endpoints.count) endpoints, \(model.definitions.count) definitions, \(model.samples.count) samples"
        let findings: String
        if engine.errorCount == 0 && engine.warningCount == 0 {
            findings = "no problems"
        } else {
            findings = "\(engine.errorCount) error\(engine.errorCount == 1 ? "" : "s"), \(engine.warningCount) warning\(engine.warningCount == 1 ? "" : "s")"
        }
        return "\(root): \(findings) (\(scope); \(milliseconds) ms)"
    }
}
