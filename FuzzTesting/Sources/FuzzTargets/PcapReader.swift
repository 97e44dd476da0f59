import PcapFile

/// Reads arbitrary bytes as a pcap file to the end or the first error, touching every
/// packet byte; must never trap.
public let pcapReaderFuzzTarget = FuzzTarget(name: "PcapReader") { input in
    guard let reader = try? PcapReader(bytes: Array(input)) else { return }
    _ = reader.linkType.description
    var checksum: UInt8 = 0
    while let packet = try? reader.nextPacketView() {
        for byte in packet.bytes { checksum &+= byte }
        _ = packet.timestamp.fraction(in: reader.precision)
    }
    _ = checksum
}
