import MibaraiMembership
import Synchronization

/// The member certificate the gate admitted during one connection's handshake, kept for the
/// connection so the certificate is not parsed and checked a second time.
final class VerifiedPeer: Sendable {
    private let value = Mutex<MemberCertificate?>(nil)

    var member: MemberCertificate? { value.withLock { $0 } }

    func admitted(_ member: MemberCertificate) {
        value.withLock { $0 = member }
    }
}
