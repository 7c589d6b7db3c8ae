import Logging
import MibaraiHubAPI
import MibaraiMembership

/// The federation listener's HTTP routes as `Protocol/hub-api.yaml` declares them: the handler
/// of the protocol generated from that document (`MibaraiHubAPI`), so the document and the
/// server cannot drift. Thin: the node's use cases decide (through ``HubEndpoints``); this maps
/// the document's types to the node's and refusals to the document's answers.
///
/// The caller is the member its verified certificate names, which `FederationRouteScope` puts in
/// ``caller`` for the request (the generated handlers see no request context).
struct FederationAPI: APIProtocol {
    let me: MemberCertificate
    /// The hub's routes; nil on a node that is not a hub (lookup and audit are then 404).
    let hub: HubEndpoints?
    let logger: Logger

    @TaskLocal static var caller: MemberCertificate?

    func hello(_ input: Operations.Hello.Input) async throws -> Operations.Hello.Output {
        guard let peer = Self.caller else { throw FederationRouteScope.NoCaller() }
        func member(_ m: MemberCertificate) -> Components.Schemas.Member {
            let role: Components.Schemas.Member.RolePayload = switch m.role {
            case .shop: .shop
            case .hub: .hub
            }
            return .init(name: m.name, nodeId: m.nodeID.description, role: role, region: m.region)
        }
        return .ok(.init(body: .json(.init(protocolVersions: FederationServer.protocolVersions, node: member(me), peer: member(peer)))))
    }
}
