/// A strict (RFC 8259) JSON reader that records where every value is.
///
/// Foundation's `JSONSerialization` gives no positions, loses key order and silently accepts
/// duplicate keys; this reader keeps all three. It reads UTF-8 bytes in one pass with an explicit
/// stack (no recursion, so deep input cannot overflow the call stack), computes line and column
/// lazily and incrementally (a column counts Unicode scalars), and builds strings straight from
/// byte slices, copying only when a string has escapes.
///
/// What is rejected: anything outside the JSON grammar (comments, trailing commas, single quotes,
/// leading zeros, `NaN`, ...), invalid escapes, lone UTF-16 surrogates, unescaped control
/// characters in strings, invalid UTF-8, a byte order mark, content after the value, and nesting
/// deeper than `maxDepth`. Duplicate keys are not an error here: they are kept, in order, for the
/// caller to report.
public enum JSONReader {
    /// The default limit on nested arrays and objects (`[]` alone is depth 1).
    public static let defaultMaxDepth = 64

    /// Parses a JSON text. Throws the first syntax error with its location.
    public static func parse(_ text: String, maxDepth: Int = JSONReader.defaultMaxDepth) throws(JSONSyntaxError) -> JSONValue {
        let result = text.utf8.withContiguousStorageIfAvailable { parse(buffer: $0, maxDepth: maxDepth) }
            ?? Array(text.utf8).withUnsafeBufferPointer { parse(buffer: $0, maxDepth: maxDepth) }
        return try result.get()
    }

    /// Parses a JSON text given as UTF-8 bytes. Throws the first syntax error with its location.
    public static func parse(_ bytes: [UInt8], maxDepth: Int = JSONReader.defaultMaxDepth) throws(JSONSyntaxError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { parse(buffer: $0, maxDepth: maxDepth) }.get()
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> Result<JSONValue, JSONSyntaxError> {
        var parser = JSONParser(bytes: buffer, maxDepth: maxDepth)
        do {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }
}

// MARK: - Parser

private enum ASCII {
    static let tab: UInt8 = 0x09
    static let newline: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let quote = UInt8(ascii: "\"")
    static let apostrophe = UInt8(ascii: "'")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+")
    static let dot = UInt8(ascii: ".")
    static let zero = UInt8(ascii: "0")
    static let nine = UInt8(ascii: "9")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
}

private struct JSONParser {
    /// An array or object whose closing bracket has not been seen yet.
    private struct Frame {
        let isObject: Bool
        let start: SourceLocation
        /// Where this container's finished children begin in `elements` or `members`.
        let base: Int
    }

    /// An object key whose value is being read.
    private struct PendingKey {
        let name: String
        let span: TextSpan
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let end: Int
    private let maxDepth: Int
    private var index = 0

    // Position tracking. Newlines only occur in whitespace, so `line` and `lineStart` change only
    // in `skipWhitespace`. Columns are computed on demand by counting non-continuation bytes from
    // the last computed position; requests move forward, so the total cost is linear.
    private var line = 1
    private var lineStart = 0
    private var columnIndex = 0
    private var column = 1

    /// Reused buffer for strings that contain escapes.
    private var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.end = bytes.count
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        if end >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw JSONSyntaxError(message: "file starts with a byte order mark", location: SourceLocation(line: 1, column: 1))
        }
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if index < end {
            throw unexpected("unexpected character after JSON value", valuePosition: false)
        }
        return value
    }

    // MARK: Values and containers

    /// Reads one value starting at `index` (whitespace already skipped), containers included,
    /// with an explicit stack of open containers.
    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        var frames: [Frame] = []
        var elements: [JSONValue] = []   // finished elements of all open arrays, innermost last
        var members: [JSONMember] = []   // finished members of all open objects, innermost last
        var keys: [PendingKey] = []      // one per open object: the key whose value is being read

        readValue: while true {
            guard index < end else { throw endOfInput() }
            let byte = bytes[index]
            var value: JSONValue
            switch byte {
            case ASCII.openBrace, ASCII.openBracket:
                let start = location(at: index)
                if frames.count >= maxDepth {
                    throw JSONSyntaxError(message: "nesting deeper than \(maxDepth) levels", location: start)
                }
                let isObject = byte == ASCII.openBrace
                index += 1
                skipWhitespace()
                if index < end, bytes[index] == (isObject ? ASCII.closeBrace : ASCII.closeBracket) {
                    index += 1
                    let span = TextSpan(start: start, end: location(at: index))
                    value = JSONValue(kind: isObject ? .object([]) : .array([]), span: span)
                } else {
                    frames.append(Frame(isObject: isObject, start: start, base: isObject ? members.count : elements.count))
                    if isObject {
                        keys.append(try parseKey(missing: "expected a string key or '}'"))
                    }
                    continue readValue
                }
            case ASCII.quote:
                let (string, span) = try parseString()
                value = JSONValue(kind: .string(string), span: span)
            case ASCII.minus, ASCII.zero...ASCII.nine:
                value = try parseNumber()
            default:
                value = try parseLiteral()
            }

            // Hand the finished value to its container; close every container that ends here.
            while let frame = frames.last {
                skipWhitespace()
                if frame.isObject {
                    let key = keys.removeLast()
                    members.append(JSONMember(key: key.name, keySpan: key.span, value: value))
                    guard index < end else { throw endOfInput() }
                    switch bytes[index] {
                    case ASCII.comma:
                        let comma = location(at: index)
                        index += 1
                        skipWhitespace()
                        if index < end, bytes[index] == ASCII.closeBrace {
                            throw JSONSyntaxError(message: "trailing comma before '}'", location: comma)
                        }
                        keys.append(try parseKey(missing: "expected a string key"))
                        continue readValue
                    case ASCII.closeBrace:
                        index += 1
                        let span = TextSpan(start: frame.start, end: location(at: index))
                        let object = Array(members[frame.base...])
                        members.removeSubrange(frame.base...)
                        frames.removeLast()
                        value = JSONValue(kind: .object(object), span: span)
                    default:
                        throw unexpected("expected ',' or '}' after object member", valuePosition: false)
                    }
                } else {
                    elements.append(value)
                    guard index < end else { throw endOfInput() }
                    switch bytes[index] {
                    case ASCII.comma:
                        let comma = location(at: index)
                        index += 1
                        skipWhitespace()
                        if index < end, bytes[index] == ASCII.closeBracket {
                            throw JSONSyntaxError(message: "trailing comma before ']'", location: comma)
                        }
                        continue readValue
                    case ASCII.closeBracket:
                        index += 1
                        let span = TextSpan(start: frame.start, end: location(at: index))
                        let array = Array(elements[frame.base...])
                        elements.removeSubrange(frame.base...)
                        frames.removeLast()
                        value = JSONValue(kind: .array(array), span: span)
                    default:
                        throw unexpected("expected ',' or ']' after array element", valuePosition: false)
                    }
                }
            }
            return value
        }
    }

