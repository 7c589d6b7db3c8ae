import Foundation
import MibaraiCore
import MibaraiNode
import Mustache

/// Renders the pages: each `Resources/Templates/<area>/<name>.mustache` with its data, inside
/// `layout.mustache`. Every `{{value}}` is HTML-escaped by Mustache; the only unescaped insertion
/// is the rendered page into the layout (`{{{body}}}`).
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// The templates shipped with the program (its resource bundle).
    static func bundled() throws(NodeError) -> PageRenderer {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw .software(ja: "ウェブページのテンプレートが見つかりません。", en: "the web page's templates are missing.")
        }
        var library = MustacheLibrary()
        // Each page's template by its path under Templates/ (`reports/report`), partials at the top.
        let names = (FileManager.default.subpaths(atPath: folder.path) ?? [])
        for file in names.sorted() where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            guard let text = try? String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8) else {
                throw .software(ja: "テンプレートを読めません: \(file)", en: "cannot read the template \(file)")
            }
            do { try library.register(text, named: name) } catch {
                throw .software(ja: "テンプレートが不正です: \(file)", en: "the template \(file) does not parse")
            }
        }
        guard library.getTemplate(named: "layout") != nil else {
            throw .software(ja: "ウェブページのテンプレートが見つかりません。", en: "the web page's templates are missing.")
        }
        return PageRenderer(library: library)
    }

    func page(_ template: String, title: WebText.Key, session: WebSession, data: [String: Any], refresh: Bool = false) -> String {
        let lang = session.language
        var context = data
        context["t"] = WebText.table(lang)
        context["csrf"] = session.csrf
        let body = library.render(context, withTemplate: template) ?? ""
        let layout: [String: Any] = [
            "t": WebText.table(lang), "lang": lang.rawValue, "title": WebText.text(title, lang), "body": body,
            "signedIn": session.signedIn, "csrf": session.csrf, "refresh": refresh,
            "otherLang": lang == .ja ? "en" : "ja", "otherLangName": lang == .ja ? "English" : "日本語",
        ]
        return library.render(layout, withTemplate: "layout") ?? ""
    }
}
