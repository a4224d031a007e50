import Foundation

/// An endpoint as read from its section, before parameter names are normalised and samples
/// are loaded (both need the whole tree).
struct RawEndpoint {
    struct ParameterItem {
        let name: String
        let key: String
        let keyRange: SourceRange
    }

    struct ParameterList {
        /// Nil when the list is in no `Request`/`Response` subsection.
        let direction: SampleDirection?
        /// Root-relative path of the parameters file named by the directive.
        let file: String
        let items: [ParameterItem]
    }

    struct Sample {
        let written: String
        /// Root-relative folder the written path is relative to.
        let base: String
        let range: SourceRange
        let direction: SampleDirection
        let caption: String?
    }

    let id: String
    let title: String
    let method: String
    let path: Located<String>
    let versions: VersionRange
    let minVersionRange: SourceRange?
    let maxVersionRange: SourceRange?
    let range: SourceRange
    var description: [String] = []
    var descriptionRange: SourceRange?
    var lists: [ParameterList] = []
    var samples: [Sample] = []
    var successCodes: [StatusCode] = []
    var errorCodes: [StatusCode] = []
}

/// `.. rest_method:: GET /servers/{server_id}` with its indented `min_version:` lines.
enum RestMethodParser {
    static func parse(_ directive: RSTDirective, id: String, title: String, file: String,
                      collector: DiagnosticCollector) -> RawEndpoint? {
        let markerRange = directive.marker.range(in: file, length: 2)
        guard let argument = directive.argument else {
            collector.report(BadValue.make("rest_method needs a method and a path", at: markerRange,
                                           help: "write `.. rest_method:: GET /path`"))
            return nil
        }
        let text = argument.trimmed
        let parts = text.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else {
            collector.report(BadValue.make("rest_method needs a method and a path, not '\(text)'",
                                           at: argument.range(in: file, length: text.count),
                                           help: "write `.. rest_method:: GET /path`"))
            return nil
        }
        let method = String(parts[0])
        let pathText = String(parts[1].trimmingSpaces())
        let pathColumn = argument.column + argument.indent + text.distance(from: text.startIndex, to: parts[1].startIndex)
        let path = Located(pathText, at: SourceRange(file: file, line: argument.number, column: pathColumn,
                                                     length: pathText.count))
        if !PageReader.methods.contains(method.uppercased()) {
            collector.report(BadValue.make("'\(method)' is not an HTTP method",
                                           at: argument.range(in: file, length: method.count),
                                           help: "use one of \(PageReader.methods.joined(separator: ", "))"))
        }
        if !pathText.hasPrefix("/") {
            collector.report(BadValue.make("path '\(pathText)' must start with '/'", at: path.range,
                                           help: "write the path from the API root, e.g. '/\(pathText)'"))
        }
        var low: Located<Microversion>?, high: Located<Microversion>?
        for line in directive.body where !line.isBlank {
            let content = line.trimmed
            for key in ["min_version", "max_version"] where content.hasBytePrefix(key + ":") {
                let valueText = content.dropFirst(key.count + 1)
                let value = valueText.trimmingSpaces()
                let unquoted = value.trimmingCharacters(in: ["\"", "'"])
                let column = line.column + line.indent + content.count - valueText.count + (valueText.count - valueText.drop { $0 == " " }.count)
                let range = SourceRange(file: file, line: line.number, column: column, length: value.count)
                guard let version = Microversion(unquoted) else {
                    collector.report(MalformedMicroversion.make(value: String(value), at: range))
                    continue
                }
                if key == "min_version" { low = Located(version, at: range) } else { high = Located(version, at: range) }
            }
        }
        if let low, let high, low.value > high.value {
            collector.report(InvertedRange.make(min: low, max: high, subject: "endpoint '\(method.uppercased()) \(pathText)'"))
        }
        return RawEndpoint(id: id, title: title, method: method.uppercased(), path: path,
                           versions: VersionRange(min: low?.value, max: high?.value),
                           minVersionRange: low?.range, maxVersionRange: high?.range, range: markerRange)
    }
}

