import CYaml

/// Why a YAML text did not compose: a syntax error, or a read limit it exceeds.
struct YAMLComposeError: Error {
    enum Kind: Equatable {
        case syntax
        /// Exceeds the read limit of that `--limit` name.
        case limit(String)
    }

    let kind: Kind
    let message: String
    /// Where the problem is; nil when libyaml gave no position.
    let mark: YAMLMark?
    /// What libyaml was reading when it failed, and where that starts ("flow sequence").
    var context: (what: String, mark: YAMLMark)? = nil
}

/// Composes one YAML document from libyaml's parse events, with an explicit stack.
///
/// Its own composer, not Yams', because the input is untrusted: Yams hashes and sorts mapping
/// keys with their whole alias expansion (`[*a x]: y` with nested aliases ran for hours) and
/// recurses once per nesting level. Here every limit is checked as the events arrive, before
/// anything large is built:
/// - nesting is bounded by `maxYAMLDepth`;
/// - each alias costs the nodes it repeats, and a file's aliases share `maxYAMLAliases` nodes
///   (`YAMLAliasBudget`; ten levels of ten aliases are 10^10 nodes, "billion laughs");
/// - keys must be scalars, and are compared by their text (a list or a mapping as a key is
///   refused: no description needs one).
/// An alias is the node it names, shared, so composing stays linear in the text.
enum YAMLComposer {
    /// `aliasBudget` is shared by the texts of one file.
    /// Plain block YAML (parameters files) is composed without libyaml (`YAMLBlockComposer`);
    /// `blockComposer: false` is for the tests that compare the two.
    static func compose(_ text: String, limits: ReadLimits, aliasBudget: YAMLAliasBudget? = nil,
                        blockComposer: Bool = true) throws(YAMLComposeError) -> YAMLNode {
        let aliasBudget = aliasBudget ?? YAMLAliasBudget(limit: limits.maxYAMLAliases)
        var contiguous = text
        let result = contiguous.withUTF8 { bytes -> Result<YAMLNode, YAMLComposeError> in
            if blockComposer, let node = YAMLBlockComposer.compose(bytes, limits: limits, aliasBudget: aliasBudget) {
                return .success(node)
            }
            var composer = EventComposer(limits: limits, aliasBudget: aliasBudget)
            return Result { () throws(YAMLComposeError) in try composer.run(bytes, text: text) }
        }
        return try result.get()
    }
}

/// Mappings up to this many keys are searched for a repeated key pair by pair; larger ones
/// keep a set (see `EventComposer.insertKey`; outside the private composer for tests).
enum EventComposerThreshold {
    static let keySet = 16
}

private struct EventComposer {
    struct Frame {
        let isMapping: Bool
        let mark: YAMLMark
        let anchor: String?
        var items: [YAMLNode] = []
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        var pendingKey: YAMLNode?
        /// The keys of `pairs`, once there are `EventComposerThreshold.keySet` (see `insertKey`).
        var keys: Set<String> = []
        /// Nodes this collection holds, counting each alias' repeated nodes.
        var size = 1
    }

    let limits: ReadLimits
    private var stack: [Frame] = []
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private let aliasBudget: YAMLAliasBudget
    private var root: YAMLNode?
    private var documents = 0