    /// Reads `"key"`, the colon after it and the whitespace before the value.
    private mutating func parseKey(missing message: String) throws(JSONSyntaxError) -> PendingKey {
        guard index < end, bytes[index] == ASCII.quote else {
            throw unexpected(message, valuePosition: true)
        }
        let (name, span) = try parseString()
        skipWhitespace()
        guard index < end, bytes[index] == ASCII.colon else {
            throw unexpected("expected ':' after object key", valuePosition: false)
        }
        index += 1
        skipWhitespace()
        return PendingKey(name: name, span: span)
    }

    // MARK: Scalars

    /// Reads a string starting at its opening quote; the span covers both quotes.
    private mutating func parseString() throws(JSONSyntaxError) -> (String, TextSpan) {
        let quote = index
        let start = location(at: quote)
        var i = quote + 1

        // Fast path: no escapes, the string is a slice of the input.
        while i < end {
            let byte = bytes[i]
            if byte == ASCII.quote {
                let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[(quote + 1)..<i]), as: UTF8.self)
                index = i + 1
                return (string, TextSpan(start: start, end: location(at: index)))
            } else if byte == ASCII.backslash {
                break
            } else if byte < 0x20 {
                throw controlCharacter(byte, at: i)
            } else if byte < 0x80 {
                i += 1
            } else {
                i += try validUTF8Length(at: i)
            }
        }
        guard i < end else { throw endOfInput() }

        // Slow path: copy runs of plain bytes and decoded escapes into `scratch`.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(quote + 1)..<i]))
        while true {
            var run = i
            while run < end {
                let byte = bytes[run]
                if byte == ASCII.quote || byte == ASCII.backslash || byte < 0x20 { break }
                run += byte < 0x80 ? 1 : try validUTF8Length(at: run)
            }
            if run > i {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<run]))
                i = run
            }
            guard i < end else { throw endOfInput() }
            let byte = bytes[i]
            if byte == ASCII.quote {
                let string = String(decoding: scratch, as: UTF8.self)
                index = i + 1
                return (string, TextSpan(start: start, end: location(at: index)))
            } else if byte == ASCII.backslash {
                i = try parseEscape(at: i)
            } else {
                throw controlCharacter(byte, at: i)
            }
        }
    }

    /// Decodes the escape whose backslash is at `backslash` into `scratch`; returns the index
    /// just past it.
    private mutating func parseEscape(at backslash: Int) throws(JSONSyntaxError) -> Int {
        guard backslash + 1 < end else { throw endOfInput() }
        let letter = bytes[backslash + 1]
        switch letter {
        case ASCII.quote, ASCII.backslash, ASCII.slash: scratch.append(letter)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try hex4(at: backslash + 2, escape: backslash)
            switch unit {
            case 0xD800...0xDBFF:
                let low = backslash + 6
                if low + 1 < end, bytes[low] == ASCII.backslash, bytes[low + 1] == UInt8(ascii: "u") {
                    let next = try hex4(at: low + 2, escape: low)
                    if (0xDC00...0xDFFF).contains(next) {
                        let scalar = 0x10000 + ((unit - 0xD800) << 10) + (next - 0xDC00)
                        appendUTF8(scalar)
                        return low + 6
                    }
                } else if low + 1 >= end, low >= end || bytes[low] == ASCII.backslash {
                    throw endOfInput()   // the input stops where the low surrogate would be
                }
                throw loneSurrogate(unit, at: backslash)
            case 0xDC00...0xDFFF:
                throw loneSurrogate(unit, at: backslash)
            default:
                appendUTF8(unit)
            }
            return backslash + 6
        default:
            let shown = letter >= 0x21 && letter < 0x7F ? "'\\\(Character(Unicode.Scalar(letter)))'" : "sequence"
            throw JSONSyntaxError(message: "invalid escape \(shown) in string", location: location(at: backslash))
        }
        return backslash + 2
    }

    /// The value of the four hex digits at `start`, part of the `\u` escape at `escape`.
    private mutating func hex4(at start: Int, escape: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for i in start..<(start + 4) {
            guard i < end else { throw endOfInput() }
            let byte = bytes[i]
            let digit: UInt8
            switch byte {
            case ASCII.zero...ASCII.nine: digit = byte - ASCII.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw JSONSyntaxError(message: "invalid escape '\\u', expected four hex digits", location: location(at: escape))
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(0xC0 | UInt8(scalar >> 6))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(0xE0 | UInt8(scalar >> 12))
            scratch.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        default:
            scratch.append(0xF0 | UInt8(scalar >> 18))
            scratch.append(0x80 | UInt8((scalar >> 12) & 0x3F))
            scratch.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            scratch.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    /// Reads `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let first = index
        var i = index
        if bytes[i] == ASCII.minus { i += 1 }
        guard i < end else { throw endOfInput() }
        if bytes[i] == ASCII.zero {
            i += 1
            if i < end, isDigit(bytes[i]) {
                throw JSONSyntaxError(message: "leading zeros are not allowed", location: location(at: i - 1))
            }
        } else if isDigit(bytes[i]) {
            i = skipDigits(from: i)
        } else {
            index = i
            throw unexpected("expected a digit after '-'", valuePosition: false)
        }
        if i < end, bytes[i] == ASCII.dot {
            i += 1
            guard i < end else { throw endOfInput() }
            guard isDigit(bytes[i]) else {
                index = i
                throw unexpected("expected a digit after '.'", valuePosition: false)
            }
            i = skipDigits(from: i)
        }
        if i < end, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            if i < end, bytes[i] == ASCII.plus || bytes[i] == ASCII.minus { i += 1 }
            guard i < end else { throw endOfInput() }
            guard isDigit(bytes[i]) else {
                index = i
                throw unexpected("expected a digit in exponent", valuePosition: false)
            }
            i = skipDigits(from: i)
        }
        let literal = String(decoding: UnsafeBufferPointer(rebasing: bytes[first..<i]), as: UTF8.self)
        let start = location(at: first)
        index = i
        return JSONValue(kind: .number(JSONNumber(literal: literal)), span: TextSpan(start: start, end: location(at: i)))
    }

    /// Reads `true`, `false` or `null`; any other word (`NaN`, `True`, `undefined`, ...) or
    /// character is an error.
    private mutating func parseLiteral() throws(JSONSyntaxError) -> JSONValue {
        let first = index
        var i = index
        while i < end, isWordByte(bytes[i]) { i += 1 }
        guard i > first else { throw unexpected("expected a value", valuePosition: true) }
        let word = UnsafeBufferPointer(rebasing: bytes[first..<i])
        let kind: JSONValue.Kind
        if word.elementsEqual("true".utf8) {
            kind = .bool(true)
        } else if word.elementsEqual("false".utf8) {
            kind = .bool(false)
        } else if word.elementsEqual("null".utf8) {
            kind = .null
        } else {
            if i == end, ["true", "false", "null"].contains(where: { $0.utf8.starts(with: word) }) {
                index = end
                throw endOfInput()
            }
            let shown = String(decoding: word.prefix(32), as: UTF8.self) + (word.count > 32 ? "..." : "")
            throw JSONSyntaxError(message: "invalid literal '\(shown)'", location: location(at: first))
        }
        let start = location(at: first)
        index = i
        return JSONValue(kind: kind, span: TextSpan(start: start, end: location(at: i)))
    }

    // MARK: Bytes

    private mutating func skipWhitespace() {
        while index < end {
            switch bytes[index] {
            case ASCII.space, ASCII.tab:
                index += 1
            case ASCII.newline:
                index += 1
                startLine()
            case ASCII.carriageReturn:
                index += 1
                if index < end, bytes[index] == ASCII.newline { index += 1 }
                startLine()
            default:
                return
            }
        }
    }

    private mutating func startLine() {
        line += 1
        lineStart = index
        columnIndex = index
        column = 1
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool {
        byte &- ASCII.zero < 10
    }

    @inline(__always)
    private func skipDigits(from start: Int) -> Int {
        var i = start
        while i < end, isDigit(bytes[i]) { i += 1 }
        return i
    }

    private func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             ASCII.zero...ASCII.nine, UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    /// The length of the well-formed UTF-8 sequence starting at `i` (a byte >= 0x80), or an
    /// error located at that byte.
    private mutating func validUTF8Length(at i: Int) throws(JSONSyntaxError) -> Int {
        let length = utf8Length(at: i)
        if length == 0 { throw invalidUTF8(at: i) }
        return length
    }

    /// The length of the well-formed UTF-8 sequence at `i` (Unicode table 3-7), 0 if ill-formed.
    private func utf8Length(at i: Int) -> Int {
        @inline(__always)
        func continuation(_ offset: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool {
            i + offset < end && bytes[i + offset] >= low && bytes[i + offset] <= high
        }
        switch bytes[i] {
        case 0x00...0x7F:
            return 1
        case 0xC2...0xDF:
            return continuation(1) ? 2 : 0
        case 0xE0:
            return continuation(1, 0xA0) && continuation(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF:
            return continuation(1) && continuation(2) ? 3 : 0
        case 0xED:
            return continuation(1, 0x80, 0x9F) && continuation(2) ? 3 : 0
        case 0xF0:
            return continuation(1, 0x90) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF1...0xF3:
            return continuation(1) && continuation(2) && continuation(3) ? 4 : 0
        case 0xF4:
            return continuation(1, 0x80, 0x8F) && continuation(2) && continuation(3) ? 4 : 0
        default:
            return 0
        }
    }

    // MARK: Locations and errors

    /// The line and column of byte `i`, which must be on the current line.
    private mutating func location(at i: Int) -> SourceLocation {
        if i < columnIndex {
            columnIndex = lineStart
            column = 1
        }
        var k = columnIndex
        var c = column
        while k < i {
            if bytes[k] & 0xC0 != 0x80 { c += 1 }
            k += 1
        }
        columnIndex = i
        column = c
        return SourceLocation(line: line, column: c)
    }

    private mutating func endOfInput() -> JSONSyntaxError {
        JSONSyntaxError(message: "unexpected end of input", location: location(at: end))
    }

    /// An error at `index` for something that is not what the grammar allows there. End of
    /// input, invalid UTF-8, comments and (where a value or key belongs) single quotes get
    /// messages of their own.
    private mutating func unexpected(_ message: String, valuePosition: Bool) -> JSONSyntaxError {
        guard index < end else { return endOfInput() }
        let byte = bytes[index]
        if byte >= 0x80, utf8Length(at: index) == 0 {
            return invalidUTF8(at: index)
        }
        let text: String
        switch byte {
        case ASCII.slash: text = "comments are not allowed in JSON"
        case ASCII.apostrophe where valuePosition: text = "strings must use double quotes"
        default: text = message
        }
        return JSONSyntaxError(message: text, location: location(at: index))
    }

    private mutating func invalidUTF8(at i: Int) -> JSONSyntaxError {
        let byte = bytes[i]
        let message: String
        if (0x80...0xC1).contains(byte) || byte >= 0xF5 {
            message = "invalid UTF-8 byte 0x\(hex(UInt32(byte), digits: 2))"
        } else {
            message = "invalid UTF-8 sequence"
        }
        return JSONSyntaxError(message: message, location: location(at: i))
    }

    private mutating func controlCharacter(_ byte: UInt8, at i: Int) -> JSONSyntaxError {
        JSONSyntaxError(message: "unescaped control character U+\(hex(UInt32(byte), digits: 4)) in string",
                        location: location(at: i))
    }

    private mutating func loneSurrogate(_ unit: UInt32, at i: Int) -> JSONSyntaxError {
        JSONSyntaxError(message: "lone surrogate '\\u\(hex(unit, digits: 4))' in string", location: location(at: i))
    }

    private func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