/// `- display_name: definition_key` items of a `rest_parameters` directive, read the way
/// os-api-ref's YAML load sees them (the key ends at the first `: `).
enum RestParametersParser {
    static func items(_ directive: RSTDirective, file: String, collector: DiagnosticCollector) -> [RawEndpoint.ParameterItem] {
        var items: [RawEndpoint.ParameterItem] = []
        for line in directive.body where !line.isBlank {
            let content = line.trimmed
            if content.utf8.first == UInt8(ascii: "#") { continue }
            guard let item = item(content, line: line, file: file) else {
                collector.report(BadValue.make("parameter item must be `- display_name: definition_key`",
                                               at: line.range(in: file, length: content.count),
                                               help: "write it as `- name: definition_key`"))
                continue
            }
            items.append(item)
        }
        return items
    }

    /// `- name: key` (each optionally quoted, a ` #` comment after the key); nil when the line
    /// is not one, or its name or key is empty. Cut by byte offsets (every mark is ASCII, and
    /// no UTF-8 sequence holds an ASCII byte): through substrings an item took ~5,000
    /// instructions. Columns count characters, as everywhere.
    private static func item(_ content: Substring, line: RSTLine, file: String) -> RawEndpoint.ParameterItem? {
        func cut(_ bytes: UnsafeBufferPointer<UInt8>) -> (name: String, key: String, keyText: Range<Int>, isASCII: Bool)? {
            let space = UInt8(ascii: " ")
            guard bytes.count > 2, bytes[0] == UInt8(ascii: "-"), bytes[1] == space else { return nil }
            func trimmed(_ range: Range<Int>) -> Range<Int> {
                var (start, end) = (range.lowerBound, range.upperBound)
                while start < end, bytes[start] == space { start += 1 }
                while end > start, bytes[end - 1] == space { end -= 1 }
                return start..<end
            }
            func unquoted(_ range: Range<Int>) -> String {
                var range = trimmed(range)
                if range.count >= 2, bytes[range.lowerBound] == UInt8(ascii: "\"") || bytes[range.lowerBound] == UInt8(ascii: "'"),
                   bytes[range.upperBound - 1] == bytes[range.lowerBound] {
                    range = (range.lowerBound + 1)..<(range.upperBound - 1)
                }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            func first(_ a: UInt8, _ b: UInt8, in range: Range<Int>) -> Int? {
                var offset = range.lowerBound
                while offset + 1 < range.upperBound {
                    if bytes[offset] == a, bytes[offset + 1] == b { return offset }
                    offset += 1
                }
                return nil
            }
            guard let separator = first(UInt8(ascii: ":"), space, in: 0..<bytes.count) else { return nil }
            var key = trimmed((separator + 2)..<bytes.count)
            if let comment = first(space, UInt8(ascii: "#"), in: key) { key = trimmed(key.lowerBound..<comment) }
            let name = unquoted(2..<separator), keyText = unquoted(key)
            guard !name.isEmpty, !keyText.isEmpty else { return nil }
            return (name, keyText, key, !bytes.contains { $0 >= 0x80 })
        }
        let utf8 = content.utf8
        let found = utf8.withContiguousStorageIfAvailable(cut) ?? Array(utf8).withUnsafeBufferPointer(cut)
        guard let found else { return nil }
        // An ASCII line's byte offsets are its columns.
        var (offset, length) = (found.keyText.lowerBound, found.keyText.count)
        if !found.isASCII {
            let keyStart = utf8.index(utf8.startIndex, offsetBy: found.keyText.lowerBound)
            let keyEnd = utf8.index(utf8.startIndex, offsetBy: found.keyText.upperBound)
            (offset, length) = (content[..<keyStart].characterCount, content[keyStart..<keyEnd].characterCount)
        }
        return RawEndpoint.ParameterItem(
            name: found.name, key: found.key,
            keyRange: SourceRange(file: file, line: line.number, column: line.column + line.indent + offset, length: length))
    }
}

/// nova's `Normal response codes: 200, 202` and `Error response codes: badRequest(400), ...`
/// paragraphs: the codes become structured; a paragraph that does not parse stays prose.
enum ResponseCodeProse {
    enum Kind { case success, error }

