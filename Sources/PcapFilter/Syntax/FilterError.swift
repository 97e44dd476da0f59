/// Every error the filter compiler reports, from the lexer to code generation.
///
/// `description` is libpcap 1.10.3's message text (what tcpdump prints after `tcpdump: `).
/// Cases carry their data and where in the expression they were found; later stages add
/// their own cases here so one enum describes every failure of `pcap_compile`'s job.
public enum FilterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The parser met a token the grammar does not allow there (bison's `syntax error`).
    case syntax(at: SourceRange)
    /// A bare value with no qualifier to inherit, e.g. `80` in `tcp and 80`.
    case valueWithoutQualifier(at: SourceRange)
    /// A number that does not fit in 32 bits.
    case numberOverflow(text: String, at: SourceRange)
    /// A number with a leading `0` and an 8 or 9 in it.
    case nonOctalDigit(text: String, at: SourceRange)
    /// Colon-separated hex groups that are not a MAC address.
    case bogusEthernetAddress(text: String, at: SourceRange)
    /// Text shaped like an IPv6 address that is not one.
    case bogusIPv6Address(text: String, at: SourceRange)
    /// A dotted IPv4 address with a part that is not a decimal byte.
    case invalidIPv4Address(text: String, at: SourceRange)
    /// `proto[off:size]` with a size other than 1, 2 or 4.
    case invalidLoadSize(UInt32, at: SourceRange)
    /// Division by the constant zero (no range when found in a tree built without text).
    case divisionByZero(at: SourceRange?)
    /// Modulus by the constant zero.
    case modulusByZero(at: SourceRange?)
    /// A constant shift of 32 or more.
    case shiftTooLarge(at: SourceRange?)
    /// A port number above 65535.
    case illegalPortNumber(UInt32, at: SourceRange)
    /// `port` or `portrange` after a protocol that has no ports (`ip port 80`).
    case illegalQualifier(keyword: String, at: SourceRange)
    /// An IPv4 prefix length above 32, or an IPv6 one above 128.
    case maskLengthTooLarge(maximum: Int, at: SourceRange)
    /// An address with bits set outside its network mask; `shown` is how libpcap quotes it.
    case nonNetworkBitsSet(shown: String, at: SourceRange)
    /// A mask or prefix length on something other than `net`.
    case maskSyntaxForNetworksOnly(at: SourceRange)
    /// An IPv6 address after `port`, `proto`, `gateway` or similar.
    case invalidQualifierForIPv6(at: SourceRange)
    /// A MAC address after something other than `ether host`.
    case ethernetAddressInNonEtherExpression(at: SourceRange)
    /// An IPv4 address or number after `ether host` / `link host`.
    case illegalLinkLayerAddress(at: SourceRange)
    /// An ARCnet address (`$hh`); no supported link type has them.
    case arcnetAddressUnsupported(at: SourceRange)
    /// `gateway` followed by something other than a name.
    case gatewayRequiresName(at: SourceRange)
    /// `gateway NAME`: Debian's libpcap is built without it.
    case gatewayUnsupported(at: SourceRange)
    /// `proto` or `protochain` with a direction qualifier.
    case directionAppliedTo(keyword: String, at: SourceRange)
    /// An 802.11 type or subtype number with bits outside its field.
    case invalid80211Value(field: String, value: UInt32, at: SourceRange)
    /// An unknown 802.11 type name after `type`.
    case unknown80211TypeName(String, at: SourceRange)
    /// An unknown subtype name after `subtype` alone (libpcap names no value here).
    case unknown80211TypeNameForSubtype(at: SourceRange)
    /// An unknown subtype name for the given type.
    case unknown80211SubtypeName(String, at: SourceRange)
    /// A subtype name after a type number that has no subtype table.
    case unknown80211Type(at: SourceRange)
    /// A direction name other than nods, tods, fromds, dstods.
    case unknown80211Direction(at: SourceRange)
    /// An unknown name after `llc`.
    case unknownLLCTypeName(String, at: SourceRange)
    /// An unknown pf reason name.
    case unknownPFReason(String, at: SourceRange)
    /// An unknown pf action name.
    case unknownPFAction(String, at: SourceRange)
    /// `port`, `portrange`, `proto` or `protochain` before a dotted IPv4 address.
    case modifierAppliedToIPHost(keyword: String, at: SourceRange)
    /// Parentheses, `not` or operators nested deeper than the parser follows.
    case nestingTooDeep(at: SourceRange)

    // Semantic analysis: what libpcap's gen_scode/gen_ncode/gen_proto/… decide once a value
    // meets its qualifiers, the link type and the name databases.

    /// A value rejected in semantic analysis, with what was wrong and where.
    case semantic(SemanticProblem, at: SourceRange?)

    // Code generation: a well-formed filter that cannot be compiled for the target.

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
    /// More values held at once than there are scratch cells.
    case tooManyRegisters
    /// A VLAN identifier above 4095 (checked after the link type, as libpcap does).
    case vlanIdentifierTooLarge(UInt32)
    /// An MPLS label above 1048575 (checked after the link type, unless inside a label stack).
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
    /// `gateway` in a tree built without the parser's check: Debian's libpcap lacks it.
    case gatewayPrimitiveUnsupported
    /// A protocol other than IPv4 or IPv6 tested inside an MPLS stack.
    case unsupportedOverMPLS
    /// `vlan` after `mpls`.
    case vlanAfterMPLS
    /// The optimized filter can accept no packet (libpcap's optimizer reports the same).
    case rejectsAllPackets
    /// A check the compiler makes on its own work failed (a bug, never an input problem).
    case compilerFault(String)


    /// Where in the expression the error was found; `nil` for errors about the whole
    /// filter or its target (code generation, resolution of a tree built without text).
    public var range: SourceRange? {
        switch self {
        case .syntax(let r), .valueWithoutQualifier(let r), .numberOverflow(_, let r),
            .nonOctalDigit(_, let r), .bogusEthernetAddress(_, let r), .bogusIPv6Address(_, let r),
            .invalidIPv4Address(_, let r), .invalidLoadSize(_, let r), .illegalPortNumber(_, let r),
            .illegalQualifier(_, let r), .maskLengthTooLarge(_, let r), .nonNetworkBitsSet(_, let r),
            .maskSyntaxForNetworksOnly(let r), .invalidQualifierForIPv6(let r),
            .ethernetAddressInNonEtherExpression(let r), .illegalLinkLayerAddress(let r),
            .arcnetAddressUnsupported(let r), .gatewayRequiresName(let r), .gatewayUnsupported(let r),
            .directionAppliedTo(_, let r),
            .invalid80211Value(_, _, let r), .unknown80211TypeName(_, let r),
            .unknown80211TypeNameForSubtype(let r), .unknown80211SubtypeName(_, let r),
            .unknown80211Type(let r), .unknown80211Direction(let r), .unknownLLCTypeName(_, let r),
            .unknownPFReason(_, let r), .unknownPFAction(_, let r), .nestingTooDeep(let r), .modifierAppliedToIPHost(_, let r):
            r
        case .divisionByZero(let r), .modulusByZero(let r), .shiftTooLarge(let r):
            r
        case .semantic(_, let r):
            r
        default:
            nil
        }
    }

    /// True for the parser's own `can't parse filter expression: syntax error`.
    public var isParseError: Bool {
        if case .syntax = self { return true }
        return false
    }

    /// libpcap's message.
    public var description: String {
        switch self {
        case .syntax: "can't parse filter expression: syntax error"
        case .valueWithoutQualifier: "syntax error in filter expression"
        case .numberOverflow(let text, _): "number \(text) overflows 32 bits"
        case .nonOctalDigit(let text, _): "number \(text) contains non-octal digit"
        case .bogusEthernetAddress(let text, _): "bogus ethernet address \(text)"
        case .bogusIPv6Address(let text, _): "bogus IPv6 address \(text)"
        case .invalidIPv4Address(let text, _): "invalid IPv4 address '\(text)'"
        case .invalidLoadSize: "data size must be 1, 2, or 4"
        case .divisionByZero: "division by zero"
        case .modulusByZero: "modulus by zero"
        case .shiftTooLarge: "shift by more than 31 bits"
        case .illegalPortNumber(let port, _): "illegal port number \(port) > 65535"
        case .illegalQualifier(let keyword, _): "illegal qualifier of '\(keyword)'"
        case .maskLengthTooLarge(let maximum, _): "mask length must be <= \(maximum)"
        case .nonNetworkBitsSet(let shown, _): "non-network bits set in \"\(shown)\""
        case .maskSyntaxForNetworksOnly: "Mask syntax for networks only"
        case .invalidQualifierForIPv6: "invalid qualifier against IPv6 address"
        case .ethernetAddressInNonEtherExpression: "ethernet address used in non-ether expression"
        case .illegalLinkLayerAddress: "illegal link layer address"
        case .arcnetAddressUnsupported: "aid supported only on ARCnet"
        case .gatewayRequiresName: "'gateway' requires a name"
        case .gatewayUnsupported, .gatewayPrimitiveUnsupported: "'gateway' not supported in this configuration"
        case .directionAppliedTo(let keyword, _): "direction applied to '\(keyword)'"
        case .invalid80211Value(let field, let value, _):
            "invalid 802.11 \(field) value 0x\(hex2(value))"
        case .unknown80211TypeName(let name, _): "unknown 802.11 type name \"\(name)\""
        case .unknown80211TypeNameForSubtype: "unknown 802.11 type name"
        case .unknown80211SubtypeName(let name, _): "unknown 802.11 subtype name \"\(name)\""
        case .unknown80211Type: "unknown 802.11 type"
        case .unknown80211Direction: "unknown 802.11 direction"
        case .unknownLLCTypeName(let name, _): "unknown LLC type name \"\(name)\""
        case .unknownPFReason(let name, _): "unknown PF reason \"\(name)\""
        case .unknownPFAction(let name, _): "unknown PF action \"\(name)\""
        case .modifierAppliedToIPHost(let keyword, _): "'\(keyword)' modifier applied to ip host"
        case .nestingTooDeep: "can't parse filter expression: expression nested too deeply"
        case .semantic(let problem, _): problem.description
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
        case .tooManyRegisters: "too many registers needed to evaluate expression"
        case .vlanIdentifierTooLarge(let id): "VLAN tag \(id) greater than maximum 4095"
        case .mplsLabelTooLarge(let label): "MPLS label \(label) greater than maximum 1048575"
        case .pppoeSessionTooLarge(let id): "PPPoE session number \(id) greater than maximum 65535"
        case .programTooLarge(let count): "filter program of \(count) instructions is too large"
        case .geneveVNITooLarge(let vni): "Geneve VNI \(vni) greater than maximum 16777215"
        case .llcUnsupported(let link): "'llc' not supported for \(link.displayName)"
        case .protochainVariableOffset: "'protochain' not supported with variable length headers"
        case .unsupportedOverMPLS: "unsupported protocol over mpls"
        case .vlanAfterMPLS: "no VLAN match after MPLS"
        case .rejectsAllPackets: "expression rejects all packets"
        case .compilerFault(let what): "internal compiler error: \(what)"
        }
    }
}

/// `%02x`: lower-case hex, at least two digits.
private func hex2(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return digits.count < 2 ? "0" + digits : digits
}
