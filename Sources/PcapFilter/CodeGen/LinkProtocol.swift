import BPF

/// Ethertypes and LLC values code generation refers to by name.
enum EtherType {
    static let ipv4: UInt16 = 0x0800
    static let arp: UInt16 = 0x0806
    static let reverseARP: UInt16 = 0x8035
    static let ipv6: UInt16 = 0x86dd
    static let appleTalk: UInt16 = 0x809b
    static let appleTalkARP: UInt16 = 0x80f3
    static let ipx: UInt16 = 0x8137
    static let decnet: UInt16 = 0x6003
    static let mplsUnicast: UInt16 = 0x8847
    static let pppoeDiscovery: UInt16 = 0x8863
    static let pppoeSession: UInt16 = 0x8864
    /// The largest 802.3 length; larger type-field values are ethertypes.
    static let maximumLength: UInt32 = 1500
    /// The three VLAN tag protocol identifiers libpcap accepts, in the order it tests them.
    static let vlanTags: [UInt32] = [0x8100, 0x88a8, 0x9100]
}

/// LLC service access points with special handling.
enum LLCSAP {
    static let ip: UInt16 = 0x06
    static let netbeui: UInt16 = 0xf0
    static let iso: UInt16 = 0xfe
    static let ipx: UInt16 = 0xe0
}

extension Encapsulation {
    /// The test that the network-layer protocol is `etherType` (libpcap's `gen_linktype`).
    ///
    /// Values up to 1500 are LLC SAPs on link types that carry LLC. On link types that cannot
    /// carry the protocol at all the result is ``Predicate/never``.
    func linkProtocol(_ etherType: UInt16) throws(CodeGenerationError) -> Predicate {
        if mplsDepth > 0 { return try protocolAfterMPLS(etherType) }
        switch protocolField {
        case .pppoeSession:
            guard let field = linkTypeField else { return .never }
            return field.compare(.half, at: 0, UInt32(PPPProtocol.number(for: etherType)))
        case .linkLayer:
            break
        }
        let type = UInt32(etherType)
        switch linkLayer {
        case .ethernet:
            return ethernetProtocol(etherType)
        case .linuxCooked:
            return cookedProtocol(etherType)
        case .linuxCooked2:
            // libpcap 1.10.3 compares the protocol field as is on cooked v2, LLC values included.
            return typeField(.half, type)
        case .ppp:
            return typeField(.half, UInt32(PPPProtocol.number(for: etherType)))
        case .null, .loop:
            guard let family = AddressFamily(etherType: etherType) else { return .never }
            let values = family.values(for: linkLayer, source: target.source)
            return values.dropFirst().reduce(typeField(.word, values[0])) { .or($0, typeField(.word, $1)) }
        case .raw:
            switch etherType {
            case EtherType.ipv4: return linkPayload.compare(.byte, at: 0, 0x40, mask: 0xf0)
            case EtherType.ipv6: return linkPayload.compare(.byte, at: 0, 0x60, mask: 0xf0)
            default: return .never
            }
        case .ieee80211, .ieee80211Radiotap:
            return wirelessProtocol(etherType)
        case .ipv4:
            return type == UInt32(EtherType.ipv4) ? .always : .never
        case .ipv6:
            return type == UInt32(EtherType.ipv6) ? .always : .never
        }
    }

    /// Under an MPLS stack only IPv4 and IPv6 can be recognized: the bottom-of-stack bit of
    /// the last label, then the version nibble (libpcap's `gen_mpls_linktype`).
    private func protocolAfterMPLS(_ etherType: UInt16) throws(CodeGenerationError) -> Predicate {
        let version: UInt32
        switch etherType {
        case EtherType.ipv4: version = 0x40
        case EtherType.ipv6: version = 0x60
        default: throw .unsupportedOverMPLS
        }
        return .and(previousMPLSEntry.compare(.byte, at: 2, 1, mask: 1),
                    networkHeader.compare(.byte, at: 0, version, mask: 0xf0))
    }

    /// A comparison of the link layer's type field (never true when there is none).
    func typeField(_ size: LoadSize, _ value: UInt32) -> Predicate {
        guard let field = linkTypeField else { return .never }
        return field.compare(size, at: 0, value)
    }

    /// `not (type field > 1500)`: the frame is 802.3 with an LLC header.
    var isLLCFrame: Predicate {
        guard let field = linkTypeField else { return .never }
        return .not(field.compare(.half, at: 0, .greater, EtherType.maximumLength))
    }

    /// A SNAP header with `organization` and `type` at the start of the payload.
    func snapHeader(organization: UInt32, type: UInt16) -> Predicate {
        let bytes: [UInt8] = [0xaa, 0xaa, 0x03, UInt8(truncatingIfNeeded: organization >> 16),
                              UInt8(truncatingIfNeeded: organization >> 8), UInt8(truncatingIfNeeded: organization),
                              UInt8(truncatingIfNeeded: type >> 8), UInt8(truncatingIfNeeded: type)]
        return linkPayload.compareBytes(at: 0, bytes)
    }

