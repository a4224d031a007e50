/// A position in a text file. Lines and columns are 1-based; a column counts Unicode scalars
/// from the start of its line (the unit libyaml and rustc use), so non-ASCII text lines up.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A span in one file: `start` inclusive, `end` exclusive (both on lines of `file`).
/// `file` is the path relative to the description root, with `/` separators.
public struct SourceRange: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let start: SourceLocation
    public let end: SourceLocation

    public init(file: String, start: SourceLocation, end: SourceLocation) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// A range that covers `length` scalars on one line.
    public init(file: String, line: Int, column: Int, length: Int = 1) {
        self.init(file: file, start: SourceLocation(line: line, column: column),
                  end: SourceLocation(line: line, column: column + max(length, 1)))
    }

    /// The whole file, pointed at its first character: for problems that have no better place.
    public static func file(_ path: String) -> SourceRange {
        SourceRange(file: path, line: 1, column: 1)
    }

    public var description: String { "\(file):\(start)" }
}

/// A span inside a text before it is known which file it belongs to (the JSON reader works on
/// bare text; the caller attaches the file).
public struct TextSpan: Hashable, Sendable {
    public let start: SourceLocation
    public let end: SourceLocation

    public init(start: SourceLocation, end: SourceLocation) {
        self.start = start
        self.end = end
    }

    public func `in`(_ file: String) -> SourceRange {
        SourceRange(file: file, start: start, end: end)
    }
}
