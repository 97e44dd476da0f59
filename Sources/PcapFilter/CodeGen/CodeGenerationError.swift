/// Why a well-formed filter cannot be compiled for a target; descriptions are libpcap's text.
public enum CodeGenerationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A MAC-address primitive on a link type without MAC addresses.
    case etherAddressUnsupported
    /// `ether broadcast` on a link type without link-layer broadcast.
    case notBroadcastLink
    /// `ether multicast` on a link type without link-layer multicast.
    case linkMulticastUnsupported
    /// `vlan` on a link type that cannot carry VLAN tags.
    case vlanUnsupported(LinkLayer)
    /// `mpls` on a link type that cannot carry MPLS.
    case mplsUnsupported(LinkLayer)
    /// `inbound`/`outbound` where the packet does not record its direction.
    case directionUnsupported(LinkLayer)
    /// `ifindex` where the packet does not record its interface.
    case interfaceIndexUnsupported(LinkLayer)
    /// `ip broadcast` without a netmask.
    case netmaskUnknown
    /// A constant division by zero.
    case divisionByZero
    /// A constant modulus by zero.
    case modulusByZero
    /// A constant shift of 32 or more.
    case shiftTooLarge
    /// More values held at once than there are scratch cells.
    case tooManyRegisters
    /// A VLAN identifier above 4095.
    case vlanIdentifierTooLarge(UInt32)
    /// An MPLS label above 1048575.
    case mplsLabelTooLarge(UInt32)
    /// A PPPoE session number above 65535.
    case pppoeSessionTooLarge(UInt32)
    /// The program would break a kernel rule (more than 4096 instructions).
    case programTooLarge(Int)
    /// A Geneve VNI above 16777215.
    case geneveVNITooLarge(UInt32)
    /// `llc` on a link type without 802.2 LLC headers.
    case llcUnsupported(LinkLayer)
    /// `protochain` where the network header is at a run-time offset.
    case protochainVariableOffset
    /// `gateway`: Debian's libpcap is built without it.
    case gatewayUnsupported
    /// A protocol other than IPv4 or IPv6 tested inside an MPLS stack.
    case unsupportedOverMPLS
    /// `vlan` after `mpls`.
    case vlanAfterMPLS
    /// The optimized filter can accept no packet (libpcap's optimizer reports the same).
    case rejectsAllPackets

    /// The message libpcap gives for the same input.
    public var description: String {
        switch self {
        case .etherAddressUnsupported:
            "ethernet addresses supported only on ethernet/FDDI/token ring/802.11/ATM LANE/Fibre Channel"
        case .notBroadcastLink: "not a broadcast link"
        case .linkMulticastUnsupported:
            "link-layer multicast filters supported only on ethernet/FDDI/token ring/ARCNET/802.11/ATM LANE/Fibre Channel"
        case .vlanUnsupported(let link): "no VLAN support for \(link.displayName)"
        case .mplsUnsupported(let link): "no MPLS support for \(link.displayName)"
        case .directionUnsupported(let link):
            "inbound/outbound not supported on \(link.displayName) when reading savefiles"
        case .interfaceIndexUnsupported(let link):
            "ifindex not supported on \(link.displayName) when reading savefiles"
        case .netmaskUnknown: "netmask not known, so 'ip broadcast' not supported"
        case .divisionByZero: "division by zero"
        case .modulusByZero: "modulus by zero"
        case .shiftTooLarge: "shift by more than 31 bits"
        case .tooManyRegisters: "too many registers needed to evaluate expression"
        case .vlanIdentifierTooLarge(let id): "VLAN tag \(id) greater than maximum 4095"
        case .mplsLabelTooLarge(let label): "MPLS label \(label) greater than maximum 1048575"
        case .pppoeSessionTooLarge(let id): "PPPoE session number \(id) greater than maximum 65535"
        case .programTooLarge(let count): "filter program of \(count) instructions is too large"
        case .geneveVNITooLarge(let vni): "Geneve VNI \(vni) greater than maximum 16777215"
        case .llcUnsupported(let link): "'llc' not supported for \(link.displayName)"
        case .protochainVariableOffset: "'protochain' not supported with variable length headers"
        case .gatewayUnsupported: "'gateway' not supported in this configuration"
        case .unsupportedOverMPLS: "unsupported protocol over mpls"
        case .vlanAfterMPLS: "no VLAN match after MPLS"
        case .rejectsAllPackets: "expression rejects all packets"
        }
    }
}
