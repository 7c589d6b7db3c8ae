import Foundation
import Hummingbird
import MibaraiCore
import MibaraiNode
import NIOCore

extension WebFace {
    /// `/settings` (the configuration file, read only, and where to change it) and `/guide`
    /// (the guide's topics, as `mibarai guide` prints them).
    func addSettings(to pages: RouterGroup<BasicRequestContext>) {
        pages.get("/settings") { request, _ -> Response in
            try await self.signedIn(request) { s in
                let url = self.node.directory.configurationURL
                let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
                return self.page("settings", title: .settingsTitle, session: s, data: [
                    "path": url.path, "text": text, "dataDir": self.node.directory.path, "nodeID": self.node.configuration.nodeID,
                ])
            }
        }
        pages.get("/guide") { request, _ -> Response in
            try await self.signedIn(request) { s in
                self.page("guide", title: .guideTitle, session: s, data: [
                    "topics": GuideTopic.allCases.map { t -> [String: Any] in
                        ["id": t.rawValue, "title": t.title.text(s.language),
                         "paragraphs": t.body.text(s.language).components(separatedBy: "\n\n")]
                    },
                ])
            }
        }
    }

    /// `/static/…`: the style sheet and the one script (printing), shipped with the program.
    func addStatic(to pages: RouterGroup<BasicRequestContext>) {
        for (name, type) in [("mibarai.css", "text/css; charset=utf-8"), ("mibarai.js", "text/javascript; charset=utf-8")] {
            let bytes = Bundle.module.url(forResource: "Static", withExtension: nil)
                .flatMap { try? Data(contentsOf: $0.appendingPathComponent(name)) } ?? Data()
            pages.get("/static/\(name)") { _, _ -> Response in
                Response(status: .ok, headers: [.contentType: type, .cacheControl: "max-age=3600"],
                         body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }
    }
}
