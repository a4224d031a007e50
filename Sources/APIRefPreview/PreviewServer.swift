import APIRefKit
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The HTTP side of `apiref serve`: serves the in-memory site with correct content types,
/// ETag/304 and HEAD, streams reload events (Server-Sent Events) and injects the overlay.
/// No file system is involved, so no path can lead outside the site and there are no
/// directory listings.
struct PreviewResponder: HTTPResponder {
    let store: SiteStore

    func respond(to request: Request, context: BasicRequestContext) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return Response(status: .methodNotAllowed, headers: [.allow: "GET, HEAD"])
        }
        let rawPath = request.uri.path
        if rawPath == "/" + Overlay.eventsPath { return await events() }
        let site = await store.site
        guard let sitePath = SitePath.resolve(rawPath) else {
            return plain(.badRequest, "bad path\n", head: request.method == .head)
        }
        // `/pages/x` may mean `/pages/x.html` or the folder `/pages/x/`.
        let file = site.file(at: sitePath) ?? site.file(at: sitePath + ".html")
        guard let file else {
            if site.file(at: sitePath + "/index.html") != nil {
                return Response(status: .movedPermanently, headers: [.location: rawPath + "/"])
            }
            let page = Overlay.inject(into: Array("<!doctype html><title>Not found</title><body><h1>404</h1><p>No page at this address.</p></body>".utf8),
                                      problems: site.problems, generation: site.generation)
            return Response(status: .notFound, headers: [.contentType: "text/html; charset=utf-8", .contentLength: String(page.count)],
                            body: request.method == .head ? .init() : .init(byteBuffer: ByteBuffer(bytes: page)))
        }
        let isHTML = file.contentType.hasPrefix("text/html")
        // HTML carries the overlay, which depends on the build state: its validator does too.
        let etag = isHTML ? "\"\(file.etag.dropFirst().dropLast())-\(site.generation)\"" : file.etag
        var headers: HTTPFields = [.contentType: file.contentType, .eTag: etag, .cacheControl: "no-cache"]
        if let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: {
            $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*"
        }) {
            return Response(status: .notModified, headers: headers)
        }
        let path = site.file(at: sitePath) != nil ? sitePath : sitePath + ".html"
        // Prepared once per build by the store; when a newer build came meanwhile, made here.
        let bytes = isHTML ? await store.page(path, generation: site.generation)
            ?? Overlay.inject(into: file.bytes, problems: site.problems, generation: site.generation) : file.bytes
        headers[.contentLength] = String(bytes.count)
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers,
                        body: request.method == .head ? .init() : .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private func plain(_ status: HTTPResponse.Status, _ text: String, head: Bool) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8", .contentLength: String(text.utf8.count)],
                 body: head ? .init() : .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// One `data: <generation>` event now and after every published change.
    private func events() async -> Response {
        let (id, stream) = await store.subscribe()
        let store = self.store
        let body = ResponseBody { writer in
            defer { Task { await store.unsubscribe(id) } }
            try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
            for await generation in stream {
                try await writer.write(ByteBuffer(string: "data: \(generation)\n\n"))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: body)
    }
}

public enum PreviewServer {
    public struct BindError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs the server until the task is cancelled. `onRunning` receives the bound port (useful
    /// with port 0, which picks a free one).
    public static func run(session: PreviewSession, host: String, port: Int,
                           onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        var logger = Logger(label: "apiref.serve")
        logger.logLevel = .critical
        let app = Application(
            responder: PreviewResponder(store: session.store),
            configuration: .init(address: .hostname(host, port: port), serverName: "apiref"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
        do {
            try await app.run()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw BindError(description: "port \(port) on \(host) is already in use; choose another with --port")
        } catch let error as IOError {
            throw BindError(description: "cannot listen on \(host):\(port): \(error)")
        }
    }
}