    private func ethernetProtocol(_ etherType: UInt16) -> Predicate {
        let type = UInt32(etherType)
        switch etherType {
        case LLCSAP.iso, LLCSAP.ip, LLCSAP.netbeui:
            return .and(isLLCFrame, linkPayload.compare(.half, at: 0, type << 8 | type))
        case LLCSAP.ipx:
            // IPX in any of its four Ethernet framings: Ethernet II, SNAP, 802.2, raw 802.3.
            let llc = Predicate.or(linkPayload.compare(.byte, at: 0, UInt32(LLCSAP.ipx)),
                                   linkPayload.compare(.half, at: 0, 0xffff))
            let encapsulated = Predicate.and(isLLCFrame, .or(snapHeader(organization: 0, type: EtherType.ipx), llc))
            return .or(typeField(.half, UInt32(EtherType.ipx)), encapsulated)
        case EtherType.appleTalk, EtherType.appleTalkARP:
            let organization: UInt32 = etherType == EtherType.appleTalk ? 0x080007 : 0
            return .or(typeField(.half, type), .and(isLLCFrame, snapHeader(organization: organization, type: etherType)))
        default:
            if type <= EtherType.maximumLength {
                return .and(isLLCFrame, linkPayload.compare(.byte, at: 0, type))
            }
            return typeField(.half, type)
        }
    }

    /// Linux cooked headers: protocol 4 (`LINUX_SLL_P_802_2`) marks an LLC payload.
    private func cookedProtocol(_ etherType: UInt16) -> Predicate {
        let type = UInt32(etherType)
        let llc = typeField(.half, 0x0004)
        switch etherType {
        case LLCSAP.iso, LLCSAP.ip, LLCSAP.netbeui:
            return .and(llc, linkPayload.compare(.half, at: 0, type << 8 | type))
        case LLCSAP.ipx:
            let snapOrSAP = Predicate.or(linkPayload.compare(.byte, at: 0, UInt32(LLCSAP.ipx)),
                                         snapHeader(organization: 0, type: EtherType.ipx))
            return .or(typeField(.half, UInt32(EtherType.ipx)), .or(typeField(.half, 0x0001), .and(llc, snapOrSAP)))
        case EtherType.appleTalk, EtherType.appleTalkARP:
            let organization: UInt32 = etherType == EtherType.appleTalk ? 0x080007 : 0
            return .or(typeField(.half, type), .and(llc, snapHeader(organization: organization, type: etherType)))
        default:
            if type <= EtherType.maximumLength {
                return .and(llc, linkPayload.compare(.byte, at: 0, type))
            }
            return typeField(.half, type)
        }
    }
}

/// PPP protocol numbers for the ethertypes that have one (`ethertype_to_ppptype`).
enum PPPProtocol {
    static func number(for etherType: UInt16) -> UInt16 {
        switch etherType {
        case EtherType.ipv4: 0x0021
        case EtherType.ipv6: 0x0057
        case EtherType.decnet: 0x0027
        case EtherType.appleTalk: 0x0029
        case LLCSAP.ipx: 0x002b
        case 0x0600: 0x0025  // Xerox NS IDP
        case LLCSAP.iso: 0x0023  // OSI
        case 0x42: 0x0031  // spanning tree → bridging PDU
        default: etherType
        }
    }
}

/// The address families loopback headers carry.
enum AddressFamily {
    case inet, inet6

    init?(etherType: UInt16) {
        switch etherType {
        case EtherType.ipv4: self = .inet
        case EtherType.ipv6: self = .inet6
        default: return nil
        }
    }

    /// The BSD `AF_INET6` values: 4.2BSD had none, so each BSD chose its own (NetBSD/OpenBSD,
    /// FreeBSD, Darwin), in the order libpcap tests them.
    static let bsdInet6Values: [UInt32] = [30, 24, 28]

    /// The 32-bit words `ld [0]` may read, any of which matches: network order on `DLT_LOOP`,
    /// the writer's order on `DLT_NULL`. A capture file may come from any system, so for IPv6
    /// libpcap accepts every BSD value there (and not Linux's 10); a live or unattached handle
    /// has this system's value only.
    func values(for link: LinkLayer, source: PacketSource) -> [UInt32] {
        if self == .inet6, case .savefile = source {
            return Self.bsdInet6Values.map { value(of: $0, for: link, source: source) }
        }
        return [value(of: self == .inet ? 2 : 10, for: link, source: source)]
    }

    private func value(of family: UInt32, for link: LinkLayer, source: PacketSource) -> UInt32 {
        guard link == .null else { return family }
        let writer: ByteOrder
        switch source {
        case .savefile(let order): writer = order
        case .liveLinux, .unattached: writer = .host
        }
        return writer == .littleEndian ? family.byteSwapped : family
    }
}
