import Hummingbird
import MibaraiMembership
import NIOCore

/// The request context of the federation listener: the connection's channel (for its TLS peer
/// certificate) and the member that certificate names, once `PeerMemberMiddleware` has read it.
public struct FederationRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public let channel: any Channel
    public var member: MemberCertificate?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
        member = nil
    }
}
