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
    /// `vlan [ID]`: moves the link payload past one tag for everything after it.
    case vlan(UInt32?)
    /// `pppoed`.
    case pppoeDiscovery
    /// `pppoes [ID]`: moves into the PPP session payload for everything after it.
    case pppoeSession(UInt32?)
    /// `inbound` / `outbound`.
    case direction(PacketDirection)
    /// `ifindex N`.
    case interfaceIndex(UInt32)
}
