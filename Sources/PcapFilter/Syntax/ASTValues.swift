/// A dotted IPv4 address of two to four parts, as libpcap reads it.
public struct IPv4Address: Hashable, Sendable {
    /// The text as written (libpcap quotes it in messages).
    public var text: String
    /// The parts, most significant first; two or three parts are a prefix.
    public var parts: [UInt8]

    /// The parts packed into the low bytes, as libpcap's `__pcap_atoin` returns them
    /// (`10.1` is `0x0a01`); used where the address is taken as a number, e.g. after `port`.
    public var packedValue: UInt32 {
        parts.reduce(0) { ($0 &<< 8) | UInt32($1) }
    }

    /// The address with missing parts as trailing zero bytes (`10.1` is `10.1.0.0`).
    public var value: UInt32 { packedValue &<< UInt32(32 - 8 * parts.count) }

    /// The netmask the part count implies (`/16` for `10.1`).
    public var impliedMask: UInt32 { UInt32.max &<< UInt32(32 - 8 * parts.count) }
}

/// An IPv6 address.
public struct IPv6Address: Hashable, Sendable {
    /// The text as written.
    public var text: String
    /// The 16 address bytes in network order.
    public var bytes: [UInt8]
}

/// A MAC address.
public struct MACAddress: Hashable, Sendable {
    /// The text as written (any of the colon, dash, dot or plain-hex spellings).
    public var text: String
    /// The six address bytes.
    public var bytes: [UInt8]
}

/// The value after a head: what `gen_scode`, `gen_ncode`, `gen_mcode`, `gen_mcode6` and
/// `gen_ecode` receive in libpcap.
public enum Value: Hashable, Sendable {
    /// A name: host, network, service, protocol or ether name; `escaped` if written `\name`.
    case name(String, escaped: Bool)
    /// A number (port, protocol number, or a network number after `net`).
    case number(UInt32)
    /// A dotted IPv4 address (two to four parts).
    case ipv4(IPv4Address)
    /// `address/length`.
    case ipv4Prefix(IPv4Address, length: UInt32)
    /// `address mask address`.
    case ipv4Masked(IPv4Address, mask: IPv4Address)
    /// An IPv6 address.
    case ipv6(IPv6Address)
    /// `ipv6/length`.
    case ipv6Prefix(IPv6Address, length: UInt32)
    /// A MAC address.
    case mac(MACAddress)
    /// A dotted address after `decnet` (`area.node`), kept as text; DECnet is P3.
    case decnet(String)
}

/// A value with its resolved head: a `host a`, or the `b` of `host a or b`.
public struct QualifiedValue: Hashable, Sendable {
    /// The full head, written or inherited.
    public var head: Head
    /// True when the head was inherited from an earlier primitive (the printer omits it).
    public var inherited: Bool
    /// The value.
    public var value: Value
    /// The value's own text.
    public var valueRange: SourceRange
}