    static func parse(_ lines: [RSTLine], file: String) -> (Kind, [StatusCode])? {
        // Cheap test first: this runs for every paragraph of every endpoint.
        guard let first = lines.first, let initial = first.trimmed.utf8.first,
              "NnEe".utf8.contains(initial) else { return nil }
        let text = lines.map { String($0.trimmed) }.joined(separator: " ")
        let kind: Kind
        let rest: Substring
        if let after = Self.afterCaseInsensitivePrefix("normal response codes:", of: text) {
            kind = .success
            rest = after
        } else if let after = Self.afterCaseInsensitivePrefix("error response codes:", of: text) {
            kind = .error
            rest = after
        } else {
            return nil
        }
        var codes: [StatusCode] = []
        let range = first.range(in: file, length: first.trimmed.characterCount)
        for item in splitItems(rest) {
            let trimmed = item.trimmingSpaces()
            if trimmed.isEmpty { continue }
            guard let code = code(in: trimmed) else { return nil }
            codes.append(StatusCode(code: code.value, reason: code.reason, range: range))
        }
        return codes.isEmpty ? nil : (kind, codes)
    }

    /// The text after `prefix` (lowercase ASCII), compared without case, or nil. By bytes: this
    /// runs for every paragraph that starts with N or E (Foundation's search bridged each one).
    private static func afterCaseInsensitivePrefix(_ prefix: String, of text: String) -> Substring? {
        let utf8 = text.utf8
        var index = utf8.startIndex
        for expected in prefix.utf8 {
            guard index < utf8.endIndex else { return nil }
            let byte = utf8[index]
            guard (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == expected else { return nil }
            index = utf8.index(after: index)
        }
        return text[index...]
    }

    /// Items split at commas outside parentheses (ASCII, found by byte).
    private static func splitItems(_ text: Substring) -> [Substring] {
        var items: [Substring] = []
        var depth = 0
        var start = text.startIndex
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            switch utf8[index] {
            case 0x28: depth += 1
            case 0x29: depth = max(0, depth - 1)
            case 0x2C where depth == 0:
                items.append(text[start..<index])
                start = utf8.index(after: index)
            default: break
            }
            index = utf8.index(after: index)
        }
        items.append(text[start...])
        return items
    }

    /// `200`, `200 (microversions 2.0 - 2.100)`, `badRequest(400)`, `itemNotFound (404)`. By
    /// bytes: the markup is ASCII, and stepping by characters was most of reading the codes.
    private static func code(in item: Substring) -> (value: Int, reason: String?)? {
        let utf8 = item.utf8
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        let digitsEnd = utf8.firstIndex { !isDigit($0) } ?? utf8.endIndex
        if utf8.distance(from: utf8.startIndex, to: digitsEnd) == 3,
           let value = Int(item[..<digitsEnd]), (100...599).contains(value) {
            let rest = item[digitsEnd...].trimmingSpaces()
            if rest.isEmpty { return (value, nil) }
            guard rest.utf8.first == UInt8(ascii: "("), rest.utf8.last == UInt8(ascii: ")") else { return nil }
            return (value, String(rest.dropFirst().dropLast().trimmingSpaces()))
        }
        guard let open = utf8.firstIndex(of: UInt8(ascii: "(")), utf8.last == UInt8(ascii: ")") else { return nil }
        let inner = item[utf8.index(after: open)..<utf8.index(before: utf8.endIndex)].trimmingSpaces()
        let name = item[..<open].trimmingSpaces()
        guard inner.utf8.count == 3, let value = Int(inner), (100...599).contains(value),
              name.utf8.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }) || name.allSatisfy({ $0.isLetter })
        else { return nil }
        return (value, nil)
    }
}
