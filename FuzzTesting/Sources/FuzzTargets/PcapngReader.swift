import PcapFile

/// Reads arbitrary bytes as a pcapng file to the end or the first error, copying every
/// packet; must never trap.
public let pcapngReaderFuzzTarget = FuzzTarget(name: "PcapngReader") { input in
    guard let reader = try? PcapngReader(bytes: Array(input)) else { return }
    var count = 0
    while let packet = try? reader.next() {
        count &+= packet.data.count &+ packet.interfaceIndex
        _ = packet.linkType.dltName
    }
    _ = count
}
