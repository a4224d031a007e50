import Foundation

/// Composes the block YAML that parameters files are written in straight from the bytes:
/// nested `key: value` mappings whose values are one-line plain or quoted scalars, block
/// scalars (`|`, `>`, with `-` or `+`), anchors and aliases. Through libyaml's events, nova's
/// parameters.yaml (215 KB, ~900 definitions) took ~44 M instructions, a tenth of `check`.
///
/// Anything else gives nil and goes through libyaml (`YAMLComposer`), which also phrases
/// every error: flow collections, sequences, tags, complex keys, plain or quoted scalars over
/// several lines, escapes, tabs, CR, control characters and the line breaks only YAML 1.1
/// knows, document markers, a repeated key, a read limit reached. What it does compose is
/// what the events compose to, marks (libyaml's lines and columns) and alias costs included:
/// `YAMLBlockComposerTests` compares the two on nova and on generated texts.
enum YAMLBlockComposer {
    static func compose(_ bytes: UnsafeBufferPointer<UInt8>, limits: ReadLimits,
                        aliasBudget: YAMLAliasBudget) -> YAMLNode? {
        guard Self.isPlainText(bytes) else { return nil }
        var parser = BlockParser(bytes: bytes, maxDepth: limits.maxYAMLDepth)
        guard let node = parser.run(), aliasBudget.remaining - parser.aliasCost >= 0 else { return nil }
        // Charged only once the text is known to compose here, so that libyaml's pass over a
        // text given up on does not pay twice.
        aliasBudget.remaining -= parser.aliasCost
        return node
    }

    /// The line where the block composer gives `text` up (to libyaml); nil when it composes it.
    static func lineGivenUp(_ text: String, limits: ReadLimits = .default) -> Int? {
        var text = text
        return text.withUTF8 { bytes in
            guard isPlainText(bytes) else { return 0 }
            var parser = BlockParser(bytes: bytes, maxDepth: limits.maxYAMLDepth)
            return parser.run() == nil ? parser.line : nil
        }
    }

    static func compose(_ text: String, limits: ReadLimits, aliasBudget: YAMLAliasBudget) -> YAMLNode? {
        var text = text
        return text.withUTF8 { compose($0, limits: limits, aliasBudget: aliasBudget) }
    }

    /// No byte libyaml reads otherwise than as a plain character or LF: no control character
    /// (tab and CR included), DEL, C1 control (NEL), LS, PS, byte order mark or non-character.
    private static func isPlainText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while index < count {
            let byte = bytes[index]
            if byte >= 0x20 && byte < 0x7F || byte == 0x0A {
                index += 1
                continue
            }
            if byte < 0x20 || byte == 0x7F { return false }
            if byte >= 0x80, index + 1 < count {
                let next = bytes[index + 1], third = index + 2 < count ? bytes[index + 2] : 0
                if byte == 0xC2 && next < 0xA0 { return false }
                if byte == 0xE2 && next == 0x80 && (third == 0xA8 || third == 0xA9) { return false }
                if byte == 0xEF && ((next == 0xBB && third == 0xBF) || (next == 0xBF && third >= 0xBE)) { return false }
            }
            index += 1
        }
        return true
    }
}

/// The parse: line by line at the mappings' level, byte by byte within a line; `nil` as soon
/// as the text leaves the subset.
private struct BlockParser {
    private struct Frame {
        let indent: Int
        let mark: YAMLMark
        let anchor: String?
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var keys: Set<String> = []
        /// Nodes the mapping holds, counting what aliases repeat (as `YAMLComposer` counts).
        var size = 1
        /// A key whose value starts on a later line: a nested mapping, or nothing (empty).
        var pendingKey: YAMLNode?
        var pendingAnchor: (name: String, mark: YAMLMark)?
        /// Where libyaml puts an empty value: just after the key's colon.
        var emptyMark = YAMLMark(line: 1, column: 1)

        init(indent: Int, mark: YAMLMark, anchor: String?) {
            self.indent = indent
            self.mark = mark
            self.anchor = anchor
        }
    }

    private static let lineFeed = UInt8(ascii: "\n"), space = UInt8(ascii: " "), hash = UInt8(ascii: "#")
    private static let colon = UInt8(ascii: ":")

