import BPF

/// A filter after name resolution and qualifier inheritance: what code generation consumes.
public indirect enum SemanticFilter: Hashable, Sendable {
    /// One primitive.
    case primitive(SemanticPrimitive)
    /// Both, left first.
    case and(SemanticFilter, SemanticFilter)
    /// Either, left first.
    case or(SemanticFilter, SemanticFilter)
    /// The opposite.
    case not(SemanticFilter)

    /// Whether any primitive is `geneve`: its code carries A, X and scratch cells between
    /// tests, so (as libpcap does) such filters are never optimized.
    public var containsGeneve: Bool {
        switch self {
        case .primitive(.geneve): true
        case .primitive: false
        case let .and(left, right), let .or(left, right): left.containsGeneve || right.containsGeneve
        case .not(let inner): inner.containsGeneve
        }
    }
}

/// Which address fields a host, net or port primitive examines.
public enum AddressDirection: Hashable, Sendable {
    /// `src`.
    case source
    /// `dst`.
    case destination
    /// `src or dst`, the default.
    case sourceOrDestination
    /// `src and dst`.
    case sourceAndDestination
}

/// The protocols an IPv4 `host`/`net` applies to.
public enum IPv4HostProtocol: Hashable, Sendable {
    /// No qualifier: IPv4, ARP and RARP.
    case any
    /// `ip`.
    case ip
    /// `arp`.
    case arp
    /// `rarp`.
    case rarp
}

/// Transport protocols that have ports.
public enum PortProtocol: Hashable, Sendable {
    /// `tcp`.
    case tcp
    /// `udp`.
    case udp
    /// `sctp`.
    case sctp
    /// No qualifier: SCTP, TCP and UDP (libpcap's order).
    case any

    var numbers: [UInt8] {
        switch self {
        case .tcp: [6]
        case .udp: [17]
        case .sctp: [132]
        case .any: [132, 6, 17]
        }
    }
}

/// Protocol keywords used alone (`tcp`, `ip6`, `arp`, …).
public enum ProtocolKeyword: Hashable, Sendable, CaseIterable {
    case ip, ip6, arp, rarp, tcp, udp, sctp, icmp, icmp6, igmp, igrp, pim, vrrp, carp, ah, esp
    case atalk, aarp, decnet, lat, sca, moprc, mopdl, ipx, netbeui, iso, stp
}

/// The network layers `proto N` can name.
public enum ProtocolLayer: Hashable, Sendable {
    /// `ip proto N`.
    case ip
    /// `ip6 proto N`.
    case ip6
    /// `proto N`: IPv4 or IPv6.
    case any
}

/// Where `broadcast`/`multicast` look.
public enum CastLayer: Hashable, Sendable {
    /// `ether …` (and the bare keyword).
    case link
    /// `ip …`.
    case ip
    /// `ip6 multicast`.
    case ip6
}

/// What `llc` requires of an 802.2 LLC header's control field.
public enum LLCFrame: Hashable, Sendable {
    /// `llc`: any LLC frame.
    case any
    /// `llc i`: an information frame (low control bit clear).
    case information
    /// `llc s`: a supervisory frame (low bits 01).
    case supervisory
    /// `llc u`: an unnumbered frame (low bits 11).
    case unnumbered
    /// `llc rr|rnr|rej`: one supervisory function, compared under mask 0x0f.
    case supervisoryFunction(UInt8)
    /// `llc ui|ua|disc|dm|sabme|test|xid|frmr`: one unnumbered function, under mask 0xef.
    case unnumberedFunction(UInt8)

    /// The frame kind `llc NAME` names (libpcap's tables), or nil for an unknown name.
    public init?(name: String) {
        switch name.lowercased() {
        case "i": self = .information
        case "s": self = .supervisory
        case "u": self = .unnumbered
        case "rr": self = .supervisoryFunction(0x01)
        case "rnr": self = .supervisoryFunction(0x05)
        case "rej": self = .supervisoryFunction(0x09)
        case "ui": self = .unnumberedFunction(0x03)
        case "ua": self = .unnumberedFunction(0x63)
        case "disc": self = .unnumberedFunction(0x43)
        case "dm": self = .unnumberedFunction(0x0f)
        case "sabme": self = .unnumberedFunction(0x6f)
        case "test": self = .unnumberedFunction(0xe3)
        case "xid": self = .unnumberedFunction(0xaf)
        case "frmr": self = .unnumberedFunction(0x87)
        default: return nil
        }
    }
}

