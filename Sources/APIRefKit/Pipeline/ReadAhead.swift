import Foundation

/// The description read on a thread of its own while the command line is still being parsed.
///
/// Parsing the command line takes 3-5 ms on one core (ArgumentParser finds each option's
/// type by reflection, and the Swift runtime scans all ~9,000 protocol conformances in the
/// binary for each new type it asks about), and the read could not start before it was done.
/// The executable guesses from its arguments what `check` or `build` will read and starts that
/// read at once (`start`); the command, once its options are parsed, asks for the read with
/// its real request (`read`) and takes the early one only when both requests are equal, so a
/// wrong guess costs time on an otherwise idle core, never a different result.
public enum ReadAhead {
    /// Everything a read depends on besides the files themselves.
    public struct Request: Equatable, Sendable {
        public var root: String
        public var format: InputFormat
        public var limits: ReadLimits
        public var versions: VersionRange

        public init(root: String, format: InputFormat = .auto, limits: ReadLimits = .default,
                    versions: VersionRange = .unbounded) {
            self.root = root
            self.format = format
            self.limits = limits
            self.versions = versions
        }
    }

    /// A read running on a thread of its own, made for it: a new thread starts at once,
    /// where work handed to Dispatch's pool waited 0.6-3.8 ms (median 1.3) for a pool thread,
    /// the pool being made at the same time.
    private final class Started: @unchecked Sendable {
        let request: Request
        private var result: Result<ReadResult, InputError>?
        private let done = DispatchSemaphore(value: 0)

        init(_ request: Request) {
            self.request = request
            let thread = Thread { [self] in
                result = Trace.span("read ahead") {
                    Result { () throws(InputError) -> ReadResult in try ReadAhead.readNow(request) }
                }
                done.signal()
            }
            // As large as the main thread's: the readers recurse (nested YAML, JSON, RST).
            thread.stackSize = 8 << 20
            thread.start()
        }

        /// The result, once the thread is done with it (the semaphore orders the write before).
        func wait() -> Result<ReadResult, InputError> {
            done.wait()
            return result!
        }
    }

    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: Started?

    /// Starts reading what `request` names on a thread of its own (the local file system).
    public static func start(_ request: Request) {
        let read = Started(request)
        lock.withLock { started = read }
    }

    /// The read `request` names: the one started early when it was for the same request
    /// (waiting for it to finish), else a new one. An early read is taken at most once.
    public static func read(_ request: Request) throws(InputError) -> ReadResult {
        let early: Started? = lock.withLock {
            defer { started = nil }
            return started
        }
        if let early, early.request == request {
            Trace.note("read ahead: taken", since: ContinuousClock.now)
            return try early.wait().get()
        }
        if early != nil { Trace.note("read ahead: not taken (another request)", since: ContinuousClock.now) }
        return try readNow(request)
    }

    private static func readNow(_ request: Request) throws(InputError) -> ReadResult {
        try Pipeline.read(root: request.root, format: request.format, limits: request.limits, versions: request.versions)
    }
}

extension ReadAhead {
    /// What a command line looks like to the guess: the commands that read a description, the
    /// others (a first word that is neither is the default command's path), and every option
    /// of the reading commands, by whether it takes a value.
    public struct CommandLineShape: Sendable {
        public var commands: Set<String>
        public var otherCommands: Set<String>
        /// Options read by the guess: they change what is read.
        public var inputFormat = "--input-format", minVersion = "--min-version", maxVersion = "--max-version"
        /// Options that take a value and do not change what is read (`--format json`, `-o site`).
        public var valueOptions: Set<String>
        /// Options without a value that do not change what is read (`--strict`).
        public var flags: Set<String>

        public init(commands: Set<String>, otherCommands: Set<String>,
                    valueOptions: Set<String>, flags: Set<String>) {
            self.commands = commands
            self.otherCommands = otherCommands
            self.valueOptions = valueOptions
            self.flags = flags
        }
    }

    /// The read a command line will ask for, when it can be told without parsing it in full;
    /// nil for anything else (another command, `--help`, an option not in `shape`, `--limit`,
    /// a second path): those parse as usual and read afterwards.
    public static func guess(arguments: [String], shape: CommandLineShape, defaultRoot: String) -> Request? {
        var rest = arguments[...]
        if let first = rest.first {
            if shape.commands.contains(first) {
                rest = rest.dropFirst()
            } else if shape.otherCommands.contains(first) {
                return nil
            }
        }
        var request = Request(root: defaultRoot)
        var path: String?
        var onlyPositionals = false
        while let token = rest.popFirst() {
            if onlyPositionals || !token.hasPrefix("-") || token == "-" {
                guard path == nil else { return nil }
                path = token
                continue
            }
            if token == "--" { onlyPositionals = true; continue }
            if shape.flags.contains(token) { continue }
            // `--name value` or `--name=value`.
            let name: String, value: String
            if let equals = token.firstIndex(of: "="), token.hasPrefix("--") {
                name = String(token[..<equals])
                value = String(token[token.index(after: equals)...])
            } else {
                guard let next = rest.popFirst() else { return nil }
                name = token
                value = next
            }
            switch name {
            case shape.inputFormat:
                guard let format = InputFormat(rawValue: value) else { return nil }
                request.format = format
            case shape.minVersion:
                guard let version = Microversion(value) else { return nil }
                request.versions = VersionRange(min: version, max: request.versions.max)
            case shape.maxVersion:
                guard let version = Microversion(value) else { return nil }
                request.versions = VersionRange(min: request.versions.min, max: version)
            default:
                guard shape.valueOptions.contains(name) else { return nil }
            }
        }
        if let path { request.root = path }
        guard !request.versions.isEmpty else { return nil }
        return request
    }
}
