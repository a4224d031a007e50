import APIRefKit
import Foundation

/// What the preview adds to every HTML page it serves: the live-reload client and, while the
/// last build has problems, an overlay listing them. It is put into the served HTML itself, so
/// the overlay shows even where the reload script does not run.
enum Overlay {
    static let eventsPath = "__apiref/events"

    static func inject(into html: [UInt8], problems: [PreviewProblem], generation: Int) -> [UInt8] {
        inject(addition(problems: problems, generation: generation), into: html)
    }

    /// The reload client and, when there are problems, the overlay: made once per build.
    static func addition(problems: [PreviewProblem], generation: Int) -> [UInt8] {
        var addition = script(generation: generation)
        if !problems.isEmpty { addition += panel(problems) }
        return Array(addition.utf8)
    }

    /// `addition` put before the last `</body>` (or at the end), working on bytes: every page
    /// of a big site gets it on every rebuild.
    static func inject(_ addition: [UInt8], into html: [UInt8]) -> [UInt8] {
        let marker = Array("</body>".utf8)
        var position = html.count - marker.count
        while position >= 0, !html[position..<position + marker.count].elementsEqual(marker) { position -= 1 }
        guard position >= 0 else { return html + addition }
        var result: [UInt8] = []
        result.reserveCapacity(html.count + addition.count)
        result += html[..<position]
        result += addition
        result += html[position...]
        return result
    }

    private static func script(generation: Int) -> String {
        """
        <script>/* apiref serve: live reload */(function(){var g=\(generation);\
        function connect(){var s=new EventSource('/\(eventsPath)');\
        s.onmessage=function(e){if(String(e.data)!==String(g)){location.reload();}};\
        s.onerror=function(){s.close();setTimeout(connect,1000);};}connect();})();</script>
        """
    }

    private static func panel(_ problems: [PreviewProblem]) -> String {
        let errors = problems.filter { $0.severity == "error" }.count
        let summary = errors > 0 ? "\(errors) error\(errors == 1 ? "" : "s"): showing the last good build"
            : "\(problems.count) warning\(problems.count == 1 ? "" : "s")"
        var html = """
        <div id="apiref-overlay" role="alert" style="position:fixed;left:0;right:0;bottom:0;max-height:45vh;overflow:auto;\
        z-index:2147483647;margin:0;padding:12px 16px;background:#1b1b1f;color:#f4f4f5;\
        font:13px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;border-top:3px solid \(errors > 0 ? "#ef4444" : "#f59e0b");\
        box-shadow:0 -8px 24px rgba(0,0,0,.35)"><strong>apiref: \(escape(summary))</strong>\
        <button onclick="this.parentNode.style.display='none'" style="float:right;background:none;color:inherit;\
        border:1px solid #52525b;border-radius:4px;cursor:pointer">hide</button><ul style="margin:8px 0 0;padding:0;list-style:none">
        """
        for problem in problems.prefix(200) {
            let colour = problem.severity == "error" ? "#f87171" : "#fbbf24"
            html += "<li class=\"apiref-problem\" style=\"margin:4px 0\"><span style=\"color:\(colour)\">\(escape(problem.severity))[\(escape(problem.code))]</span> "
                + "<span style=\"color:#a1a1aa\">\(escape(problem.location))</span> \(escape(problem.message))</li>"
        }
        if problems.count > 200 { html += "<li>… and \(problems.count - 200) more (see the terminal)</li>" }
        return html + "</ul></div>"
    }

    static func escape(_ text: String) -> String { HTML.escape(text) }
}
