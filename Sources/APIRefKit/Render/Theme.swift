import Foundation

/// The templates and static files a site is made with. Top-level `*.mustache` files are
/// templates (named without the extension, usable as partials); files under `assets/` are
/// copied to the site as they are. Anything else in a theme folder is ignored.
public struct Theme: Sendable {
    /// Relative path (`resource.mustache`, `assets/apiref.css`) -> content.
    public private(set) var files: [String: [UInt8]]

    /// One per kind of page; a theme without them cannot make a site.
    public static let pageTemplates = ["index", "resource", "history"]

    public init(files: [String: [UInt8]]) {
        self.files = files
    }

    /// The theme built into apiref (the repository's `templates/` folder, embedded).
    public static var builtIn: Theme {
        Theme(files: DefaultTheme.files.mapValues { Array($0.utf8) })
    }

    static func isThemeFile(_ path: String) -> Bool {
        let name = path.split(separator: "/").last ?? ""
        guard !name.hasPrefix(".") else { return false }
        if path.hasPrefix(SiteLayout.assetsFolder) { return true }
        return !path.contains("/") && path.hasSuffix(".mustache")
    }

    /// This theme with the files of `folder` replacing same-named ones (and adding new ones).
    public func overridden(byFolder folder: String,
                           fileSystem: any FileSystem = LocalFileSystem()) throws(RenderError) -> Theme {
        guard fileSystem.kind(at: folder) == .directory else {
            throw RenderError("templates folder '\(folder)' does not exist or is not a folder")
        }
        var result = self
        var pending = [""]
        var seen = 0
        while let current = pending.popLast() {
            let absolute = PathUtilities.join(folder, current)
            let names: [String]
            do { names = try fileSystem.contents(ofDirectory: absolute) } catch {
                throw RenderError("templates folder: \(error.description)")
            }
            for name in names where !name.hasPrefix(".") {
                let relative = PathUtilities.join(current, name)
                switch fileSystem.kind(at: PathUtilities.join(folder, relative)) {
                case .directory where relative == "assets" || relative.hasPrefix(SiteLayout.assetsFolder):
                    pending.append(relative)
                case .file where Self.isThemeFile(relative):
                    // A theme file is published as-is: a symlink must not smuggle a file from
                    // elsewhere on the machine into the site (or the preview server).
                    let absoluteFile = PathUtilities.join(folder, relative)
                    guard let realRoot = fileSystem.resolvedPath(folder), let real = fileSystem.resolvedPath(absoluteFile),
                          PathUtilities.isInside(real, root: realRoot) else {
                        throw RenderError("templates folder: '\(relative)' is a symlink leading outside '\(folder)'")
                    }
                    seen += 1
                    // A theme is small; a huge count means the wrong folder was given.
                    guard seen <= 2_000 else { throw RenderError("templates folder '\(folder)' holds too many files") }
                    do { result.files[relative] = try fileSystem.readFile(at: PathUtilities.join(folder, relative)) } catch {
                        throw RenderError("templates folder: \(error.description)")
                    }
                default:
                    continue
                }
            }
        }
        return result
    }

    var templateNames: [String] {
        files.keys.filter { !$0.contains("/") && $0.hasSuffix(".mustache") }.map { String($0.dropLast(9)) }.sorted()
    }

    var assets: [(path: String, bytes: [UInt8])] {
        files.filter { $0.key.hasPrefix(SiteLayout.assetsFolder) }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Parses every template and checks that the page templates and every partial they name
    /// exist (Mustache would render a missing partial as nothing).
    func library() throws(RenderError) -> TemplateLibrary {
        var templates: [String: Template] = [:]
        for name in templateNames {
            guard let bytes = files[name + ".mustache"] else { continue }
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw RenderError("template '\(name).mustache' is not valid UTF-8")
            }
            do {
                templates[name] = try Template(text)
            } catch {
                throw RenderError("template '\(name).mustache':\(error.line):\(error.column): \(error.message)")
            }
        }
        for name in Self.pageTemplates where templates[name] == nil {
            throw RenderError("the theme has no '\(name).mustache' template")
        }
        for (name, template) in templates.sorted(by: { $0.key < $1.key }) {
            for partial in template.partialNames where templates[partial] == nil {
                throw RenderError("template '\(name).mustache' uses partial '\(partial)', but there is no '\(partial).mustache'")
            }
        }
        return TemplateLibrary(templates: templates)
    }
}

/// Why a site could not be rendered: a broken theme, not a problem of the description.
public struct RenderError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
