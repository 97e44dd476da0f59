/// A link-layer header type as the LINKTYPE_ registry numbers it (the value in pcap and
/// pcapng headers), e.g. 1 for Ethernet, 101 for raw IP.
public struct LinkType: RawRepresentable, Hashable, Sendable {
    /// The LINKTYPE_ value.
    public var rawValue: UInt32

    /// Creates a link type from its LINKTYPE_ value.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// LINKTYPE_ETHERNET: IEEE 802.3 Ethernet.
    public static let ethernet = LinkType(rawValue: 1)
}
