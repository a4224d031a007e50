import Foundation

/// Converts the inline markup of one run of text (a paragraph, a table cell, a title) from
/// reStructuredText to CommonMark. Works on UTF-8 bytes: all markup characters are ASCII.
struct RSTInline {
    /// The text's bytes, owned by the converter (`release()`): read through a buffer pointer,
    /// every access is a load (an array's each took a bounds check and its storage's retain
    /// kept this scan at ~30 instructions a byte).
    private let bytes: UnsafeBufferPointer<UInt8>
    /// Byte offset where each source line starts in `bytes`, with that line.
    private let lineStarts: [(offset: Int, line: RSTLine)]
    let context: any RSTInlineContext
    /// The Markdown written so far (a byte buffer: an array's appends were ~100 instructions each).
    private let output: ByteWriter
    private var atLineStart = true

    static func markdown(_ lines: [RSTLine], context: any RSTInlineContext) -> String {
        var converter = RSTInline(lines: lines, context: context)
        defer { converter.release() }
        converter.run()
        return converter.output.text(from: 0)
    }

    /// Escapes plain text for Markdown (used for text that has no RST markup, e.g. titles).
    static func escaped(_ text: String) -> String {
        var converter = RSTInline(lines: [], context: NullContext())
        defer { converter.release() }
        converter.emitText(text)
        return converter.output.text(from: 0)
    }

