import PacketPrinter
import PcapFile
import Testing

/// Behaviour tcpdump does not show directly: nesting limits, state across packets, names.
@Suite struct PrinterBehaviourTests {
    static func packet(_ bytes: [UInt8], _ linkType: LinkType, seconds: Int64 = 0, body: (PacketView) -> Void) {
        bytes.withUnsafeBytes { raw in
            body(PacketView(timestamp: Timestamp(seconds: seconds, nanoseconds: 0),
                            originalLength: UInt32(bytes.count), bytes: raw, linkType: linkType))
        }
    }

    static func ipv4(protocol proto: UInt8, payload: [UInt8]) -> [UInt8] {
        let total = 20 + payload.count
        return [0x45, 0, UInt8(total >> 8 & 0xff), UInt8(total & 0xff), 0, 0, 0, 0, 64, proto, 0, 0,
                10, 0, 0, 1, 10, 0, 0, 2] + payload
    }

    @Test func deeplyNestedTunnelsStopAtTheLimitInsteadOfExhaustingTheStack() {
        var frame = Self.ipv4(protocol: 59, payload: [])
        for _ in 0..<3000 { frame = Array(Self.ipv4(protocol: 4, payload: frame).prefix(65535)) }
        var printer = PacketPrinter(options: PrintOptions(timestamps: .none))
        Self.packet(frame, .raw) { view in
            let printed = printer.describe(view)
            #expect(printed.text.hasSuffix("[too many nested headers]\n"))
            #expect(!printed.isCovered)
        }
    }

    @Test func relativeSequenceNumbersFollowEachConnection() {
        func segment(_ sourcePort: UInt16, _ seq: UInt32, _ ack: UInt32, flags: UInt8) -> [UInt8] {
            let tcp: [UInt8] = [UInt8(sourcePort >> 8), UInt8(sourcePort & 0xff), 0, 80]
                + withUnsafeBytes(of: seq.bigEndian, Array.init) + withUnsafeBytes(of: ack.bigEndian, Array.init)
                + [0x50, flags, 0xff, 0xff, 0, 0, 0, 0]
            return Self.ipv4(protocol: 6, payload: tcp + [0x41])
        }
        var printer = PacketPrinter(options: PrintOptions(timestamps: .none))
        var lines: [String] = []
        for frame in [segment(1000, 5000, 9000, flags: 0x18), segment(2000, 7000, 3000, flags: 0x18),
                      segment(1000, 5001, 9000, flags: 0x18)] {
            Self.packet(frame, .raw) { lines.append(printer.lines(for: $0, number: nil)) }
        }
        #expect(lines[0].contains("seq 5000:5001, ack 9000"))
        #expect(lines[1].contains("seq 7000:7001, ack 3000"))
        #expect(lines[2].contains("seq 1:2, ack 1"))  // tcpdump keeps ack - 1 as the base.
    }

    @Test func servicesTextNamesPortsAndProtocols() {
        let names = ServiceNames(servicesText: "http\t80/tcp\twww # web\ndomain 53/udp\n",
                                 protocolsText: "udp\t17\tUDP\n")
        #expect(names.serviceName(port: 80, transport: .tcp) == "http")
        #expect(names.serviceName(port: 80, transport: .udp) == nil)
        #expect(names.serviceName(port: 53, transport: .udp) == "domain")
        #expect(names.protocolName(number: 17) == "udp")
        #expect(NumericNames().serviceName(port: 80, transport: .tcp) == nil)
    }
}
