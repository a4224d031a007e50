import APIRefKit
import ArgumentParser
import Foundation

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Validate the description, then render it as a static site.",
        discussion: """
        Runs the same checks as `check`. With errors nothing is published and the previous site \
        stays as it was, unless --allow-errors. The site is written into a temporary folder \
        beside the output folder and swapped in whole.
        Exit status: 0 published, 1 errors (or warnings with --strict), 2 usage, I/O or template failure.
        """
    )

    @OptionGroup var input: InputOptions
    @OptionGroup var diagnostics: DiagnosticOptions

    @Option(name: [.short, .customLong("output")], help: "The folder to write the site into.")
    var output = "site"

    @Option(name: .customLong("base-url"),
            help: "Where the site is served, e.g. /docs/compute/ (default: links relative to each page).")
    var baseURL: String?

    @Option(name: .customLong("templates"), help: ArgumentHelp(
        "A folder whose templates and assets replace the default theme's same-named files.", valueName: "DIR"))
    var templates: String?

    @Flag(name: .customLong("allow-errors"), help: "Publish even when the description has errors.")
    var allowErrors = false

    @Flag(name: .customLong("verbose"), help: "Print the time of each stage (check, render and write, publish) to standard error.")
    var verbose = false

    func run() throws {
        ProcessLifetime.endsWithProcess()
        let policy = try diagnostics.policy()
        let limits = try input.limits()
        let versions = try input.versions()
        let started = ContinuousClock.now
        do {
            try SiteWriter.checkSeparate(output: output, input: input.path)
        } catch {
            Terminal.standardError("error: \(error.message)")
            throw ExitCode(2)
        }
        var theme = Theme.builtIn
        if let templates {
            do { theme = try theme.overridden(byFolder: templates) } catch {
                Terminal.standardError("error: \(error.message)")
                throw ExitCode(2)
            }
        }

        let result: ReadResult
        let found: [Diagnostic]
        do {
            (result, found) = try Pipeline.check(root: input.path, format: input.inputFormat, limits: limits,
                                                 versions: versions)
        } catch {
            Terminal.standardError("error: \(error.message)")
            throw ExitCode(2)
        }
        let engine = DiagnosticEngine(found, policy: policy)
        ProcessLifetime.keepUntilExit((result, found, engine))
        let prefix = Terminal.displayPath(result.root)
        print(Trace.span("write diagnostics") { diagnostics.writer(sources: result.model.sources, pathPrefix: prefix).write(engine) },
              terminator: "")
        let human = diagnostics.format == .human
        if human {
            print(Summary.line(for: engine, model: result.model, root: prefix, elapsed: ContinuousClock.now - started))
        }
        if engine.exitCode != 0 && !allowErrors {
            Terminal.standardError("error: not publishing '\(output)' because of the problems above; the previous site is unchanged (--allow-errors publishes anyway)")
            throw ExitCode(engine.exitCode)
        }

        let options = RenderOptions(baseURL: baseURL, generator: "apiref \(APIRefCommand.version)")
        let site: RenderedSite
        let checked = ContinuousClock.now
        // Each file is written into the temporary folder as soon as it is rendered; the folder
        // takes the output's place once all are (or goes, if rendering fails).
        let staging: SiteStaging
        do { staging = try Trace.span("site folder") { () throws(OutputError) -> SiteStaging in try SiteWriter(output: output).begin() } } catch {
            Terminal.standardError("error: \(error.message)")
            throw ExitCode(2)
        }
        do {
            site = try Trace.span("render") { () throws(RenderError) -> RenderedSite in
                try SiteRenderer.render(model: result.model, theme: theme, options: options, onFile: staging.add)
            }
            ProcessLifetime.keepUntilExit(site)
            let rendered = ContinuousClock.now
            try Trace.span("write site") { try staging.publish() }
            if verbose {
                Terminal.standardError("stages: check \(BuildFigures.milliseconds(checked - started)) ms, "
                    + "render \(BuildFigures.milliseconds(rendered - checked)) ms (files written as they are made), "
                    + "publish \(BuildFigures.milliseconds(ContinuousClock.now - rendered)) ms")
            }
        } catch let error as RenderError {
            staging.discard()
            Terminal.standardError("error: \(error.message)")
            throw ExitCode(2)
        } catch let error as OutputError {
            Terminal.standardError("error: \(error.message)")
            throw ExitCode(2)
        }
        let figures = BuildFigures.line(site: site, output: output, elapsed: ContinuousClock.now - started)
        // Machine-readable formats own stdout.
        if human { print(figures) } else { Terminal.standardError(figures) }
    }
}

enum BuildFigures {
    /// `site: 9 pages, 412 KB in 85 ms`
    static func line(site: RenderedSite, output: String, elapsed: Duration) -> String {
        let milliseconds = milliseconds(elapsed)
        let bytes = site.byteCount
        let size = bytes >= 10 * 1024 * 1024 ? "\(bytes / 1024 / 1024) MB" : "\(max(1, (bytes + 512) / 1024)) KB"
        let name = Terminal.displayPath(output)
        return "\(name): \(site.pageCount) pages, \(site.files.count) files, \(size) in \(milliseconds) ms"
    }

    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}