    private init(lines: [RSTLine], context: any RSTInlineContext) {
        // The lines' text without indentation or trailing spaces, joined by line feeds, written
        // straight into the buffer the converter owns.
        let capacity = lines.reduce(0) { $0 + $1.text.utf8.count + 1 }
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity, 1))
        var count = 0
        var starts: [(offset: Int, line: RSTLine)] = []
        starts.reserveCapacity(lines.count)
        for (position, line) in lines.enumerated() {
            if position > 0 { storage[count] = 0x0A; count += 1 }
            let content = line.dropping(line.indent)
            let start = count
            starts.append((start, content))
            // Copied at once from the text's storage (byte by byte for a bridged one).
            if content.text.utf8.withContiguousStorageIfAvailable({ text in
                guard let source = text.baseAddress else { return }
                (storage + count).initialize(from: source, count: text.count)
                count += text.count
            }) == nil {
                for byte in content.text.utf8 { storage[count] = byte; count += 1 }
            }
            while count > start, storage[count - 1] == 0x20 { count -= 1 }
        }
        self.bytes = UnsafeBufferPointer(start: storage, count: count)
        self.lineStarts = starts
        self.context = context
        output = ByteWriter(capacity: count + count / 8)
    }

    private func release() {
        // `bytes` starts where the allocation does (it may be shorter).
        bytes.baseAddress?.deallocate()
    }

    // MARK: Scanning

    private mutating func run() {
        var index = 0
        while index < bytes.count {
            index = step(at: index)
        }
        while output.last == 0x20 || output.last == 0x0A { output.removeLast() }
    }

    /// Handles the construct starting at `index`; returns the index after it.
    private mutating func step(at index: Int) -> Int {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "\\"):
            guard index + 1 < bytes.count else { return index + 1 }
            let next = bytes[index + 1]
            if next != 0x20 && next != 0x0A {
                emitPlain(next, previous: index > 0 ? bytes[index - 1] : nil,
                          next: index + 2 < bytes.count ? bytes[index + 2] : nil)
            }
            return index + 2
        case 0x0A:
            while output.last == 0x20 { output.removeLast() }
            output.append(0x0A)
            atLineStart = true
            var next = index + 1
            while next < bytes.count, bytes[next] == 0x20 { next += 1 }
            return next
        case UInt8(ascii: "`") where startAllowed(index):
            if let end = interpreted(at: index, role: nil) { return end }
        case UInt8(ascii: ":") where startAllowed(index):
            if let end = prefixedRole(at: index) { return end }
        case UInt8(ascii: "*") where startAllowed(index):
            if let end = emphasis(at: index) { return end }
        case UInt8(ascii: "|") where startAllowed(index):
            if let end = substitutionReference(at: index) { return end }
        case UInt8(ascii: "[") where startAllowed(index):
            if let end = footnoteReference(at: index) { return end }
        default:
            if isWordByte(byte), startAllowed(index) {
                if let end = standaloneURI(at: index) { return end }
                return word(at: index)
            }
        }
        emitPlain(byte, previous: index > 0 ? bytes[index - 1] : nil,
                  next: index + 1 < bytes.count ? bytes[index + 1] : nil)
        return index + 1
    }

    /// docutils' inline markup recognition: a start-string follows the start of the text,
    /// whitespace or opening punctuation.
    private func startAllowed(_ index: Int) -> Bool {
        guard index > 0 else { return true }
        let previous = bytes[index - 1]
        switch previous {
        case 0x20, 0x0A, UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "'"), UInt8(ascii: "\""),
             UInt8(ascii: "<"), UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"), 0x80...: return true
        default: return false
        }
    }

    /// An end-string is followed by the end of the text, whitespace or closing punctuation.
    private func endAllowed(_ index: Int) -> Bool {
        guard index < bytes.count else { return true }
        let next = bytes[index]
        switch next {
        case 0x20, 0x0A, UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: ";"),
             UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "'"), UInt8(ascii: "\""),
             UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ">"), 0x80...: return true
        default: return false
        }
    }

    @inline(__always)
    private func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// The end of `marker` (a byte string) from `from` on, not preceded by whitespace or a
    /// backslash and followed by an allowed character; returns the marker's start.
    private func find(_ marker: [UInt8], from: Int, contentStart: Int, escapes: Bool = true) -> Int? {
        var index = from
        while index + marker.count <= bytes.count {
            if escapes, bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
            if bytes[index] == marker[0], marker.count == 1 || bytes[index + 1] == marker[1],
               index > contentStart, bytes[index - 1] != 0x20, bytes[index - 1] != 0x0A {
                return index
            }
            index += 1
        }
        return nil
    }

    // MARK: Constructs

    private mutating func emphasis(at index: Int) -> Int? {
        let strong = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*")
        let marker: [UInt8] = strong ? [0x2A, 0x2A] : [0x2A]
        let start = index + marker.count
        guard start < bytes.count, bytes[start] != 0x20, bytes[start] != 0x0A else { return nil }
        var search = start
        while let end = find(marker, from: search, contentStart: start) {
            if endAllowed(end + marker.count), strong || bytes.count <= end + 1 || bytes[end + 1] != 0x2A {
                let delimiter = strong ? "**" : "*"
                emitRaw(delimiter)
                emitText(String(decoding: bytes[start..<end], as: UTF8.self), inline: true)
                emitRaw(delimiter)
                return end + marker.count
            }
            search = end + 1
        }
        return nil
    }

    /// ``literal``, `interpreted`, `reference`_, `anonymous`__, `text`:role:.
    private mutating func interpreted(at index: Int, role prefixRole: String?, roleStart: Int? = nil) -> Int? {
        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "`") {
            guard prefixRole == nil else { return nil }
            let start = index + 2
            var search = start
            while let end = find([0x60, 0x60], from: search, contentStart: start, escapes: false) {
                if endAllowed(end + 2) {
                    emitCode(bytes[start..<end])
                    return end + 2
                }
                search = end + 1
            }
            return nil
        }
        let start = index + 1
        guard start < bytes.count, bytes[start] != 0x20 else { return nil }
        var search = start
        while let end = find([0x60], from: search, contentStart: start) {
            var after = end + 1
            var kind = "interpreted"
            var suffixRole: String?
            if after < bytes.count, bytes[after] == UInt8(ascii: "_") {
                after += 1
                kind = "named"
                if after < bytes.count, bytes[after] == UInt8(ascii: "_") { after += 1; kind = "anonymous" }
            } else if after < bytes.count, bytes[after] == UInt8(ascii: ":"), let role = roleName(at: after) {
                suffixRole = role.name
                after = role.end
            }
            guard endAllowed(after) else { search = end + 1; continue }
            let content = unescaped(start, end)
            let from = roleStart ?? index
            let range = sourceRange(at: from, length: after - from)
            switch kind {
            case "named", "anonymous":
                reference(content, anonymous: kind == "anonymous", range: range)
            default:
                role(prefixRole ?? suffixRole, content, range: range)
            }
            return after
        }
        return nil
    }

    /// `:role:` directly followed by interpreted text.
    private mutating func prefixedRole(at index: Int) -> Int? {
        guard let role = roleName(at: index), role.end < bytes.count, bytes[role.end] == UInt8(ascii: "`") else {
            return nil
        }
        guard let end = interpreted(at: role.end, role: role.name, roleStart: index) else { return nil }
        return end
    }

    private func roleName(at index: Int) -> (name: String, end: Int)? {
        var cursor = index + 1
        while cursor < bytes.count, isWordByte(bytes[cursor]) || "-_.+:".utf8.contains(bytes[cursor]) {
            if bytes[cursor] == UInt8(ascii: ":") {
                let name = String(decoding: bytes[(index + 1)..<cursor], as: UTF8.self)
                // `py:func` style domain roles continue after an inner colon.
                if cursor + 1 < bytes.count, isWordByte(bytes[cursor + 1]) { cursor += 1; continue }
                return name.isEmpty ? nil : (name, cursor + 1)
            }
            cursor += 1
        }
        return nil
    }

    private mutating func substitutionReference(at index: Int) -> Int? {
        guard let end = find([0x7C], from: index + 1, contentStart: index + 1) else { return nil }
        var after = end + 1
        if after < bytes.count, bytes[after] == UInt8(ascii: "_") { after += 1 }
        if after < bytes.count, bytes[after] == UInt8(ascii: "_") { after += 1 }
        guard endAllowed(after) else { return nil }
        let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
        guard !name.contains("\n") else { return nil }
        if let text = context.substitution(name) {
            emitText(text)
        } else {
            context.unresolved("substitution '|\(name)|'", at: sourceRange(at: index, length: after - index))
            emitText(name)
        }
        return after
    }

    private mutating func footnoteReference(at index: Int) -> Int? {
        guard let close = bytes[index...].firstIndex(of: UInt8(ascii: "]")), close + 1 < bytes.count,
              bytes[close + 1] == UInt8(ascii: "_"), endAllowed(close + 2) else { return nil }
        let label = Array(bytes[(index + 1)..<close])
        guard !label.isEmpty, !label.contains(0x20), !label.contains(0x0A) else { return nil }
        context.unsupported("footnote reference", at: sourceRange(at: index, length: close + 2 - index))
        emitText("[" + String(decoding: label, as: UTF8.self) + "]")
        return close + 2
    }

    /// `https://...` written bare in text: a link in RST, an autolink in Markdown.
    private mutating func standaloneURI(at index: Int) -> Int? {
        // Cheap tests first: this runs at the start of every word (the scheme's first two
        // bytes rule out nearly all: "has", "for", "may"...).
        let scheme: String
        switch (bytes[index], index + 1 < bytes.count ? bytes[index + 1] : 0) {
        case (UInt8(ascii: "h"), UInt8(ascii: "t")):
            guard let http = ["https://", "http://"].first(where: { hasPrefix($0, at: index) }) else { return nil }
            scheme = http
        case (UInt8(ascii: "f"), UInt8(ascii: "t")) where hasPrefix("ftp://", at: index): scheme = "ftp://"
        case (UInt8(ascii: "m"), UInt8(ascii: "a")) where hasPrefix("mailto:", at: index): scheme = "mailto:"
        default: return nil
        }
        var end = index + scheme.utf8.count
        while end < bytes.count, bytes[end] > 0x20, !"<>\"`".utf8.contains(bytes[end]) { end += 1 }
        while end > index + scheme.utf8.count, ".,;:!?')".utf8.contains(bytes[end - 1]) {
            if bytes[end - 1] == UInt8(ascii: ")"), bytes[index..<end].contains(UInt8(ascii: "(")) { break }
            end -= 1
        }
        guard end > index + scheme.utf8.count else { return nil }
        let url = String(decoding: bytes[index..<end], as: UTF8.self)
        context.recordLink(url, at: sourceRange(at: index, length: end - index))
        emitRaw("<\(url)>")
        return end
    }

    /// A plain word; `word_` and `word__` are references when a target of that name exists.
    private mutating func word(at index: Int) -> Int {
        var end = index
        while end < bytes.count {
            let byte = bytes[end]
            if isWordByte(byte) || byte >= 0x80 { end += 1; continue }
            // Single inner punctuation keeps the word going (`os-hypervisors`, `a.b`).
            let joins = byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "+")
            if joins, end + 1 < bytes.count, isWordByte(bytes[end + 1]) { end += 1; continue }
            break
        }
        if end < bytes.count, bytes[end] == UInt8(ascii: "_") {
            var after = end + 1
            let anonymous = after < bytes.count && bytes[after] == UInt8(ascii: "_")
            if anonymous { after += 1 }
            let name = String(decoding: bytes[index..<end], as: UTF8.self)
            if endAllowed(after), anonymous || context.namedTarget(name) != nil {
                reference(name, anonymous: anonymous, range: sourceRange(at: index, length: after - index))
                return after
            }
        }
        if atLineStart || pendingDigits {
            // Its first bytes may open a list or a heading there.
            emitBytes(bytes[index..<end], previous: index > 0 ? bytes[index - 1] : nil, next: end < bytes.count ? bytes[end] : nil)
        } else {
            // Inside a line, no byte of a word is syntax: letters, digits, and single `-`, `_`,
            // `.`, `:` or `+` between them (an `_` between two is not emphasis).
            output.append(UnsafeBufferPointer(rebasing: bytes[index..<end]))
        }
        return end
    }

    // MARK: Output

    private func unescaped(_ from: Int, _ to: Int) -> String {
        var result: [UInt8] = []
        var index = from
        while index < to {
            if bytes[index] == UInt8(ascii: "\\"), index + 1 < to {
                result.append(bytes[index + 1])
                index += 2
            } else {
                result.append(bytes[index] == 0x0A ? 0x20 : bytes[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    mutating func emitRaw(_ text: String) {
        var text = text
        text.withUTF8 { output.append($0) }
        atLineStart = false
    }

    /// Plain text, escaped with each character's neighbours in view.
    mutating func emitText(_ text: String, inline: Bool = false, previous: UInt8? = nil, next: UInt8? = nil) {
        emitBytes(Array(text.utf8)[...], inline: inline, previous: previous, next: next)
    }

    private mutating func emitBytes<Text: RandomAccessCollection<UInt8>>(
        _ text: Text, inline: Bool = false, previous: UInt8? = nil, next: UInt8? = nil
    ) where Text.Index == Int {
        var position = text.startIndex
        while position < text.endIndex {
            let byte = text[position]
            emitPlain(byte == 0x0A ? 0x20 : byte, inline: inline,
                      previous: position > text.startIndex ? text[position - 1] : previous,
                      next: position + 1 < text.endIndex ? text[position + 1] : next)
            position += 1
        }
    }

    /// A code span: a backtick fence longer than any run inside, padded when needed. Written
    /// straight into the output (line breaks as spaces), without intermediate arrays.
    mutating func emitCode<Content: BidirectionalCollection>(_ content: Content) where Content.Element == UInt8 {
        var longest = 0, run = 0
        for byte in content {
            run = byte == 0x60 ? run + 1 : 0
            longest = max(longest, run)
        }
        let first = content.first.map { $0 == 0x0A ? 0x20 : $0 }, last = content.last.map { $0 == 0x0A ? 0x20 : $0 }
        let pad = first == 0x60 || last == 0x60 || (first == 0x20 && last == 0x20)
        output.append(UInt8(ascii: "`"), count: longest + 1)
        if pad { output.append(0x20) }
        for byte in content { output.append(byte == 0x0A ? 0x20 : byte) }
        if pad { output.append(0x20) }
        output.append(UInt8(ascii: "`"), count: longest + 1)
        atLineStart = false
    }

    /// One character of plain text, escaped where Markdown would read it as syntax (and only
    /// there, so the Markdown stays readable: `snake_case` keeps its underscores).
    @inline(__always)
    private mutating func emitPlain(_ byte: UInt8, inline: Bool = false, previous: UInt8?, next: UInt8?) {
        // Letters, digits and spaces inside a line are never syntax: most of the text.
        if !atLineStart, !pendingDigits, byte == 0x20 || byte >= 0x80 || isWordByte(byte) {
            output.append(byte)
            return
        }
        emitMarkupCandidate(byte, inline: inline, previous: previous, next: next)
    }

    private mutating func emitMarkupCandidate(_ byte: UInt8, inline: Bool, previous: UInt8?, next: UInt8?) {
        let endsToken = next == nil || next == 0x20 || next == 0x0A
        if atLineStart, !inline {
            atLineStart = false
            // What would start a heading, a list, a quote or a setext underline there.
            let marker: Bool
            switch byte {
            case UInt8(ascii: ">"): marker = true
            case UInt8(ascii: "#"): marker = endsToken || next == byte
            case UInt8(ascii: "-"), UInt8(ascii: "="): marker = endsToken || next == byte
            case UInt8(ascii: "+"): marker = endsToken
            default: marker = false
            }
            if marker {
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
                return
            }
            if byte >= 0x30 && byte <= 0x39 { pendingDigits = true }
        }
        atLineStart = false
        if pendingDigits {
            if byte >= 0x30 && byte <= 0x39 { output.append(byte); return }
            pendingDigits = false
            // `1.` or `1)` then a space, at the start of a line, would start an ordered list.
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ")"), endsToken { output.append(UInt8(ascii: "\\")) }
        }
        func isAlphanumeric(_ value: UInt8?) -> Bool {
            guard let value else { return false }
            return isWordByte(value) || value >= 0x80
        }
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "["), UInt8(ascii: "]"),
             UInt8(ascii: "<"):
            output.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "_") where !(isAlphanumeric(previous) && isAlphanumeric(next)):
            output.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "&") where next.map { isWordByte($0) || $0 == UInt8(ascii: "#") } ?? false:
            output.append(UInt8(ascii: "\\"))
        default:
            break
        }
        output.append(byte)
    }

    private var pendingDigits = false

    private func hasPrefix(_ prefix: String, at index: Int) -> Bool {
        var position = index
        for byte in prefix.utf8 {
            guard position < bytes.count, bytes[position] == byte else { return false }
            position += 1
        }
        return true
    }

    func sourceRange(at offset: Int, length: Int) -> SourceRange {
        var position = lineStarts.first
        for start in lineStarts where start.offset <= offset { position = start }
        guard let position else { return SourceRange(file: context.file, line: 1, column: 1) }
        let prefix = bytes[position.offset..<offset]
        let column = position.line.column + String(decoding: prefix, as: UTF8.self).unicodeScalars.count
        return SourceRange(file: context.file, line: position.line.number, column: column, length: max(1, length))
    }
}
