/// Bounds on what a reader accepts, so hostile input (apiref runs on strangers' pull
/// requests) gets a clear diagnostic instead of exhausting memory, time or the stack.
public struct ReadLimits: Sendable, Equatable {
    /// Largest file read, in bytes.
    public var maxFileSize = 16 * 1024 * 1024
    /// Deepest JSON nesting in a sample.
    public var maxJSONDepth = JSONReader.defaultMaxDepth
    /// Most sample files discovered under the root.
    public var maxFiles = 20_000
    /// Most YAML alias uses (`*name`) in one file: bounds "billion laughs" expansion. Also the
    /// most entries merge keys (`<<: *name`) copy in one file.
    public var maxYAMLAliases = 10_000
    /// Deepest YAML nesting (flow brackets or indentation levels).
    public var maxYAMLDepth = 100

    public init() {}

    public static let `default` = ReadLimits()

    /// The limits in force for the current read (set by `Pipeline.read`).
    @TaskLocal public static var current = ReadLimits.default

    /// Names accepted by `--limit NAME=VALUE`.
    public static let names = ["file-size", "json-depth", "files", "yaml-aliases", "yaml-depth"]

    public mutating func set(_ name: String, _ value: Int) -> Bool {
        guard value > 0 else { return false }
        switch name {
        case "file-size": maxFileSize = value
        case "json-depth": maxJSONDepth = value
        case "files": maxFiles = value
        case "yaml-aliases": maxYAMLAliases = value
        case "yaml-depth": maxYAMLDepth = value
        default: return false
        }
        return true
    }
}

