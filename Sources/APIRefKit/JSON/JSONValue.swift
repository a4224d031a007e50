/// A JSON value as read by `JSONReader`: the value itself plus where it is in the text.
///
/// Unlike Foundation's `JSONSerialization`, object members keep their source order, duplicate
/// keys are kept (so a checker can report them), and numbers keep the literal as written.
public struct JSONValue: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// Members in source order, duplicates kept.
        case object([JSONMember])
        case array([JSONValue])
        case string(String)
        case number(JSONNumber)
        case bool(Bool)
        case null
    }

    public let kind: Kind
    /// The whole value: a string's span covers its quotes, a container's span runs from the
    /// opening bracket to just past the closing one.
    public let span: TextSpan

    public init(kind: Kind, span: TextSpan) {
        self.kind = kind
        self.span = span
    }

    /// The JSON Schema name of the value's type: "object", "array", "string", "integer"
    /// (a number written without fraction or exponent), "number", "boolean" or "null".
    public var typeName: String {
        switch kind {
        case .object: "object"
        case .array: "array"
        case .string: "string"
        case .number(let number): number.isInteger ? "integer" : "number"
        case .bool: "boolean"
        case .null: "null"
        }
    }

    /// The value of the first member named `key`; nil if there is none or this is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = kind else { return nil }
        for member in members where member.key == key {
            return member.value
        }
        return nil
    }
}

/// One `"key": value` pair of a JSON object.
public struct JSONMember: Sendable, Hashable {
    public let key: String
    /// The key including its quotes.
    public let keySpan: TextSpan
    public let value: JSONValue

    public init(key: String, keySpan: TextSpan, value: JSONValue) {
        self.key = key
        self.keySpan = keySpan
        self.value = value
    }
}

/// A JSON number, kept as the literal that was written so nothing is lost to rounding.
public struct JSONNumber: Sendable, Hashable {
    /// The number as written, e.g. "-1.5e3".
    public let literal: String

    public init(literal: String) {
        self.literal = literal
    }

    /// True when the literal has no fraction and no exponent ("5", "-0"; not "5.0" or "1e3").
    public var isInteger: Bool {
        !literal.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The nearest `Double`, or nil when the literal is out of `Double`'s range (e.g. "1e400").
    public var doubleValue: Double? {
        guard let value = Double(literal), value.isFinite else { return nil }
        return value
    }
}

/// A JSON text that does not follow RFC 8259 (or exceeds the reader's nesting limit).
public struct JSONSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Short, lowercase, no trailing period, e.g. "expected ',' or '}' after object member".
    public let message: String
    /// The offending character, or the end of the input when the text is truncated.
    public let location: SourceLocation

    public init(message: String, location: SourceLocation) {
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message)" }
}
