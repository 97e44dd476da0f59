/// A protocol qualifier: libpcap's `Q_*` protocol values, one case each.
public enum ProtocolQualifier: String, Hashable, Sendable, CaseIterable {
    /// `link`, `ether`, `ppp`, `slip`, `fddi`, `tr`, `wlan` (all `Q_LINK`).
    case link
    /// `ip`.
    case ip
    /// `arp`.
    case arp
    /// `rarp`.
    case rarp
    /// `sctp`.
    case sctp
    /// `tcp`.
    case tcp
    /// `udp`.
    case udp
    /// `icmp`.
    case icmp
    /// `igmp`.
    case igmp
    /// `igrp`.
    case igrp
    /// `pim`.
    case pim
    /// `vrrp`.
    case vrrp
    /// `carp`.
    case carp
    /// `atalk`.
    case atalk
    /// `aarp`.
    case aarp
    /// `decnet`.
    case decnet
    /// `lat`.
    case lat
    /// `sca`.
    case sca
    /// `moprc`.
    case moprc
    /// `mopdl`.
    case mopdl
    /// `ip6`.
    case ip6
    /// `icmp6`.
    case icmp6
    /// `ah`.
    case ah
    /// `esp`.
    case esp
    /// `iso`.
    case iso
    /// `esis` / `es-is`.
    case esis
    /// `isis` / `is-is`.
    case isis
    /// `l1` (IS-IS level 1).
    case isisL1 = "l1"
    /// `l2` (IS-IS level 2).
    case isisL2 = "l2"
    /// `iih`.
    case isisIIH = "iih"
    /// `lsp`.
    case isisLSP = "lsp"
    /// `snp`.
    case isisSNP = "snp"
    /// `csnp`.
    case isisCSNP = "csnp"
    /// `psnp`.
    case isisPSNP = "psnp"
    /// `clnp`.
    case clnp
    /// `stp`.
    case stp
    /// `ipx`.
    case ipx
    /// `netbeui`.
    case netbeui
    /// `radio`.
    case radio

    /// The keyword the canonical printer writes (`link` prints as `ether`).
    public var keyword: String { self == .link ? "ether" : rawValue }
}

/// A direction qualifier (libpcap's `Q_SRC` … `Q_TA`).
public enum DirectionQualifier: String, Hashable, Sendable, CaseIterable {
    /// `src`.
    case source = "src"
    /// `dst`.
    case destination = "dst"
    /// `src or dst` / `dst or src` (`Q_OR`).
    case sourceOrDestination = "src or dst"
    /// `src and dst` / `dst and src` (`Q_AND`).
    case sourceAndDestination = "src and dst"
    /// `addr1` / `address1` (802.11).
    case address1 = "addr1"
    /// `addr2` / `address2` (802.11).
    case address2 = "addr2"
    /// `addr3` / `address3` (802.11).
    case address3 = "addr3"
    /// `addr4` / `address4` (802.11).
    case address4 = "addr4"
    /// `ra`, the 802.11 receiver address.
    case receiver = "ra"
    /// `ta`, the 802.11 transmitter address.
    case transmitter = "ta"
}

/// What kind of thing a value names (libpcap's `Q_HOST` … `Q_PROTOCHAIN`).
public enum AddressKind: String, Hashable, Sendable, CaseIterable {
    /// `host`.
    case host
    /// `net`.
    case net
    /// `port`.
    case port
    /// `portrange`.
    case portrange
    /// `gateway`.
    case gateway
    /// `proto`.
    case proto
    /// `protochain`.
    case protochain
}

/// The qualifiers in front of a value; `nil` parts are libpcap's `Q_DEFAULT`.
public struct Head: Hashable, Sendable {
    /// The protocol, or `nil` for every protocol the kind makes sense for.
    public var proto: ProtocolQualifier?
    /// The direction, or `nil` for "source or destination".
    public var direction: DirectionQualifier?
    /// The kind, or `nil` for "host".
    public var kind: AddressKind?

    /// Creates a head.
    public init(proto: ProtocolQualifier? = nil, direction: DirectionQualifier? = nil, kind: AddressKind? = nil) {
        self.proto = proto
        self.direction = direction
        self.kind = kind
    }
}
