import Foundation
import Hummingbird
import MibaraiMembership
import NIOSSL

/// Reads the verified peer certificate of the TLS connection and puts the member it names on
/// the context. The handshake already refused anyone the gate does not admit; a request without
/// a usable certificate here is answered 403 and goes no further.
struct PeerMemberMiddleware: RouterMiddleware {
    typealias Context = FederationRequestContext
    let gate: MemberGateBox

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        guard let certificate = try? await context.channel.nioSSL_peerCertificate().get(),
              let der = try? certificate.toDERBytes(),
              let member = try? gate.admit(der: der, at: Date())
        else {
            return ScreeningServer.respond(error: .forbidden)
        }
        context.member = member
        return try await next(request, context)
    }
}
