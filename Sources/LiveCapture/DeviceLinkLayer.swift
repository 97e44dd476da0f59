import PcapFile

/// How packets from a device of some hardware type are captured and saved: the link type
/// of the saved frames and whether the kernel hands them over cooked (without their
/// link-layer header, which we then rebuild).
public struct DeviceLinkLayer: Hashable, Sendable {
    /// The link type of the frames swiftdump delivers.
    public var linkType: LinkType
    /// The cooked header swiftdump builds in front of each packet, or nil when the socket
    /// delivers the link-layer header itself (`SOCK_RAW`).
    public var cookedHeader: CookedHeader?

    /// Creates a layout.
    public init(linkType: LinkType, cookedHeader: CookedHeader?) {
        self.linkType = linkType
        self.cookedHeader = cookedHeader
    }

    /// What `any` captures: cooked frames with the version 2 header, as tcpdump 4.99 chooses.
    public static let anyDevice = DeviceLinkLayer(linkType: .linuxSLL2, cookedHeader: .version2)

    /// libpcap 1.10.3's `map_arphrd_to_dlt` for the hardware types Linux reports, the rows
    /// that matter: Ethernet-like and loopback devices give Ethernet frames, tunnels without a
    /// link header raw IP, and anything unknown cooked frames.
    public init(hardwareType: UInt16) {
        switch hardwareType {
        case 1, 772:  // ARPHRD_ETHER, ARPHRD_LOOPBACK (a fake Ethernet header with zero MACs)
            self.init(linkType: .ethernet, cookedHeader: nil)
        case 0xFFFE, 768, 776, 256, 257, 258, 259, 264, 518, 15:
            // ARPHRD_NONE (tun), TUNNEL, SIT, SLIP, CSLIP, SLIP6, CSLIP6, ADAPT, RAWHDLC, DLCI.
            self.init(linkType: .raw, cookedHeader: nil)
        case 801:  // ARPHRD_IEEE80211
            self.init(linkType: .ieee802_11, cookedHeader: nil)
        case 802:  // ARPHRD_IEEE80211_PRISM
            self.init(linkType: LinkType(rawValue: 119), cookedHeader: nil)
        case 803:  // ARPHRD_IEEE80211_RADIOTAP
            self.init(linkType: .ieee802_11Radiotap, cookedHeader: nil)
        default:  // PPP, ATM, IPGRE, TUNNEL6, INFINIBAND, …: libpcap falls back to cooked v1.
            self.init(linkType: .linuxSLL, cookedHeader: .version1)
        }
    }

    /// The byte offset of the EtherType a re-inserted 802.1Q tag goes in front of; nil for
    /// link types where libpcap re-inserts none (LINUX_SLL2 among them, libpcap#1105).
    public var vlanInsertionOffset: Int? {
        if linkType == .ethernet { return 12 }
        if linkType == .linuxSLL { return 14 }
        return nil
    }
}

/// A Linux cooked-capture header version.
public enum CookedHeader: Hashable, Sendable {
    /// LINUX_SLL: 16 bytes, the protocol last.
    case version1
    /// LINUX_SLL2: 20 bytes, the protocol first, with the interface index.
    case version2

    /// The header's length in bytes.
    public var length: Int { self == .version1 ? 16 : 20 }
}

extension DeviceLinkLayer {
    /// The layout a capture on `device` would have, asked without opening a packet socket (so
    /// without privilege): what `-d -i DEVICE` compiles for.
    public static func of(device: String) throws(LiveCaptureError) -> DeviceLinkLayer {
        if device == "any" { return .anyDevice }
        guard device.utf8.count < 16 else { throw .noSuchDevice(name: device) }
        do {
            return DeviceLinkLayer(hardwareType: try Syscalls.hardwareType(of: device))
        } catch {
            if error.errno == 19 || error.errno == 6 { throw .noSuchDevice(name: device) }
            throw .openFailed(name: device, error)
        }
    }
}
