/// A 48-bit Ethernet address.
public struct MACAddress: Hashable, Sendable {
    /// The six octets, most significant first.
    public var octets: [UInt8]

    /// Creates an address from six octets.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, _ e: UInt8, _ f: UInt8) {
        octets = [a, b, c, d, e, f]
    }

    /// ff:ff:ff:ff:ff:ff.
    public static let broadcast = MACAddress(0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
}

/// An IPv4 address.
public struct IPv4Address: Hashable, Sendable {
    /// The four octets, most significant first.
    public var octets: [UInt8]

    /// Creates an address from its dotted-quad octets.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        octets = [a, b, c, d]
    }
}

/// An IPv6 address.
public struct IPv6Address: Hashable, Sendable {
    /// The sixteen octets, most significant first.
    public var octets: [UInt8]

    /// Creates an address from its eight 16-bit groups.
    public init(_ groups: [UInt16]) {
        precondition(groups.count == 8, "an IPv6 address has eight groups")
        octets = groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
    }
}
