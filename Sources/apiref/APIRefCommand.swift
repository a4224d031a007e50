import APIRefKit
import ArgumentParser
import Foundation

@main
struct APIRefCommand: AsyncParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "apiref",
        abstract: "Validate and render microversioned API reference docs.",
        version: version,
        subcommands: [CheckCommand.self, BuildCommand.self, ExplainCommand.self, RulesCommand.self, DiffCommand.self, ExportCommand.self, ConvertCommand.self, ServeCommand.self],
        defaultSubcommand: CheckCommand.self
    )

    /// When the command began (the figures a command prints count from here: since the read
    /// may start before the command line is parsed).
    nonisolated(unsafe) private(set) static var launched = ContinuousClock.now

    /// Like ArgumentParser's `main`, but usage errors exit with 2 (the documented contract:
    /// 0 clean, 1 findings, 2 usage or I/O failure) instead of sysexits' 64.
    static func main() async {
        do {
            defer { printTrace() }
            let parsing = ContinuousClock.now
            launched = parsing
            // Every command but `serve` ends soon: the heap is set for that before any thread
            // is made (`serve` sets it back).
            ProcessLifetime.startsShortLived()
            Parallel.startWorkers()
            // What `check` or `build` will read is read meanwhile, on the idle core.
            if let request = ReadAhead.guess(arguments: Array(CommandLine.arguments.dropFirst()),
                                             shape: InputOptions.readAheadShape, defaultRoot: InputOptions.defaultPath) {
                ProcessLifetime.endsWithProcess()
                ReadAhead.start(request)
            }
            var command = try parseAsRoot()
            Trace.note("parse arguments", since: parsing)
            // `serve` is the one asynchronous command. Asked by type, not by casting to the
            // protocol: a failed protocol cast scans every conformance in the binary.
            if let serve = command as? ServeCommand {
                try await serve.run()
            } else {
                try command.run()
            }
        } catch let status as ExitCode {
            // A command's own status (1: findings, 2: I/O): exits at once. ArgumentParser's
            // `exitCode(for:)` first tries the error as ~10 protocols, and each failed cast
            // scans every conformance in the binary (0.5 ms of every `check` with findings).
            Foundation.exit(status == .validationFailure ? 2 : status.rawValue)
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { Terminal.standardError(message) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// APIREF_TRACE: the steps' timeline, once the command is done (see `Trace`).
    private static func printTrace() {
        if Trace.isEnabled { Terminal.standardError(Trace.report(), terminator: "") }
    }
}