    init(limits: ReadLimits, aliasBudget: YAMLAliasBudget) {
        self.limits = limits
        self.aliasBudget = aliasBudget
    }

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>, text: String) throws(YAMLComposeError) -> YAMLNode {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        let event = UnsafeMutablePointer<yaml_event_t>.allocate(capacity: 1)
        defer {
            parser.deallocate()
            event.deallocate()
        }
        guard yaml_parser_initialize(parser) == 1 else {
            throw YAMLComposeError(kind: .syntax, message: "out of memory", mark: nil)
        }
        defer { yaml_parser_delete(parser) }
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, bytes.baseAddress ?? UnsafePointer(bitPattern: 1), bytes.count)
        while true {
            guard yaml_parser_parse(parser, event) == 1 else { throw parserError(parser.pointee, text: text) }
            defer { yaml_event_delete(event) }
            if try handle(event.pointee) { break }
        }
        return root ?? .emptyDocument
    }

    /// Takes one event; true at the end of the stream.
    private mutating func handle(_ event: yaml_event_t) throws(YAMLComposeError) -> Bool {
        let mark = Self.mark(event.start_mark)
        switch event.type {
        case YAML_STREAM_END_EVENT:
            return true
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents > 1 {
                throw YAMLComposeError(kind: .syntax, message: "a second YAML document starts here; the file holds one", mark: mark)
            }
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let string = String(decoding: UnsafeBufferPointer(start: data.value, count: data.length), as: UTF8.self)
            let scalar = YAMLNode.Scalar(string: string, style: Self.style(data.style), mark: mark)
            try add(.scalar(scalar), size: 1, anchor: Self.string(data.anchor), at: mark)
        case YAML_ALIAS_EVENT:
            let name = Self.string(event.data.alias.anchor) ?? ""
            guard let target = anchors[name] else {
                throw YAMLComposeError(kind: .syntax, message: "alias '*\(name)' names no anchor defined before it", mark: mark)
            }
            aliasBudget.remaining -= target.size
            guard aliasBudget.remaining >= 0 else {
                throw YAMLComposeError(kind: .limit("yaml-aliases"),
                                       message: "aliases repeat more than \(aliasBudget.limit) nodes", mark: mark)
            }
            try add(target.node, size: target.size, anchor: nil, at: mark)
        case YAML_SEQUENCE_START_EVENT:
            try open(isMapping: false, mark: mark, anchor: Self.string(event.data.sequence_start.anchor))
        case YAML_MAPPING_START_EVENT:
            try open(isMapping: true, mark: mark, anchor: Self.string(event.data.mapping_start.anchor))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { break }
            let node: YAMLNode = frame.isMapping
                ? .mapping(YAMLNode.Mapping(pairs: frame.pairs, mark: frame.mark))
                : .sequence(YAMLNode.Sequence(items: frame.items, mark: frame.mark))
            try add(node, size: frame.size, anchor: frame.anchor, at: frame.mark)
        default:
            break
        }
        return false
    }

    private mutating func open(isMapping: Bool, mark: YAMLMark, anchor: String?) throws(YAMLComposeError) {
        guard stack.count < limits.maxYAMLDepth else {
            throw YAMLComposeError(kind: .limit("yaml-depth"),
                                   message: "nesting deeper than \(limits.maxYAMLDepth) levels", mark: mark)
        }
        // Refused as it opens, before a key's contents are composed.
        if let parent = stack.last, parent.isMapping, parent.pendingKey == nil { throw Self.collectionKey(at: mark) }
        stack.append(Frame(isMapping: isMapping, mark: mark, anchor: anchor))
    }

    /// Puts a finished node into the collection being composed (or makes it the root); `mark`
    /// is where it appears (an alias', not the node's it names).
    private mutating func add(_ node: YAMLNode, size: Int, anchor: String?, at mark: YAMLMark) throws(YAMLComposeError) {
        if let anchor { anchors[anchor] = (node, size) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].size += size
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        guard let key = stack[top].pendingKey else {
            guard let scalar = node.scalar else { throw Self.collectionKey(at: mark) }
            guard Self.insertKey(scalar.string, into: &stack[top]) else {
                throw YAMLComposeError(kind: .syntax, message: "duplicate key '\(scalar.string)' in one mapping", mark: mark)
            }
            stack[top].pendingKey = node
            return
        }
        stack[top].pairs.append((key, node))
        stack[top].pendingKey = nil
    }

    // Most mappings are small (a definition's six keys): a set grown key by key cost ~1,300
    // instructions a key, a fifth of composing nova's parameters.
    /// Whether `key` is new in the mapping `frame` is composing (its earlier keys are in
    /// `pairs`, and in `keys` once there are `EventComposerThreshold.keySet`).
    private static func insertKey(_ key: String, into frame: inout Frame) -> Bool {
        if frame.pairs.count < EventComposerThreshold.keySet {
            for pair in frame.pairs where pair.key.scalar?.string == key { return false }
            return true
        }
        if frame.keys.isEmpty {
            frame.keys.reserveCapacity(frame.pairs.count * 2)
            for pair in frame.pairs { if let scalar = pair.key.scalar { frame.keys.insert(scalar.string) } }
        }
        return frame.keys.insert(key).inserted
    }

    private static func collectionKey(at mark: YAMLMark) -> YAMLComposeError {
        YAMLComposeError(kind: .syntax, message: "a list or mapping is used as a mapping key; keys are plain values", mark: mark)
    }

    private static func mark(_ mark: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }

    private static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private static func style(_ style: yaml_scalar_style_t) -> YAMLNode.ScalarStyle {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    /// libyaml's error, phrased as Yams phrased it ("problem context"), at its position.
    private func parserError(_ parser: yaml_parser_t, text: String) -> YAMLComposeError {
        let problem = parser.problem.map { String(cString: $0) } ?? "cannot read the YAML"
        // libyaml's own bound (1000 levels) can be met first: its scanner reads ahead.
        if problem.hasPrefix("Maximum nesting level") {
            return YAMLComposeError(kind: .limit("yaml-depth"), message: "nesting deeper than \(limits.maxYAMLDepth) levels",
                                    mark: Self.mark(parser.problem_mark))
        }
        let context = parser.context.map { String(cString: $0) }
        let message = context.map { "\(problem) \($0)" } ?? problem
        switch parser.error {
        case YAML_MEMORY_ERROR:
            return YAMLComposeError(kind: .syntax, message: "out of memory", mark: nil)
        case YAML_READER_ERROR:
            // Reader errors carry a byte offset, not a mark.
            return YAMLComposeError(kind: .syntax, message: message, mark: Self.markOfByte(parser.problem_offset, in: text))
        default:
            var error = YAMLComposeError(kind: .syntax, message: message, mark: Self.mark(parser.problem_mark))
            // "while parsing a flow sequence" -> the flow sequence, where it starts.
            if let context {
                var what = Substring(context)
                for prefix in ["while parsing ", "while scanning "] where what.hasPrefix(prefix) { what = what.dropFirst(prefix.count) }
                for article in ["a ", "an "] where what.hasPrefix(article) { what = what.dropFirst(article.count) }
                let start = Self.mark(parser.context_mark)
                if start != error.mark { error.context = (String(what), start) }
            }
            return error
        }
    }

    /// The libyaml mark of a byte offset: lines broken as libyaml breaks them (`YAMLLineMap`).
    private static func markOfByte(_ offset: Int, in text: String) -> YAMLMark {
        var line = 1, column = 1, consumed = 0
        var previous: Unicode.Scalar = "\0"
        for scalar in text.unicodeScalars {
            guard consumed < offset else { break }
            consumed += UTF8.width(scalar)
            switch scalar {
            case "\n" where previous == "\r": break
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}": line += 1; column = 1
            default: column += 1
            }
            previous = scalar
        }
        return YAMLMark(line: line, column: column)
    }
}
