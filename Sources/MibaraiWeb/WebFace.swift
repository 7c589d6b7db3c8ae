import Foundation
import Hummingbird
import Logging
import MibaraiCore
import MibaraiNode
import Synchronization

/// The shop owner's web page, served on the screening API's listener (`mibarai serve`,
/// `http://127.0.0.1:8722/`): server-rendered HTML in Japanese with an English switch, no script
/// but a small static file, every page behind a password.
///
/// The pages call the node's use cases (``Node``) and the server's ``OrderScreener``; they
/// render, they do no work of their own. Security (``WebGuard``): a session cookie after the
/// password (``WebSessions``, ``LoginThrottle``), a CSRF token on every form, the Host header
/// checked against the listener's names (DNS rebinding), and a Content-Security-Policy without
/// inline script.
public final class WebFace: Sendable {
    public struct Configuration: Sendable {
        /// The address the listener was told to use (`--api-host`).
        public var host: String
        /// True when the page is served over TLS: the session cookie is then `Secure`.
        public var secure: Bool
        /// Further names the page answers to in the Host header (those of its TLS certificate).
        public var hostNames: [String] = []
        /// How long a session lasts without a request.
        public var idleTimeout: Duration = .seconds(8 * 3600)
        /// Largest form accepted (the CSV upload has its own bound).
        public var maxFormBytes = 64 << 10
        /// Largest CSV upload.
        public var maxUploadBytes = 64 << 20

        public init(host: String, secure: Bool = false) {
            self.host = host
            self.secure = secure
        }
    }

    let node: Node
    let screener: OrderScreener
    let configuration: Configuration
    let renderer: PageRenderer
    let sessions: WebSessions
    let throttle: LoginThrottle
    let csvJobs = CSVJobs()
    let logger: Logger
    /// The port the listener is bound to, once known (the Host header must name it).
    private let port = Mutex<Int?>(nil)
    /// Asks the running gossip for the network's state (set when `serve` runs one).
    let network = Mutex<(@Sendable () async -> NetworkStatus)?>(nil)

    /// - Parameter node: the node, opened; its day is moved on per request.
    public init(node: Node, screener: OrderScreener, configuration: Configuration, logger: Logger) throws(NodeError) {
        self.node = node
        self.screener = screener
        self.configuration = configuration
        self.renderer = try PageRenderer.bundled()
        self.sessions = WebSessions(idleTimeout: configuration.idleTimeout)
        self.throttle = LoginThrottle()
        self.logger = logger
    }

    /// Tells the page which port the listener is bound to (after it started; port 0 picks one).
    public func listening(on port: Int) { self.port.withLock { $0 = port } }

    var boundPort: Int? { port.withLock { $0 } }

    /// Gives the home page a way to ask the running gossip how the network looks.
    public func watchNetwork(_ status: @escaping @Sendable () async -> NetworkStatus) { network.withLock { $0 = status } }

    /// The node as of today in Japan (a long-running server's day moves on).
    var today: Node { node.on(Node.todayInJapan()) }

    /// Adds the pages to the listener's router. The screening API's paths (`/v1/…`, `/metrics`)
    /// are not the page's: they keep their bearer token.
    public func addRoutes(to router: Router<BasicRequestContext>) {
        let pages = router.group("").add(middleware: WebGuard(face: self))
        addLogin(to: pages)
        addHome(to: pages)
        addCheck(to: pages)
        addReports(to: pages)
        addReviews(to: pages)
        addContacts(to: pages)
        addCases(to: pages)
        addCSV(to: pages)
        addSettings(to: pages)
        addStatic(to: pages)
    }

    /// Runs blocking work (SQLite, scrypt) on a thread of its own, never on the cooperative pool.
    func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws(NodeError) -> T) async throws(NodeError) -> T {
        let result: Result<T, NodeError> = await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                do throws(NodeError) { continuation.resume(returning: .success(try work())) } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        return try result.get()
    }
}
