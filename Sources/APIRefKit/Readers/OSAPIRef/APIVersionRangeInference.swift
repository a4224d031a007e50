import Foundation

/// Where the API's microversion range of an os-api-ref tree comes from. os-api-ref trees
/// rarely declare it, so in order: the command line, an apiref.yaml beside index.rst, the
/// `os_api_ref_min_microversion`/`os_api_ref_max_microversion` settings of conf.py, and
/// finally inference from the versions the tree itself names (each bound separately).
struct APIVersionRangeInference {
    enum Source: String, Sendable {
        case commandLine = "the command line"
        case projectFile = "apiref.yaml"
        case sphinxConfiguration = "conf.py"
        case inferred = "the tree"
    }

    /// Versions at which something starts (`min_version`, `vN.M` sample folders).
    private(set) var starts: [Microversion] = []
    /// Versions at which something ends (`max_version`).
    private(set) var ends: [Microversion] = []

    mutating func noteStart(_ version: Microversion?) { if let version { starts.append(version) } }
    mutating func noteEnd(_ version: Microversion?) { if let version { ends.append(version) } }

    /// The inferred range: the maximum is the highest version named; a `min_version` or a
    /// sample folder marks a change after the first version, so the minimum is one below the
    /// lowest of those, but never above the lowest `max_version`.
    var inferred: VersionRange? {
        let all = starts + ends
        guard let highest = all.max() else { return nil }
        var lowest: Microversion?
        if let firstChange = starts.min() {
            lowest = Microversion(firstChange.major, max(0, firstChange.minor - 1))
        }
        if let firstEnd = ends.min() { lowest = lowest.map { min($0, firstEnd) } ?? firstEnd }
        return VersionRange(min: lowest ?? highest, max: highest)
    }

    /// The bounds declared by each source, most authoritative first, filled bound by bound.
    static func resolve(_ declared: [(Source, VersionRange)], inferred: VersionRange?)
        -> (range: VersionRange, minSource: Source, maxSource: Source) {
        var low: (Microversion, Source)?
        var high: (Microversion, Source)?
        for (source, range) in declared {
            if low == nil, let min = range.min { low = (min, source) }
            if high == nil, let max = range.max { high = (max, source) }
        }
        if low == nil, let min = inferred?.min { low = (min, .inferred) }
        if high == nil, let max = inferred?.max { high = (max, .inferred) }
        let fallback = Microversion(1, 0)
        return (VersionRange(min: low?.0 ?? fallback, max: high?.0 ?? low?.0 ?? fallback),
                low?.1 ?? .inferred, high?.1 ?? .inferred)
    }

    /// `os_api_ref_min_microversion = '2.1'` lines of a Sphinx conf.py (no Python is run).
    static func sphinxSettings(_ source: SourceFile) -> VersionRange {
        var low: Microversion?, high: Microversion?
        for number in 1...max(source.lineCount, 1) {
            guard let line = source.line(number)?.trimmingSpaces(), line.hasPrefix("os_api_ref_") else { continue }
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = parts[0].trimmingSpaces()
            let value = parts[1].trimmingSpaces().trimmingCharacters(in: ["'", "\"", " "])
            if name == "os_api_ref_min_microversion" { low = Microversion(value) }
            if name == "os_api_ref_max_microversion" { high = Microversion(value) }
        }
        return VersionRange(min: low, max: high)
    }
}
