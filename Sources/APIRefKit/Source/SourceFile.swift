import Foundation

/// A text file that was read, with an index of its line starts for excerpts and for turning
/// byte offsets into line:column positions.
public struct SourceFile: Sendable {
    /// Relative to the description root, `/` separated.
    public let path: String
    public let text: String
    /// UTF-8 offset of the first byte of each line.
    private let lineStarts: [Int]
    private let textKeyBox: Cached<TextKey>

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        textKeyBox = Cached()
        // Scanned in place: every file read passes here (nova: ~1,100 files, 2.5 MB).
        lineStarts = text.utf8.withContiguousStorageIfAvailable(Self.lineStartsFast) ?? Self.lineStarts(Array(text.utf8))
    }

    /// Most texts have no CR: their lines are found with `memchr` (vectorised) for LF alone.
    private static func lineStartsFast(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        guard let base = bytes.baseAddress, !bytes.isEmpty, memchr(base, 0x0D, bytes.count) == nil else {
            return lineStarts(bytes)
        }
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        var offset = 0
        while offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) {
            offset = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
            starts.append(offset)
        }
        return starts
    }

    private init(path: String, text: String, lineStarts: [Int], textKeyBox: Cached<TextKey>) {
        self.path = path
        self.text = text
        self.lineStarts = lineStarts
        self.textKeyBox = textKeyBox
    }

    /// The text as a cache key (hashed by bytes), made once per file: `serve` keys steps and
    /// pages by the files they read at every rebuild, and keeps unchanged files.
    var textKey: TextKey { textKeyBox.value { TextKey(text) } }

    /// The hash of `textKey`.
    var textHash: Int { textKey.hashValue }

    /// The same file (text and line index) at another path: the os-api-ref reader indexes a
    /// page's lines before it knows the root the page's path is relative to.
    public func at(path: String) -> SourceFile {
        SourceFile(path: path, text: text, lineStarts: lineStarts, textKeyBox: textKeyBox)
    }

    private static func lineStarts<Bytes: RandomAccessCollection>(_ bytes: Bytes) -> [Int]
        where Bytes.Element == UInt8, Bytes.Index == Int {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A {
                starts.append(index + 1 - bytes.startIndex)
            } else if byte == 0x0D {
                if index + 1 < bytes.endIndex, bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1 - bytes.startIndex)
            }
            index += 1
        }
        return starts
    }

    public var lineCount: Int { lineStarts.count }

    /// The text of 1-based line `number`, without its line ending; nil past the end.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[number - 1])
        let endOffset = number < lineStarts.count ? lineStarts[number] : utf8.count
        var end = utf8.index(utf8.startIndex, offsetBy: endOffset)
        while end > start {
            let previous = utf8.index(before: end)
            guard utf8[previous] == 0x0A || utf8[previous] == 0x0D else { break }
            end = previous
        }
        return Substring(text[start..<end])
    }

    /// The first byte of 1-based line `number` (its line ending, if it is empty); nil past the
    /// end or on an empty last line. Without making the line: scans that skip most lines.
    public func firstByte(ofLine number: Int) -> UInt8? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[number - 1])
        return start < utf8.endIndex ? utf8[start] : nil
    }

    /// Converts a 1-based byte column on a line (cmark's unit) to a scalar column (ours).
    public func scalarColumn(line number: Int, byteColumn: Int) -> Int {
        guard let text = line(number) else { return byteColumn }
        var scalars = 0
        var bytes = 0
        for scalar in text.unicodeScalars {
            if bytes >= byteColumn - 1 { break }
            bytes += String(scalar).utf8.count
            scalars += 1
        }
        return scalars + 1
    }
}