    let bytes: UnsafeBufferPointer<UInt8>
    let count: Int
    let maxDepth: Int
    /// Nodes the aliases repeat, charged to the budget when the text composes.
    private(set) var aliasCost = 0
    private var position = 0
    private var lineStart = 0
    /// libyaml's line of `position`, 1-based.
    private(set) var line = 1
    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var root: YAMLNode?

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.count = bytes.count
        // libyaml's scanner has its own bound; either gives the text to libyaml to report.
        self.maxDepth = min(maxDepth, 500)
    }

    mutating func run() -> YAMLNode? {
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return nil }
        while position < count {
            lineStart = position
            var first = position
            while first < count, bytes[first] == Self.space { first += 1 }
            guard first < count else { break }
            let indent = first - position
            switch bytes[first] {
            case Self.lineFeed:
                nextLine(after: first)
                continue
            case Self.hash:
                skipLine(from: first)
                continue
            case UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "%"):
                if indent == 0 { return nil }   // document markers and directives, at column 0 only
            default:
                break
            }
            guard placeLine(indent: indent), keyLine(at: first, indent: indent) else { return nil }
        }
        guard !stack.isEmpty else { return root == nil ? .emptyDocument : root }
        if stack[stack.count - 1].pendingKey != nil {
            guard attachEmptyValue() else { return nil }
        }
        while !stack.isEmpty { guard close() else { return nil } }
        return root
    }

    // MARK: Lines

    /// Opens, resolves and closes mappings so that the top one takes the key line at `indent`.
    private mutating func placeLine(indent: Int) -> Bool {
        guard !stack.isEmpty else {
            guard root == nil else { return false }   // a second node after the document's
            return open(indent: indent, mark: YAMLMark(line: line, column: indent + 1), anchor: nil)
        }
        let top = stack.count - 1
        if stack[top].pendingKey != nil {
            if indent > stack[top].indent {
                let anchor = stack[top].pendingAnchor
                return open(indent: indent, mark: anchor?.mark ?? YAMLMark(line: line, column: indent + 1),
                            anchor: anchor?.name)
            }
            guard attachEmptyValue() else { return false }
        }
        while let last = stack.last, indent < last.indent {
            guard stack.count > 1, close() else { return false }
        }
        return indent == stack[stack.count - 1].indent
    }

    private mutating func open(indent: Int, mark: YAMLMark, anchor: String?) -> Bool {
        guard stack.count < maxDepth else { return false }
        stack.append(Frame(indent: indent, mark: mark, anchor: anchor))
        return true
    }

    /// Closes the top mapping into its parent's pending key (or the root).
    private mutating func close() -> Bool {
        let frame = stack.removeLast()
        let node = YAMLNode.mapping(YAMLNode.Mapping(pairs: frame.pairs, mark: frame.mark))
        if let anchor = frame.anchor { anchors[anchor] = (node, frame.size) }
        guard !stack.isEmpty else {
            root = node
            return true
        }
        return attach(node, size: frame.size)
    }

    /// Gives the top mapping's pending key its value.
    private mutating func attach(_ node: YAMLNode, size: Int) -> Bool {
        let top = stack.count - 1
        guard let key = stack[top].pendingKey else { return false }
        stack[top].pairs.append((key, node))
        stack[top].size += size
        stack[top].pendingKey = nil
        stack[top].pendingAnchor = nil
        return true
    }

    private mutating func attachEmptyValue() -> Bool {
        let top = stack.count - 1
        // An anchored empty value: rare enough to leave to libyaml.
        guard stack[top].pendingAnchor == nil else { return false }
        return attach(.scalar(YAMLNode.Scalar(string: "", style: .plain, mark: stack[top].emptyMark)), size: 1)
    }

    /// `key: value`, `key:` (its value on the next lines), with the value's anchor.
    private mutating func keyLine(at start: Int, indent: Int) -> Bool {
        guard !Self.isIndicator(bytes[start]) else { return false }
        var index = start, keyEnd = start
        while true {
            guard index < count, bytes[index] != Self.lineFeed else { return false }   // not a key
            let byte = bytes[index]
            // A colon ends the key when a blank follows (`os-availability-zone:availability_zone:`).
            if byte == Self.colon, isBlankOrEnd(index + 1) { break }
            if byte == Self.hash, bytes[index - 1] == Self.space { return false }
            if byte != Self.space { keyEnd = index + 1 }
            index += 1
        }
        // libyaml looks for a simple key's colon within 1024 characters.
        guard keyEnd - start <= 1000 else { return false }
        let top = stack.count - 1
        let name = string(start, keyEnd)
        guard insertKey(name, into: top) else { return false }
        stack[top].pendingKey = .scalar(YAMLNode.Scalar(string: name, style: .plain,
                                                        mark: YAMLMark(line: line, column: indent + 1)))
        stack[top].size += 1
        let afterColon = index + 1
        var value = skipSpaces(from: afterColon)
        if isEndOrComment(value) {
            stack[top].emptyMark = mark(at: afterColon)
            skipLine(from: value)
            return true
        }
        var anchor: (name: String, mark: YAMLMark)?
        if bytes[value] == UInt8(ascii: "&") {
            guard let end = nameEnd(from: value + 1) else { return false }
            anchor = (string(value + 1, end), mark(at: value))
            value = skipSpaces(from: end)
            if isEndOrComment(value) {
                stack[top].emptyMark = mark(at: afterColon)
                stack[top].pendingAnchor = anchor
                skipLine(from: value)
                return true
            }
        }
        let node: YAMLNode, size: Int
        switch bytes[value] {
        case UInt8(ascii: "*"):
            guard anchor == nil, let end = nameEnd(from: value + 1), let target = anchors[string(value + 1, end)] else {
                return false
            }
            guard endOfLine(from: end) else { return false }
            aliasCost += target.size
            (node, size) = (target.node, target.size)
        case UInt8(ascii: "|"), UInt8(ascii: ">"):
            guard let scalar = blockScalar(at: value, parentIndent: stack[top].indent, mark: anchor?.mark) else { return false }
            (node, size) = (.scalar(scalar), 1)
        case UInt8(ascii: "["):
            guard stack.count < maxDepth, let sequence = flowSequence(at: value, mark: anchor?.mark ?? mark(at: value)) else {
                return false
            }
            (node, size) = (.sequence(sequence), 1 + sequence.count)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            guard let scalar = quotedScalar(at: value, mark: anchor?.mark ?? mark(at: value)) else { return false }
            (node, size) = (.scalar(scalar), 1)
        default:
            guard let scalar = plainScalar(at: value, mark: anchor?.mark ?? mark(at: value)) else { return false }
            (node, size) = (.scalar(scalar), 1)
        }
        if let anchor { anchors[anchor.name] = (node, size) }
        return attach(node, size: size)
    }

    /// Whether `key` is new in the mapping (linear while small, as `YAMLComposer` does).
    private mutating func insertKey(_ key: String, into frame: Int) -> Bool {
        if stack[frame].pairs.count < EventComposerThreshold.keySet {
            for pair in stack[frame].pairs where pair.key.scalar?.string == key { return false }
            return true
        }
        if stack[frame].keys.isEmpty {
            for pair in stack[frame].pairs { if let scalar = pair.key.scalar { stack[frame].keys.insert(scalar.string) } }
        }
        return stack[frame].keys.insert(key).inserted
    }

    // MARK: Scalars

    /// One line, up to a comment; what looks like a key is libyaml's. A next line indented
    /// more (a continuation, or an error) is refused by `placeLine`.
    private mutating func plainScalar(at start: Int, mark: YAMLMark) -> YAMLNode.Scalar? {
        let first = bytes[start]
        if Self.isIndicator(first) {
            // `-1` is plain; `- x`, `?`, `:` and the other indicators are not (here).
            guard first == UInt8(ascii: "-"), !isBlankOrEnd(start + 1) else { return nil }
        }
        var index = start, end = start
        while index < count, bytes[index] != Self.lineFeed {
            let byte = bytes[index]
            if byte == Self.colon, isBlankOrEnd(index + 1) { return nil }
            if byte == Self.hash, bytes[index - 1] == Self.space { break }
            if byte != Self.space { end = index + 1 }
            index += 1
        }
        skipLine(from: index)
        return YAMLNode.Scalar(string: string(start, end), style: .plain, mark: mark)
    }

    /// `'...'` (`''` is a quote) or `"..."` without escapes, on one line.
    private mutating func quotedScalar(at start: Int, mark: YAMLMark) -> YAMLNode.Scalar? {
        guard let (text, after) = quoted(at: start) else { return nil }
        // Only blanks and a comment (after a blank) may follow: `'a': b` is a key.
        let blanks = skipSpaces(from: after)
        if blanks < count, bytes[blanks] == Self.hash, blanks == after { return nil }
        guard endOfLine(from: blanks) else { return nil }
        return YAMLNode.Scalar(string: text, style: bytes[start] == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted,
                               mark: mark)
    }

    /// The text of the quoted scalar at `start`, and the index after its closing quote.
    private func quoted(at start: Int) -> (String, after: Int)? {
        let quote = bytes[start]
        let isSingle = quote == UInt8(ascii: "'")
        var text: [UInt8] = []
        var index = start + 1
        while true {
            guard index < count, bytes[index] != Self.lineFeed else { return nil }
            let byte = bytes[index]
            if byte == quote {
                if isSingle, index + 1 < count, bytes[index + 1] == quote {
                    text.append(quote)
                    index += 2
                    continue
                }
                return (String(decoding: text, as: UTF8.self), index + 1)
            }
            if !isSingle, byte == UInt8(ascii: "\\") { return nil }
            text.append(byte)
            index += 1
        }
    }

    /// `[a, b c, 'd']` on one line: plain or quoted items (`enum: [BUILDING, COMPLETED]`);
    /// nesting, an empty or trailing item, a colon or a comment in it are libyaml's.
    private mutating func flowSequence(at start: Int, mark: YAMLMark) -> YAMLNode.Sequence? {
        var items: [YAMLNode] = []
        var index = skipSpaces(from: start + 1)
        if index < count, bytes[index] == UInt8(ascii: "]") {
            guard endOfLine(from: index + 1) else { return nil }
            return YAMLNode.Sequence(items: [], mark: mark)
        }
        while true {
            guard index < count else { return nil }
            let first = bytes[index], itemStart = index, itemMark = self.mark(at: index)
            var end = index
            if first == UInt8(ascii: "'") || first == UInt8(ascii: "\"") {
                guard let (text, after) = quoted(at: index) else { return nil }
                items.append(.scalar(YAMLNode.Scalar(string: text, style: first == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted,
                                                     mark: itemMark)))
                index = skipSpaces(from: after)
            } else {
                if Self.isIndicator(first) {
                    guard first == UInt8(ascii: "-"), !isBlankOrEnd(index + 1) else { return nil }
                }
                while index < count {
                    let byte = bytes[index]
                    if byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") { break }
                    switch byte {
                    case Self.lineFeed, Self.colon, Self.hash, UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "}"):
                        return nil
                    default:
                        if byte != Self.space { end = index + 1 }
                        index += 1
                    }
                }
                items.append(.scalar(YAMLNode.Scalar(string: string(itemStart, end), style: .plain,
                                                     mark: itemMark)))
            }
            guard index < count else { return nil }
            if bytes[index] == UInt8(ascii: "]") { break }
            guard bytes[index] == UInt8(ascii: ",") else { return nil }
            index = skipSpaces(from: index + 1)
            guard index < count, bytes[index] != UInt8(ascii: "]"), bytes[index] != UInt8(ascii: ",") else { return nil }
        }
        guard endOfLine(from: index + 1) else { return nil }
        return YAMLNode.Sequence(items: items, mark: mark)
    }

    /// `|` or `>`, optionally `-` or `+`, as libyaml's `yaml_parser_scan_block_scalar` reads
    /// it (indentation found from the first non-empty line, folding, chomping).
    private mutating func blockScalar(at start: Int, parentIndent: Int, mark: YAMLMark?) -> YAMLNode.Scalar? {
        let scalarMark = mark ?? self.mark(at: start)
        let isLiteral = bytes[start] == UInt8(ascii: "|")
        var index = start + 1
        var chomping = 0
        if index < count, bytes[index] == UInt8(ascii: "-") { chomping = -1; index += 1 }
        else if index < count, bytes[index] == UInt8(ascii: "+") { chomping = 1; index += 1 }
        let blanks = skipSpaces(from: index)
        if blanks < count, bytes[blanks] == Self.hash, blanks == index { return nil }
        guard endOfLine(from: blanks), position < count else { return nil }
        // `position` is now at the start of the first line after the header.

        var text: [UInt8] = []
        var indent = 0
        var trailingBreaks = 0
        var leadingBreak = false, leadingBlank = false
        var column = scanBreaks(indent: &indent, breaks: &trailingBreaks, parentIndent: parentIndent)
        while column == indent, position < count {
            let trailingBlank = bytes[position] == Self.space
            if !isLiteral, leadingBreak, !leadingBlank, !trailingBlank {
                if trailingBreaks == 0 { text.append(Self.space) }
            } else if leadingBreak {
                text.append(Self.lineFeed)
            }
            leadingBreak = false
            for _ in 0..<trailingBreaks { text.append(Self.lineFeed) }
            trailingBreaks = 0
            leadingBlank = bytes[position] == Self.space
            let end = lineEnd(from: position)
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[position..<end]))
            position = end
            if position < count {
                leadingBreak = true
                nextLine(after: position)
            }
            column = scanBreaks(indent: &indent, breaks: &trailingBreaks, parentIndent: parentIndent)
        }
        if chomping != -1, leadingBreak { text.append(Self.lineFeed) }
        if chomping == 1 { for _ in 0..<trailingBreaks { text.append(Self.lineFeed) } }
        // Back to the start of the line that ended the scalar (only spaces were eaten of it).
        position -= column
        lineStart = position
        return YAMLNode.Scalar(string: String(decoding: text, as: UTF8.self), style: isLiteral ? .literal : .folded,
                               mark: scalarMark)
    }

    /// libyaml's `yaml_parser_scan_block_scalar_breaks`: eats indentation and empty lines
    /// (counted in `breaks`), finds the indentation when it is not known yet, and returns the
    /// column reached on the next non-empty line (`position` is there).
    private mutating func scanBreaks(indent: inout Int, breaks: inout Int, parentIndent: Int) -> Int {
        var maxIndent = 0
        var column = 0
        while true {
            column = 0
            while (indent == 0 || column < indent), position < count, bytes[position] == Self.space {
                position += 1
                column += 1
            }
            maxIndent = max(maxIndent, column)
            guard position < count, bytes[position] == Self.lineFeed else { break }
            breaks += 1
            nextLine(after: position)
        }
        if indent == 0 { indent = max(maxIndent, parentIndent + 1, 1) }
        return column
    }

    // MARK: Bytes

    /// `-?:,[]{}#&*!|>'"%@` and backquote: what a plain key or value may not start with.
    private static func isIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
             UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
             UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            true
        default:
            false
        }
    }

    private func isBlankOrEnd(_ index: Int) -> Bool {
        index >= count || bytes[index] == Self.space || bytes[index] == Self.lineFeed
    }

    private func isEndOrComment(_ index: Int) -> Bool {
        index >= count || bytes[index] == Self.lineFeed || bytes[index] == Self.hash
    }

    private func skipSpaces(from index: Int) -> Int {
        var index = index
        while index < count, bytes[index] == Self.space { index += 1 }
        return index
    }

    /// The end of an anchor or alias name (libyaml: letters, digits, `_` and `-`), followed
    /// by a blank or the line's end; nil when empty or followed by anything else.
    private func nameEnd(from start: Int) -> Int? {
        var index = start
        while index < count {
            let byte = bytes[index]
            guard (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") else { break }
            index += 1
        }
        return index > start && isBlankOrEnd(index) ? index : nil
    }

    /// Whether only blanks and a comment are left on the line; if so, moves to the next line.
    private mutating func endOfLine(from index: Int) -> Bool {
        let rest = skipSpaces(from: index)
        guard isEndOrComment(rest) else { return false }
        if rest < count, bytes[rest] == Self.hash, rest == index, index > 0, bytes[index - 1] != Self.space { return false }
        skipLine(from: rest)
        return true
    }

    private func lineEnd(from index: Int) -> Int {
        guard index < count else { return count }
        let base = bytes.baseAddress! + index
        guard let found = memchr(base, Int32(Self.lineFeed), count - index) else { return count }
        return index + UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// Moves past the line feed at `lineFeed`.
    private mutating func nextLine(after lineFeed: Int) {
        position = lineFeed + 1
        lineStart = position
        line += 1
    }

    private mutating func skipLine(from index: Int) {
        let end = lineEnd(from: index)
        if end < count { nextLine(after: end) } else { position = count }
    }

    /// libyaml's mark of a byte of the current line: columns count Unicode scalars.
    private func mark(at index: Int) -> YAMLMark {
        var column = 1
        for offset in lineStart..<index where bytes[offset] & 0xC0 != 0x80 { column += 1 }
        return YAMLMark(line: line, column: column)
    }

    private func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}
