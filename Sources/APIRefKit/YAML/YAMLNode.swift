/// Where a YAML node starts: 1-based line and column as libyaml counts them (columns in
/// Unicode scalars, lines also broken at NEL, LS and PS; `YAMLLineMap` maps them to the file).
struct YAMLMark: Hashable, Sendable {
    let line: Int
    let column: Int
}

/// A composed YAML node: the readers' view of a YAML document (see `YAMLComposer`).
///
/// Tags are not resolved: the readers interpret scalars themselves (booleans, microversions),
/// so a scalar is its text and its style. An alias is the node it names, shared, not copied.
enum YAMLNode: Sendable {
    case scalar(Scalar)
    case mapping(Mapping)
    case sequence(Sequence)

    enum ScalarStyle: Sendable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    struct Scalar: Sendable {
        let string: String
        let style: ScalarStyle
        let mark: YAMLMark
    }

    /// Key-value pairs in document order; keys are unique scalars (the composer refuses others).
    struct Mapping: RandomAccessCollection, Sendable {
        let pairs: [(key: YAMLNode, value: YAMLNode)]
        let mark: YAMLMark

        var startIndex: Int { pairs.startIndex }
        var endIndex: Int { pairs.endIndex }
        subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) { pairs[position] }
    }

    struct Sequence: RandomAccessCollection, Sendable {
        let items: [YAMLNode]
        let mark: YAMLMark

        var startIndex: Int { items.startIndex }
        var endIndex: Int { items.endIndex }
        subscript(position: Int) -> YAMLNode { items[position] }
    }

    var scalar: Scalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    var sequence: Sequence? {
        if case .sequence(let sequence) = self { return sequence }
        return nil
    }

    var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(let sequence): sequence.mark
        }
    }

    /// The document of an empty text: an empty mapping, so that missing keys are reported.
    static let emptyDocument = YAMLNode.mapping(Mapping(pairs: [], mark: YAMLMark(line: 1, column: 1)))

    /// The node as one line of text: kinds, strings, styles and marks, recursively (to compare
    /// two composers: `YAMLBlockComposerTests`, the fuzz targets' invariants).
    var outline: String {
        switch self {
        case .scalar(let scalar):
            "\(scalar.mark.line):\(scalar.mark.column) \(scalar.style) \(scalar.string.debugDescription)"
        case .mapping(let mapping):
            "\(mapping.mark.line):\(mapping.mark.column) {"
                + mapping.map { "\($0.key.outline) = \($0.value.outline)" }.joined(separator: ", ") + "}"
        case .sequence(let sequence):
            "\(sequence.mark.line):\(sequence.mark.column) [" + sequence.map(\.outline).joined(separator: ", ") + "]"
        }
    }
}
