/// UTF-8 output built from many small pieces (a page from its template, the search index),
/// appended at the end of one buffer that doubles when full. A `String` append re-checks the
/// string's storage, uniqueness, capacity and ASCII-ness each time (~300 instructions on nova,
/// 100,000 of them a build); here an append is a capacity check and a copy.
///
/// A class, so that the buffer has one owner and is freed once; it is not shared across
/// threads (each page job makes its own).
final class ByteWriter {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The bytes written so far.
    private(set) var count = 0

    init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written, copied out.
    var bytes: [UInt8] { bytes(from: 0) }

    /// The bytes written from byte `offset` on.
    func bytes(from offset: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: base + offset, count: count - offset))
    }

    /// The text written from byte `offset` on (an offset this writer gave as `count`, so at the
    /// start of a piece of whole UTF-8).
    func text(from offset: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + offset, count: count - offset), as: UTF8.self)
    }

    @inline(__always)
    private func reserve(_ more: Int) {
        guard count + more > capacity else { return }
        grow(to: count + more)
    }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    /// The last byte written.
    var last: UInt8? { count > 0 ? base[count - 1] : nil }

    /// Takes back the last byte written (trailing spaces).
    func removeLast() {
        precondition(count > 0, "removeLast on an empty ByteWriter")
        count -= 1
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// `byte`, `count` times (indentation).
    func append(_ byte: UInt8, count: Int) {
        guard count > 0 else { return }
        reserve(count)
        (base + self.count).initialize(repeating: byte, count: count)
        self.count += count
    }

    /// `value` in decimal, as `String(value)` writes it (line and column numbers).
    func append(decimal value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        var rest = value.magnitude
        var digits = 1, threshold: UInt = 10
        while digits < 20, rest >= threshold {
            digits += 1
            if digits < 20 { threshold *= 10 }
        }
        reserve(digits)
        var position = count + digits - 1
        repeat {
            base[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
            position -= 1
        } while rest > 0
        count += digits
    }

    @inline(__always)
    func append(literal: StaticString) {
        literal.withUTF8Buffer { append($0) }
    }

    @inline(__always)
    func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    @inline(__always)
    func append(_ text: Substring) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// `text` with `& < > " '` escaped: safe in element content and in quoted attributes.
    func appendEscapingHTML(_ text: String) {
        var text = text
        text.withUTF8 { appendEscapingHTML($0) }
    }

    /// UTF-8 `bytes` with `& < > " '` escaped (`HTML.replacement(for:)`); the runs between
    /// those bytes are copied whole. `HTML.escape` writes through here too.
    func appendEscapingHTML(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in bytes.indices {
            guard let replacement = HTML.replacement(for: bytes[index]) else { continue }
            append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            append(literal: replacement)
            runStart = index + 1
        }
        append(UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }
}
