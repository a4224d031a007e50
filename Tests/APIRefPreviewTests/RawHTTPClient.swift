#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A deliberately small HTTP/1.1 client over a raw socket: it sends paths exactly as written
/// (no normalisation of `..` or `%2e`), and can read a Server-Sent Events stream incrementally.
final class RawHTTPClient: @unchecked Sendable {
    struct Response {
        let status: Int
        let headers: [String: String]
        let body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    private let socketDescriptor: Int32
    private var buffer: [UInt8] = []

    init(port: Int, timeout: Double = 5) throws {
        socketDescriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketDescriptor >= 0 else { throw ClientError("socket failed") }
        var time = timeval(tv_sec: Int(timeout), tv_usec: .init((timeout - Double(Int(timeout))) * 1_000_000))
        setsockopt(socketDescriptor, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketDescriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(socketDescriptor); throw ClientError("connect to port \(port) failed") }
    }

    deinit { close(socketDescriptor) }

    struct ClientError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    func send(_ method: String, _ path: String, headers: [String: String] = [:]) throws {
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        let sent = bytes.withUnsafeBytes { Glibc.send(socketDescriptor, $0.baseAddress, bytes.count, 0) }
        guard sent == bytes.count else { throw ClientError("send failed") }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 16384)
        let count = recv(socketDescriptor, &chunk, chunk.count, 0)
        guard count > 0 else { throw ClientError(count == 0 ? "connection closed" : "receive timed out") }
        buffer += chunk[..<count]
    }

    private func readLine() throws -> String {
        while true {
            if let index = buffer.firstIndex(of: 0x0A) {
                let line = buffer[..<index]
                buffer.removeFirst(index + 1)
                return String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self)
            }
            try fill()
        }
    }

    private func read(count: Int) throws -> [UInt8] {
        while buffer.count < count { try fill() }
        let bytes = Array(buffer[..<count])
        buffer.removeFirst(count)
        return bytes
    }

    /// Reads the status line and headers; with `readBody`, a Content-Length or chunked body.
    func readResponse(method: String = "GET", readBody: Bool = true) throws -> Response {
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ")
        guard parts.count >= 2, let status = Int(parts[1]) else { throw ClientError("bad status line '\(statusLine)'") }
        var headers: [String: String] = [:]
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        guard readBody, method != "HEAD", status != 304 else { return Response(status: status, headers: headers, body: []) }
        if let length = headers["content-length"].flatMap(Int.init) {
            return Response(status: status, headers: headers, body: try read(count: length))
        }
        if headers["transfer-encoding"]?.contains("chunked") == true {
            var body: [UInt8] = []
            while true {
                let size = Int(try readLine().split(separator: ";")[0], radix: 16) ?? 0
                if size == 0 { _ = try readLine(); break }
                body += try read(count: size)
                _ = try readLine()
            }
            return Response(status: status, headers: headers, body: body)
        }
        return Response(status: status, headers: headers, body: [])
    }

    /// The next `data:` line of an event stream (chunked framing is skipped over).
    func nextEventData() throws -> String {
        while true {
            let line = try readLine()
            if line.hasPrefix("data: ") { return String(line.dropFirst(6)) }
        }
    }

    static func get(port: Int, _ path: String, method: String = "GET", headers: [String: String] = [:]) throws -> Response {
        let client = try RawHTTPClient(port: port)
        try client.send(method, path, headers: headers)
        return try client.readResponse(method: method)
    }
}
