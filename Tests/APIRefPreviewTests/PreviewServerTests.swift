import Foundation
import XCTest
@testable import APIRefKit
@testable import APIRefPreview

/// `serve` end to end: a server on a free loopback port over a temporary copy of the demo.
class PreviewServerTests: XCTestCase {
    /// Watch by polling instead of inotify (`PollingPreviewServerTests` runs every test so).
    class var polling: Bool { false }

    private var root: URL!
    private var session: PreviewSession!
    private var serverTask: Task<Void, Error>?
    private var watchTask: Task<Void, Never>?
    private var port = 0
    private let reports = ReportLog()

    final class ReportLog: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [RebuildReport] = []
        func append(_ report: RebuildReport) { lock.withLock { items.append(report) } }
        var all: [RebuildReport] { lock.withLock { items } }
    }

    private static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    override func setUp() async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("apiref-serve-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Self.packageRoot.appendingPathComponent("api-ref"), to: root)
        var configuration = PreviewConfiguration(input: root.path, pollInterval: .milliseconds(25), debounce: .milliseconds(25))
        configuration.polling = Self.polling
        session = PreviewSession(
            configuration: configuration,
            render: { model, memo in try SiteRenderer.render(model: model, memo: memo).files })
        let first = await session.rebuild()
        XCTAssertTrue(first.published, "the demo builds")
        let portBox = PortBox()
        let session = self.session!
        serverTask = Task {
            try await PreviewServer.run(session: session, host: "127.0.0.1", port: 0) { bound in portBox.set(bound) }
        }
        let reports = self.reports
        watchTask = Task { await session.watch { reports.append($0) } }
        port = try await portBox.wait()
    }

    override func tearDown() async throws {
        watchTask?.cancel()
        serverTask?.cancel()
        _ = await serverTask?.result
        try? FileManager.default.removeItem(at: root)
    }

    final class PortBox: @unchecked Sendable {
        private let lock = NSLock()
        private var port: Int?
        func set(_ value: Int) { lock.withLock { port = value } }
        func wait() async throws -> Int {
            for _ in 0..<400 {
                if let port = lock.withLock({ port }) { return port }
                try await Task.sleep(for: .milliseconds(25))
            }
            throw RawHTTPClient.ClientError("server did not start")
        }
    }

    private func get(_ path: String, method: String = "GET", headers: [String: String] = [:]) async throws -> RawHTTPClient.Response {
        let port = self.port
        return try await offPool { try RawHTTPClient.get(port: port, path, method: method, headers: headers) }
    }

    private func edit(_ path: String, _ transform: (String) -> String) throws {
        try editFile(root.appendingPathComponent(path), transform)
    }

    private func eventually(_ what: String, _ condition: () throws -> Bool) async throws {
        for _ in 0..<200 {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(25))
        }
        XCTFail("timed out waiting for \(what)")
    }

    func testServesPagesWithTypesETagsHEADAndNoListing() async throws {
        let index = try await get("/")
        XCTAssertEqual(index.status, 200)
        XCTAssertEqual(index.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(index.text.contains("EventSource('/__apiref/events')"), "reload client injected")
        XCTAssertFalse(index.text.contains("apiref-overlay"), "no overlay while clean")
        let etag = try XCTUnwrap(index.headers["etag"])
        let notModified = try await get("/", headers: ["If-None-Match": etag])
        XCTAssertEqual(notModified.status, 304)
        let head = try await get("/index.html", method: "HEAD")
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.headers["content-length"], index.headers["content-length"])
        let files = await session.storeFiles()
        let css = try XCTUnwrap(files.first { $0.hasSuffix(".css") })
        let stylesheet = try await get("/" + css)
        XCTAssertEqual(stylesheet.headers["content-type"], "text/css; charset=utf-8")
        let missing = try await get("/no-such-page.html")
        XCTAssertEqual(missing.status, 404)
        let post = try await get("/", method: "POST")
        XCTAssertEqual(post.status, 405)
    }

    func testTraversalAndEncodedTraversalAreRefused() async throws {
        for path in ["/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%2E%2E%5c..%5cetc/passwd",
                     "/assets/..%252f..%252fetc/passwd", "/./../index.html", "/%00index.html", "/..\\..\\etc\\passwd"] {
            let response = try await get(path)
            XCTAssertTrue([400, 404].contains(response.status), "\(path) gave \(response.status)")
            XCTAssertFalse(response.text.contains("root:"), path)
        }
    }

    func testEditReloadsAndErrorsShowInAnOverlayUntilFixed() async throws {
        let events = try RawHTTPClient(port: port, timeout: 10)
        try events.send("GET", "/__apiref/events")
        let headers = try await offPool { try events.readResponse(readBody: false) }
        XCTAssertEqual(headers.headers["content-type"], "text/event-stream")
        let initialData = try await offPool { try events.nextEventData() }
        let initial = try XCTUnwrap(Int(initialData))

        // 1. A prose edit: the reload event comes and the page shows the new text.
        let page = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("pages").path)
            .first { $0 == "flavors.md" })
        try edit("pages/\(page)") { $0 + "\nFreshly edited paragraph.\n" }
        let afterEditData = try await offPool { try events.nextEventData() }
        let afterEdit = try XCTUnwrap(Int(afterEditData))
        XCTAssertGreaterThan(afterEdit, initial)
        let files = await session.storeFiles()
        let flavorsPath = try XCTUnwrap(files.first { $0.contains("flavors") && $0.hasSuffix(".html") })
        let edited = try await get("/" + flavorsPath)
        XCTAssertTrue(edited.text.contains("Freshly edited paragraph."))

        // 2. An error: the old pages keep being served, with the problem in an overlay.
        try edit("parameters.yaml") { $0.replacingOccurrences(of: "  in: path\n", with: "  in: pathh\n", options: [], range: $0.range(of: "  in: path\n")) }
        let afterErrorData = try await offPool { try events.nextEventData() }
        let afterError = try XCTUnwrap(Int(afterErrorData))
        XCTAssertGreaterThan(afterError, afterEdit)
        let broken = try await get("/" + flavorsPath)
        XCTAssertEqual(broken.status, 200)
        XCTAssertTrue(broken.text.contains("Freshly edited paragraph."), "the last good page is still served")
        XCTAssertTrue(broken.text.contains("apiref-overlay"))
        XCTAssertTrue(broken.text.contains("AR005"))
        XCTAssertTrue(broken.text.contains("parameters.yaml:"), "the overlay says where")
        // The report is handed over after the reload event went out: wait for it.
        try await eventually("the failed rebuild is reported") { reports.all.last?.published == false }

        // 3. Fixed: the overlay goes away.
        try edit("parameters.yaml") { $0.replacingOccurrences(of: "  in: pathh\n", with: "  in: path\n") }
        _ = try await offPool { try events.nextEventData() }
        let fixed = try await get("/" + flavorsPath)
        XCTAssertFalse(fixed.text.contains("apiref-overlay"))
        try await eventually("the fixed rebuild is reported") { reports.all.last?.published == true }
    }
}

/// Runs blocking socket I/O on a Dispatch thread, keeping Swift's small cooperative pool
/// (2 threads on a 2-core machine) free for the server and the watcher.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
    }
}

extension PreviewSession {
    func storeFiles() async -> [String] {
        await store.site.files.keys.sorted()
    }
}

/// The same, with the polling watcher (`serve --poll`, and where inotify is unavailable).
/// (Linux's test discovery lists only the methods a class declares: the watch test is restated.)
final class PollingPreviewServerTests: PreviewServerTests {
    override class var polling: Bool { true }

    override func testEditReloadsAndErrorsShowInAnOverlayUntilFixed() async throws {
        try await super.testEditReloadsAndErrorsShowInAnOverlayUntilFixed()
    }
}
