extension StringProtocol where SubSequence == Substring {
    /// The parts between occurrences of an ASCII separator, found by walking UTF-8.
    ///
    /// `split(separator:)` on a `Character` runs grapheme breaking on every character; paths,
    /// dotted names and JSON pointers are split thousands of times per check, which made it
    /// a hot spot on nova. Differs from it only where the separator starts a grapheme
    /// cluster (`/` followed by a combining mark), which no path or name here relies on.
    func split(ascii separator: Unicode.Scalar, omittingEmptySubsequences: Bool = true) -> [Substring] {
        precondition(separator.isASCII, "split(ascii:) takes an ASCII separator")
        let byte = UInt8(separator.value)
        // Over the contiguous bytes when there are (native strings): the separators are
        // found by offset, and each part's bounds turned into indices as it is found.
        let whole = self[...]
        if let parts = utf8.withContiguousStorageIfAvailable({ bytes -> [Substring] in
            let base = whole.utf8.startIndex
            var parts: [Substring] = []
            // Sized once: grown part by part, a path's five parts took four reallocations.
            var separators = 0
            for value in bytes where value == byte { separators += 1 }
            parts.reserveCapacity(separators + 1)
            func add(_ start: Int, _ end: Int) {
                parts.append(whole[whole.utf8.index(base, offsetBy: start)..<whole.utf8.index(base, offsetBy: end)])
            }
            var start = 0
            for offset in 0..<bytes.count where bytes[offset] == byte {
                if !omittingEmptySubsequences || start != offset { add(start, offset) }
                start = offset + 1
            }
            if !omittingEmptySubsequences || start != bytes.count { add(start, bytes.count) }
            return parts
        }) {
            return parts
        }
        var parts: [Substring] = []
        var start = startIndex
        var index = startIndex
        let utf8 = self.utf8
        while index != endIndex {
            if utf8[index] == byte {
                if !omittingEmptySubsequences || start != index { parts.append(self[start..<index]) }
                index = utf8.index(after: index)
                start = index
            } else {
                index = utf8.index(after: index)
            }
        }
        if !omittingEmptySubsequences || start != endIndex { parts.append(self[start..<endIndex]) }
        return parts
    }

    /// The lines, without their endings, as cmark counts them: `\n`, `\r\n` and `\r` end a
    /// line. Walked by bytes (splitting on the `Character` "\n" breaks graphemes, and takes
    /// "\r\n", one grapheme, for no line end at all).
    func sourceLines() -> [Substring] {
        var lines: [Substring] = []
        let utf8 = self.utf8
        var start = startIndex
        var index = startIndex
        while index != endIndex {
            let byte = utf8[index]
            guard byte == 0x0A || byte == 0x0D else {
                index = utf8.index(after: index)
                continue
            }
            lines.append(self[start..<index])
            var next = utf8.index(after: index)
            if byte == 0x0D, next != endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
            index = next
            start = next
        }
        lines.append(self[start..<endIndex])
        return lines
    }
}

extension StringProtocol where SubSequence == Substring {
    /// Without leading and trailing blanks: tab and the Unicode space separators, the set
    /// Foundation calls `.whitespaces`, found without bridging (a hot spot in table cells).
    func trimmingWhitespace() -> Substring {
        trimmingScalars { $0 == " " || $0 == "\t" || (!$0.isASCII && $0.properties.generalCategory == .spaceSeparator) }
    }

    /// Without the scalars that `isTrimmed` accepts at either end (Foundation's
    /// `trimmingCharacters(in:)` without the bridging).
    func trimmingScalars(where isTrimmed: (Unicode.Scalar) -> Bool) -> Substring {
        let scalars = self[...].unicodeScalars
        guard let first = scalars.firstIndex(where: { !isTrimmed($0) }) else { return self[endIndex...] }
        let last = scalars.lastIndex(where: { !isTrimmed($0) })!
        return self[first...last]
    }
}

extension Substring {
    /// Without the bytes that `isTrimmed` accepts at either end, for ASCII ones (spaces, quotes):
    /// stepped by byte, and the text itself when there is nothing to trim.
    @inline(__always)
    func trimmingBytes(where isTrimmed: (UInt8) -> Bool) -> Substring {
        let utf8 = self.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex, isTrimmed(utf8[start]) { start = utf8.index(after: start) }
        var end = utf8.endIndex
        while end > start, isTrimmed(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
        // Most texts have nothing to trim: slicing at UTF-8 indices aligns them to scalars.
        if start == utf8.startIndex && end == utf8.endIndex { return self }
        return self[start..<end]
    }
}

extension StringProtocol {
    /// `hasPrefix` compared by UTF-8 bytes: no grapheme breaking, which `Substring.hasPrefix`
    /// runs on every character (RST lines are tested against directive markers by the
    /// thousand). Differs only where the text goes on with a combining mark after the prefix.
    func hasBytePrefix(_ prefix: String) -> Bool { utf8.starts(with: prefix.utf8) }
}

extension Substring {
    /// `hasSuffix` compared by UTF-8 bytes, for the same reason (`Substring.hasSuffix` walks
    /// characters backwards: ~900 instructions for a paragraph's `::`).
    func hasByteSuffix(_ suffix: String) -> Bool {
        let own = utf8, other = suffix.utf8
        var ownIndex = own.endIndex, otherIndex = other.endIndex
        while otherIndex > other.startIndex {
            guard ownIndex > own.startIndex else { return false }
            ownIndex = own.index(before: ownIndex)
            otherIndex = other.index(before: otherIndex)
            guard own[ownIndex] == other[otherIndex] else { return false }
        }
        return true
    }
}
