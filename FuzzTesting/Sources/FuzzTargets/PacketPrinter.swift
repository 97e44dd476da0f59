import PacketPrinter
import PcapFile

/// Prints arbitrary bytes as a frame: the first byte picks the link type (every type the
/// printer decodes, plus one it does not), the second the options; the rest is the frame.
/// Must never trap.
public let packetPrinterFuzzTarget = FuzzTarget(name: "PacketPrinter") { input in
    guard input.count >= 2 else { return }
    let linkTypes: [LinkType] = [.ethernet, .linuxSLL, .linuxSLL2, .null, .loop, .raw, .ipv4, .ipv6, .ppp,
                                 .ieee802_11]
    let linkType = linkTypes[Int(input[0]) % linkTypes.count]
    let choice = input[1]
    let dumps: [PayloadDump] = [.none, .hex(includingLinkHeader: false), .hexAndASCII(includingLinkHeader: true),
                                .ascii]
    let options = PrintOptions(numeric: Int(choice & 1), linkHeader: choice & 2 != 0, quiet: choice & 4 != 0,
                               timestamps: TimestampStyle(count: Int(choice >> 3 & 7)),
                               dump: dumps[Int(choice >> 6)], verbosity: Int(choice >> 5 & 1))
    var printer = PacketPrinter(options: options)
    let frame = UnsafeRawBufferPointer(rebasing: input[2...])
    // The wire length is sometimes shorter, sometimes longer than what was captured.
    let wireLength = UInt32(truncatingIfNeeded: frame.count &+ Int(choice & 0x30) &- 16)
    let packet = PacketView(timestamp: Timestamp(seconds: Int64(choice), nanoseconds: 0), originalLength: wireLength,
                            bytes: frame, linkType: linkType)
    // Twice, so the TCP connection table sees a known connection.
    _ = printer.lines(for: packet, number: 1)
    _ = printer.lines(for: packet, number: 2)
}
