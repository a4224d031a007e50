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
        let request = try input.readRequest()
        let started = APIRefCommand.launched
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
        do {
            result = try Trace.span("read") { () throws(InputError) -> ReadResult in
                try ReadAhead.read(request)
            }
        } catch {
            Terminal.standardError("error: \(error.message)")
            throw ExitCode(2)
        }
        let options = RenderOptions(baseURL: baseURL, generator: "apiref \(APIRefCommand.version)")
        // Validating and rendering both only read the model: they run side by side, each
        // filling the other's idle core, and the rendered site is published only when the
        // findings allow it (else its temporary folder goes, and the previous site stays).
        var engine: DiagnosticEngine?
        var checked = started, renderTime = Duration.zero
        var rendering: Result<(SiteStaging, RenderedSite), BuildFailure>?
        Parallel.run({
            let found = Trace.span("validate") { Pipeline.validate(result) }
            let findings = DiagnosticEngine(found, policy: policy)
            ProcessLifetime.keepUntilExit((found, findings))
            let prefix = Terminal.displayPath(result.root)
            print(Trace.span("write diagnostics") { diagnostics.writer(sources: result.model.sources, pathPrefix: prefix).write(findings) },
                  terminator: "")
            if diagnostics.format == .human {
                print(Summary.line(for: findings, model: result.model, root: prefix, elapsed: ContinuousClock.now - started))
            }
            engine = findings
            checked = ContinuousClock.now
        }, {
            let start = ContinuousClock.now
            rendering = render(result.model, theme: theme, options: options)
            renderTime = ContinuousClock.now - start
        })
        ProcessLifetime.keepUntilExit(result)
        guard let engine, let rendering else { throw ExitCode(2) }
        if engine.exitCode != 0 && !allowErrors {
            if case .success(let (staging, _)) = rendering { staging.discard() }
            Terminal.standardError("error: not publishing '\(output)' because of the problems above; the previous site is unchanged (--allow-errors publishes anyway)")
            throw ExitCode(engine.exitCode)
        }
        let staging: SiteStaging, site: RenderedSite
        switch rendering {
        case .failure(let failure):
            Terminal.standardError("error: \(failure.message)")
            throw ExitCode(2)
        case .success(let rendered):
            (staging, site) = rendered
        }
        let published = ContinuousClock.now
        do throws(OutputError) {
            try Trace.span("write site") { () throws(OutputError) in try staging.publish() }
        } catch {
            Terminal.standardError("error: \(error.message)")
            throw ExitCode(2)
        }
        if verbose {
            Terminal.standardError("stages: check \(BuildFigures.milliseconds(checked - started)) ms, "
                + "render \(BuildFigures.milliseconds(renderTime)) ms (beside the check; files written as they are made), "
                + "publish \(BuildFigures.milliseconds(ContinuousClock.now - published)) ms")
        }
        let figures = BuildFigures.line(site: site, output: output, elapsed: ContinuousClock.now - started)
        // Machine-readable formats own stdout.
        if diagnostics.format == .human { print(figures) } else { Terminal.standardError(figures) }
    }
}

extension BuildCommand {
    /// Renders the site into a temporary folder beside the output, each file written as soon
    /// as it is made; the folder takes the output's place on `publish` (or goes on `discard`).
    private func render(_ model: APIModel, theme: Theme, options: RenderOptions) -> Result<(SiteStaging, RenderedSite), BuildFailure> {
        let staging: SiteStaging
        do { staging = try Trace.span("site folder") { () throws(OutputError) -> SiteStaging in try SiteWriter(output: output).begin() } } catch {
            return .failure(BuildFailure(message: error.message))
        }
        do {
            let site = try Trace.span("render") { () throws(RenderError) -> RenderedSite in
                try SiteRenderer.render(model: model, theme: theme, options: options, onFile: staging.add)
            }
            ProcessLifetime.keepUntilExit(site)
            return .success((staging, site))
        } catch {
            staging.discard()
            return .failure(BuildFailure(message: error.message))
        }
    }
}

/// Why a site was not rendered or written (exit status 2).
struct BuildFailure: Error {
    let message: String
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