/// Which way a packet went, from the capturing host's point of view.
public enum PacketDirection: Hashable, Sendable {
    /// `inbound`: received.
    case inbound
    /// `outbound`: sent.
    case outbound
}

/// One primitive of the filter language, with every value resolved to numbers.
public enum SemanticPrimitive: Hashable, Sendable {
    /// `[ip|arp|rarp] [dir] host|net A[/len]`: an IPv4 address under `mask`.
    case ipv4Host(address: UInt32, mask: UInt32, IPv4HostProtocol, AddressDirection)
    /// `[ip6] [dir] host|net A[/len]`: an IPv6 address (16 bytes) under a 16-byte mask.
    case ipv6Host(address: [UInt8], mask: [UInt8], AddressDirection)
    /// `ether [dir] host MAC`.
    case etherHost([UInt8], AddressDirection)
    /// `[tcp|udp|sctp] [dir] port N` or `portrange A-B` (the range is inclusive, in either order).
    case port(PortProtocol, AddressDirection, low: UInt16, high: UInt16, isRange: Bool)
    /// A protocol keyword used alone.
    case protocolKeyword(ProtocolKeyword)
    /// `ip proto N`, `ip6 proto N`, `proto N`.
    case networkProtocol(ProtocolLayer, UInt8)
    /// `ether proto N` (ethertype, or LLC SAP when at most 1500).
    case etherProtocol(UInt16)
    /// `[ether|ip] broadcast`.
    case broadcast(CastLayer)
    /// `[ether|ip|ip6] multicast`.
    case multicast(CastLayer)
    /// `arith relop arith`, including `len`, `less` and `greater`.
    case relation(ArithmeticExpression, RelationalOperator, ArithmeticExpression)
    /// `decnet [dir] host AREA.NODE`: the address as `(area << 10) | node`.
    case decnetHost(UInt16, AddressDirection)
    /// `iso proto N`, `clnp`, `esis`, `isis`: the OSI network protocol identifier.
    case osiProtocol(UInt8)
    /// `isis proto N`, and each PDU type of `l1`, `iih`, …: the IS-IS PDU type.
    case isisPDU(UInt8)
    /// `byte OFFSET op VALUE`: the byte at OFFSET from the link header.
    case linkByte(offset: UInt32, RelationalOperator, UInt32)
    /// `vlan [ID]`: moves the link payload past one tag for everything after it.
    case vlan(UInt32?)
    /// `pppoed`.
    case pppoeDiscovery
    /// `pppoes [ID]`: moves into the PPP session payload for everything after it.
    case pppoeSession(UInt32?)
    /// `mpls [LABEL]`: moves the network header past one label stack entry for everything after it.
    case mpls(UInt32?)
    /// `geneve [VNI]`: moves every offset into the Geneve payload for everything after it.
    case geneve(UInt32?)
    /// `llc`, `llc i|s|u`, `llc NAME`.
    case llc(LLCFrame)
    /// `[ip|ip6] protochain N`: N anywhere in the chain of IPv6 extension headers / AH headers.
    case protochain(ProtocolLayer, UInt8)
    /// `gateway NAME`: refused, as by the libpcap this project matches.
    case gateway
    /// `inbound` / `outbound`.
    case direction(PacketDirection)
    /// `ifindex N`.
    case interfaceIndex(UInt32)
    /// `type T [subtype S]`, `subtype S`: the first 802.11 frame-control byte under a mask.
    case wirelessFrameType(value: UInt32, mask: UInt32)
    /// `dir D`: the DS bits of the 802.11 frame control.
    case wirelessDirection(UInt32)
    /// `wlan addr1|addr2|addr3|addr4|ra|ta MAC`.
    case wirelessAddress([UInt8], WirelessAddressField)
}
