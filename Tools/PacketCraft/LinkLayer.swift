/// Ethernet II ethertypes used by the crafted frames.
public enum EtherType: UInt16, Sendable {
    case ipv4 = 0x0800, arp = 0x0806, vlan = 0x8100, qinq = 0x88a8, ipv6 = 0x86dd
}

/// Builders for link-layer frames.
public enum LinkLayer {
    /// An Ethernet II frame; `vlanTags` are outermost first, each (TPID, TCI).
    public static func ethernet(
        destination: MACAddress, source: MACAddress, type: EtherType,
        vlanTags: [(tpid: EtherType, tci: UInt16)] = [], payload: [UInt8]
    ) -> [UInt8] {
        var frame = destination.octets + source.octets
        for tag in vlanTags {
            frame.appendBigEndian(tag.tpid.rawValue)
            frame.appendBigEndian(tag.tci)
        }
        frame.appendBigEndian(type.rawValue)
        return frame + payload
    }

    /// An ARP request (`isReply == false`) or reply for IPv4 over Ethernet.
    public static func arp(
        isReply: Bool, senderMAC: MACAddress, senderIP: IPv4Address,
        targetMAC: MACAddress, targetIP: IPv4Address
    ) -> [UInt8] {
        var body: [UInt8] = []
        body.appendBigEndian(UInt16(1))  // hardware: Ethernet
        body.appendBigEndian(EtherType.ipv4.rawValue)
        body += [6, 4]
        body.appendBigEndian(UInt16(isReply ? 2 : 1))
        return body + senderMAC.octets + senderIP.octets + targetMAC.octets + targetIP.octets
    }
}