enum YAMLLimits {
    /// Scans YAML text for alias count and nesting depth before handing it to libyaml and
    /// Yams, whose composer recurses per level and hashes aliased keys without bound.
    static func violation(in text: String, limits: ReadLimits) -> (message: String, line: Int)? {
        var aliases = 0, flowDepth = 0, line = 1
        var quote: UInt8?, escaped = false
        var atLineStart = true, indent = 0
        var previous: UInt8 = 0x20
        var inComment = false
        // Yams hashes mapping keys to find duplicates; an alias used as a key is hashed with
        // its whole expansion, exponential for nested aliases. No description needs one.
        var inAliasName = false, afterAlias = false, previousSignificant: UInt8 = 0x0A
        var flowHasAlias = false
        // Block scalars (`description: |`) hold prose, where `**Note:**` is not an alias: their
        // lines, indented deeper than the line that opened them, are skipped.
        var blockIndent: Int?, inBlockLine = false
        var lineTail: [UInt8] = []
        // Yams sorts duplicate keys with a comparison that recurses twice per level, exponential
        // for lists and mappings nested in keys: `[a]: x` and `? [a]` are refused too. `explicitKey`
        // follows `?` (1; 2 after `? -`), `collectionKey` a flow collection that may be a key
        // (1 after its bracket, 2 after the `:` that would make it one).
        var explicitKey = 0, collectionKey = 0, openedAtToken: [Bool] = [], firstOnLine = false
        let collectionAsKey = "a list or mapping is used as a mapping key"
        for byte in text.utf8 {
            if inBlockLine, byte != 0x0A { continue }
            firstOnLine = false
            let blank = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            switch explicitKey {
            case 1 where blank && byte != 0x0A: break
            case 1 where byte == 0x0A || byte == 0x5B || byte == 0x7B || byte == 0x3F: return (collectionAsKey, line)
            case 1 where byte == 0x2D: explicitKey = 2
            case 2 where blank: return (collectionAsKey, line)
            // Outside brackets `?` needs a space after it (`?x` is plain text).
            case 3 where byte == 0x0A: return (collectionAsKey, line)
            case 3 where blank: explicitKey = 1
            default: explicitKey = 0
            }
            switch collectionKey {
            case 1 where byte == 0x20 || byte == 0x09: break
            case 1 where byte == 0x3A: collectionKey = 2
            case 2 where blank || (flowDepth > 0 && (byte == 0x2C || byte == 0x5D || byte == 0x7D)):
                return (collectionAsKey, line)
            default: collectionKey = 0
            }
            if inAliasName {
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x2C || byte == 0x5D || byte == 0x7D || byte == 0x3A {
                    inAliasName = false
                    afterAlias = true
                } else {
                    previous = byte
                    continue
                }
            }
            if afterAlias {
                if byte == 0x3A { return ("an alias is used as a mapping key", line) }
                // Inside brackets an implicit key runs on to the next ',' or bracket: libyaml
                // reads `[*a text: x]` as a pair whose key holds the alias.
                let keyEnds = flowDepth == 0
                    ? byte != 0x20 && byte != 0x09
                    : [0x0A, 0x22, 0x23, 0x27, 0x2C, 0x5B, 0x5D, 0x7B, 0x7D].contains(byte)
                if keyEnds { afterAlias = false }
            }
            if byte == 0x0A {
                if !inBlockLine, quote == nil, Self.opensBlockScalar(lineTail) { blockIndent = indent }
                inBlockLine = false
                lineTail.removeAll(keepingCapacity: true)
                line += 1; atLineStart = true; indent = 0; inComment = false; previousSignificant = byte
                escaped = false
                if quote == 0x27 || quote == 0x22 { /* multi-line quoted scalars continue */ }
                previous = byte
                continue
            }
            if atLineStart {
                if byte == 0x20 {
                    indent += 1
                    if indent / 2 > limits.maxYAMLDepth { return ("indentation deeper than \(limits.maxYAMLDepth) levels", line) }
                    previous = byte
                    continue
                }
                atLineStart = false
                firstOnLine = true
                if let opened = blockIndent {
                    if indent > opened, byte != 0x0D { inBlockLine = true; continue }
                    blockIndent = nil
                }
                // A key at column 1 closes any flow collection left open by stray brackets in prose;
                // not one holding an alias, which libyaml may still be reading (it reads
                // `[*a,\n, *a  b: c]` as one list whose pair key holds the alias).
                if indent == 0, quote == nil, !flowHasAlias { flowDepth = 0; openedAtToken.removeAll() }
            }
            if inComment { continue }
            if let open = quote {
                // Inside double quotes, `\` escapes the next character (`\"` does not close them).
                if escaped {
                    escaped = false
                } else if open == 0x22, byte == 0x5C {
                    escaped = true
                } else if byte == open {
                    quote = nil
                }
                previous = byte
                continue
            }
            switch byte {
            case 0x23 where previous == 0x20 || previous == 0x09 || previous == 0x0A: inComment = true
            // Only where a quoted scalar can start: `x"y` is plain text.
            case 0x22 where Self.startsQuote(after: previous), 0x27 where Self.startsQuote(after: previous):
                quote = byte
            case 0x5B, 0x7B:
                if flowDepth == 0 { flowHasAlias = false }
                // `foo[0]: x` is a plain key: a bracket opens a collection where a value can start.
                openedAtToken.append([0x09, 0x0A, 0x20, 0x2C, 0x5B, 0x7B].contains(previous))
                flowDepth += 1
                if flowDepth > limits.maxYAMLDepth { return ("nesting deeper than \(limits.maxYAMLDepth) levels", line) }
            case 0x5D, 0x7D:
                flowDepth = max(0, flowDepth - 1)
                // `[*a]: x` is a key holding an alias too.
                if flowHasAlias { afterAlias = true }
                if openedAtToken.popLast() == true { collectionKey = 1 }
            // `?` starts an explicit key as the first thing on a line, after `- ` or `? `, or
            // after `[`, `{` or `,` inside brackets (where it needs no space after it).
            case 0x3F where firstOnLine || (previous == 0x20 && (previousSignificant == 0x2D || previousSignificant == 0x3F))
                || (flowDepth > 0 && [0x2C, 0x5B, 0x7B].contains(previousSignificant)):
                explicitKey = flowDepth > 0 ? 1 : 3
            case 0x2A where previous == 0x20 || previous == 0x5B || previous == 0x2C || previous == 0x3A || previous == 0x0A || previous == 0x7B
                || (previous == 0x3F && flowDepth > 0):
                aliases += 1
                if aliases > limits.maxYAMLAliases { return ("more than \(limits.maxYAMLAliases) aliases", line) }
                if previousSignificant == 0x3F || previousSignificant == 0x7B { return ("an alias is used as a mapping key", line) }
                inAliasName = true
                if flowDepth > 0 { flowHasAlias = true }
            default: break
            }
            if byte != 0x20 && byte != 0x09 { previousSignificant = byte }
            if !inComment, byte != 0x0D { lineTail.append(byte) }
            previous = byte
        }
        if collectionKey == 2 { return (collectionAsKey, line) }
        return nil
    }

    /// Whether a quote after `previous` opens a quoted scalar: at the start of a line or a
    /// value, after a space, a bracket, a comma or a colon.
    private static func startsQuote(after previous: UInt8) -> Bool {
        [0x0A, 0x09, 0x20, 0x2C, 0x3A, 0x5B, 0x7B].contains(previous)
    }

    /// Whether a line ends with a block scalar header: `|`, `>`, optionally with chomping and
    /// indentation indicators (`|-`, `>+2`), after `: `, `- ` or at the start.
    private static func opensBlockScalar(_ line: [UInt8]) -> Bool {
        var end = line.count
        while end > 0, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        while end > 0, line[end - 1] == 0x2D || line[end - 1] == 0x2B || (line[end - 1] >= 0x30 && line[end - 1] <= 0x39) {
            end -= 1
        }
        guard end > 0, line[end - 1] == 0x7C || line[end - 1] == 0x3E else { return false }
        let before = end - 2
        return before < 0 || line[before] == 0x20 || line[before] == 0x09
    }
}
