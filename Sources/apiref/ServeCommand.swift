import APIRefKit
import APIRefPreview
import ArgumentParser
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site locally: rebuilds on save, reloads open pages, shows problems in the page.",
        discussion: "The server stays up whatever the input: a build with errors keeps the last good pages and shows the problems in an overlay and in the terminal."
    )

    @OptionGroup var input: InputOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8000

    @Option(name: .customLong("templates"), help: ArgumentHelp(
        "A folder whose templates and assets replace the default theme's same-named files (watched too).", valueName: "DIR"))
    var templates: String?

    @Flag(name: .customLong("allow-errors"), help: "Publish builds with errors too (the overlay still shows them).")
    var allowErrors = false

    @Flag(help: "Open the site in a browser once it is up.")
    var open = false

    @Flag(help: "Poll the files for changes instead of being told by the kernel (inotify): for inputs on network file systems.")
    var poll = false

    @Flag(help: "Print timings of every rebuild (from the change being seen to the reload event).")
    var verbose = false

    func run() async throws {
        ProcessLifetime.runsUntilStopped()
        let limits = try input.limits()
        var theme = Theme.builtIn
        if let templates {
            do { theme = try theme.overridden(byFolder: templates) } catch {
                Terminal.standardError("error: \(error.message)")
                throw ExitCode(2)
            }
        }
        let builtIn = theme
        let templateFolder = templates
        let options = RenderOptions(baseURL: nil, generator: "apiref \(APIRefCommand.version)")
        var configuration = PreviewConfiguration(input: input.path, inputFormat: input.inputFormat, templates: templates,
                                                 limits: limits, verbose: verbose)
        configuration.allowErrors = allowErrors
        configuration.polling = poll
        configuration.versions = try input.versions()
        let session = PreviewSession(
            configuration: configuration,
            render: { model, memo in
                // Templates are re-read on every build so that edits to them show up too.
                let current = try templateFolder.map { try Theme.builtIn.overridden(byFolder: $0) } ?? builtIn
                return try SiteRenderer.render(model: model, theme: current, options: options, memo: memo).files
            })
        let first = await session.rebuild()
        report(first, initial: true)
        let host = self.host, verbose = self.verbose, open = self.open
        let watcher = Task { await session.watch { report in ServeCommand.printReport(report, verbose: verbose) } }
        defer { watcher.cancel() }
        do {
            try await PreviewServer.run(session: session, host: host, port: port) { bound in
                let url = "http://\(host):\(bound)/"
                print("Serving \(url) (watching \(Terminal.displayPath(session.configuration.input)); Ctrl-C to stop)")
                fflush(nil)
                if open { ServeCommand.openBrowser(url) }
            }
        } catch let error as PreviewServer.BindError {
            Terminal.standardError("error: \(error.description)")
            throw ExitCode(2)
        }
    }

    private func report(_ report: RebuildReport, initial: Bool) {
        Self.printReport(report, verbose: verbose || initial)
    }

    /// The last rebuild's findings as printed: most rebuilds find the same (nova's ~700 took
    /// ~2 ms to word with their excerpts after each save), in files that read the same.
    private static let findingsText = KeptFindingsText()

    static func printReport(_ report: RebuildReport, verbose: Bool) {
        if Trace.isEnabled { Terminal.standardError(Trace.report(), terminator: "") }
        if let sources = report.sources, !report.diagnostics.isEmpty {
            let writer = HumanWriter(sources: sources, pathPrefix: Terminal.displayPath(report.root), color: isatty(STDOUT_FILENO) == 1)
            print(findingsText.text(for: DiagnosticEngine(report.diagnostics), writer: writer), terminator: "")
        }
        if let failure = report.failure { Terminal.standardError("error: \(failure)") }
        let milliseconds = Double(report.duration.components.attoseconds) / 1e15 + Double(report.duration.components.seconds) * 1000
        let errors = report.diagnostics.count { $0.severity == .error }
        let state = report.published ? "\(report.changedOutputs.count) files changed" : "\(errors) errors: kept the last good site"
        if verbose || !report.published {
            let trigger = report.changedInputs.isEmpty ? "build" : "change to \(report.changedInputs.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))"
            var timing = String(format: "rebuilt in %.1f ms", milliseconds)
            if let seen = report.sinceSeen {
                let seenMilliseconds = Double(seen.components.attoseconds) / 1e15 + Double(seen.components.seconds) * 1000
                timing += String(format: ", reload sent %.1f ms after the change was seen", seenMilliseconds)
            }
            if let saved = report.sinceSaved { timing += String(format: " (%.0f ms after the save)", saved * 1000) }
            var work = ""
            if report.published {
                work = ", \(report.renderedPages) of \(report.renderedPages + report.reusedPages) pages rendered"
                if report.reusedEndpoints > 0 {
                    work += " (\(report.renderedEndpoints) of their \(report.renderedEndpoints + report.reusedEndpoints) endpoints)"
                }
                work += ", \(report.parsedFiles) of \(report.parsedFiles + report.reusedParses) files parsed"
                work += ", \(report.madeSteps) of \(report.madeSteps + report.keptSteps) reading steps redone"
                if report.revisedSteps > 0 { work += " (\(report.revisedSteps) brought up to date)" }
                if report.keptRules > 0 { work += ", \(report.ranRules) of \(report.ranRules + report.keptRules) keyed rules run" }
            }
            func ms(_ duration: Duration) -> String {
                String(format: "%.1f", Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1000)
            }
            work += " (check \(ms(report.checkDuration)), render \(ms(report.renderDuration)), publish \(ms(report.publishDuration)) ms)"
            print("[serve] \(trigger): \(timing), \(state)\(work)")
        }
        fflush(nil)
    }

    static func openBrowser(_ url: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xdg-open", url]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try? process.run()
    }
}

