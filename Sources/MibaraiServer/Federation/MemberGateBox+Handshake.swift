import Foundation
import Logging
import MibaraiMembership
import NIOSSL

extension MemberGateBox {
    /// The check every TLS handshake of this node makes, on both listeners and on its dials: the
    /// leaf certificate the peer presented, through the gate. A refusal is logged as `refusal`
    /// with its reason (a fixed text naming the check that failed); a peer without a readable
    /// certificate is refused without a log line.
    func admit(presented certificates: [NIOSSLCertificate], logger: Logger, refusal: Logger.Message) -> MemberCertificate? {
        guard let leaf = certificates.first, let der = try? leaf.toDERBytes() else { return nil }
        do throws(MembershipError) {
            return try admit(der: der, at: Date())
        } catch {
            logger.notice(refusal, metadata: ["reason": "\(error.message.en)"])
            return nil
        }
    }
}
