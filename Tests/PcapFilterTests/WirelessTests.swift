import BPF
import PcapFilter
import TestSupport
import Testing

/// 802.11 frames built by hand where the answer is known without libpcap: where the payload
/// starts after a radiotap header with a data-pad flag, after QoS, with four addresses; and
/// which 802.11 programs libpcap leaves unoptimized. libpcap agrees on every verdict here.
@Suite struct WirelessTests {
    static let mac1: [UInt8] = [1, 2, 3, 4, 5, 6], mac2: [UInt8] = [0, 0x11, 0x22, 0x33, 0x44, 0x55]
    static let mac3: [UInt8] = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff], mac4: [UInt8] = [2, 2, 2, 2, 2, 2]

    /// SNAP with IPv4 carrying TCP from port 1234 to 80.
    static let snapIPv4TCP: [UInt8] = [0xaa, 0xaa, 3, 0, 0, 0, 0x08, 0x00,
                                       0x45, 0, 0, 40, 0, 0, 0, 0, 64, 6, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
                                       0x04, 0xd2, 0, 80] + Array(repeating: 0, count: 16)

    /// A data frame (QoS or not) with the given DS bits; `addr4` appends the fourth address.
    static func dataFrame(qos: Bool, directions: UInt8, addr4: Bool = false, padTo4: Bool = false) -> [UInt8] {
        var header: [UInt8] = [qos ? 0x88 : 0x08, directions, 0, 0] + mac1 + mac2 + mac3 + [0x10, 0]
        if addr4 { header += mac4 }
        if qos { header += [0, 0] }
        if padTo4 { while header.count % 4 != 0 { header.append(0) } }
        return header + snapIPv4TCP
    }

    /// A radiotap header with TSFT and flags (flags at offset 16), 20 bytes long, or with an
    /// extended presence bitmap (flags then not where libpcap looks). libpcap rounds the whole
    /// offset up (radiotap included) when the data-pad flag is set, which is what the padding
    /// means only when the radiotap length is itself a multiple of 4, as here.
    static func radiotap(flags: UInt8, extended: Bool = false) -> [UInt8] {
        if extended {
            // Two presence words, padding to align the TSFT field to 8, the TSFT field, the flags.
            return [0, 0, 28, 0, 0x03, 0, 0, 0x80, 0, 0, 0, 0] + Array(repeating: 0, count: 4) + Array(repeating: 7, count: 8)
                + [flags, 0, 0, 0]
        }
        return [0, 0, 20, 0, 0x03, 0, 0, 0] + Array(repeating: 7, count: 8) + [flags, 0, 0, 0]
    }

    static func verdict(_ expression: String, _ link: LinkLayer, _ packet: [UInt8]) throws -> Bool {
        let target = CompilationTarget(linkLayer: link, snapLength: 262_144, source: .unattached)
        let program = try FilterCompiler().compile(expression, for: target, resolver: FixedNameResolver.empty)
        let ours = try Interpreter(program).run(packet, wireLength: UInt32(packet.count))
        guard case .program(let theirs) = LibpcapOracle.compile(expression, dlt: link.rawValue, snaplen: 262_144, optimize: true)
        else {
            Issue.record("libpcap refuses \(expression)")
            return false
        }
        #expect(LibpcapOracle.run(theirs, packet, wireLength: packet.count) == ours, "\(expression) on \(link)")
        return ours != 0
    }

    @Test func payloadStartsAfterTheQoSField() throws {
        for qos in [false, true] {
            let frame = Self.dataFrame(qos: qos, directions: 1)
            #expect(try Self.verdict("tcp dst port 80", .ieee80211, frame))
            #expect(try Self.verdict("ip host 10.0.0.2 and wlan type data", .ieee80211, frame))
            #expect(try !Self.verdict("ip6 or arp", .ieee80211, frame))
        }
    }

    @Test func radiotapDataPadRoundsTheHeaderUpToFourBytes() throws {
        let padded = Self.radiotap(flags: 0x20) + Self.dataFrame(qos: true, directions: 2, padTo4: true)
        #expect(try Self.verdict("tcp dst port 80", .ieee80211Radiotap, padded))
        let unpadded = Self.radiotap(flags: 0) + Self.dataFrame(qos: true, directions: 2)
        #expect(try Self.verdict("tcp dst port 80", .ieee80211Radiotap, unpadded))
        // The flag is not looked for behind a second presence word.
        let extended = Self.radiotap(flags: 0x20, extended: true) + Self.dataFrame(qos: true, directions: 2, padTo4: true)
        #expect(try !Self.verdict("tcp dst port 80", .ieee80211Radiotap, extended))
        #expect(try Self.verdict("wlan type data subtype qos-data and dir fromds", .ieee80211Radiotap, extended))
    }

    /// libpcap does not step over the fourth address: a four-address frame's payload is read 6
    /// bytes early, so `ip` misses it, while the address fields are found where they are.
    @Test func fourAddressFramesAreReadAsLibpcapReadsThem() throws {
        let frame = Self.dataFrame(qos: false, directions: 3, addr4: true)
        #expect(try !Self.verdict("ip", .ieee80211, frame))
        #expect(try Self.verdict("wlan addr4 2:2:2:2:2:2 and wlan src 2:2:2:2:2:2", .ieee80211, frame))
        #expect(try Self.verdict("wlan dst ff:ff:ff:ff:ff:ff and wlan ra 1:2:3:4:5:6 and wlan ta 0:11:22:33:44:55", .ieee80211, frame))
        #expect(try Self.verdict("ip", .ieee80211, Self.dataFrame(qos: false, directions: 3)))
    }

    /// Source and destination move with the DS bits; in management frames they are addr2 and addr1.
    @Test func sourceAndDestinationFollowTheDSBits() throws {
        let expected: [(UInt8, source: [UInt8], destination: [UInt8])] = [
            (0, Self.mac2, Self.mac1), (1, Self.mac2, Self.mac3), (2, Self.mac3, Self.mac1),
        ]
        for (directions, source, destination) in expected {
            let frame = Self.dataFrame(qos: false, directions: directions)
            let hex = { (mac: [UInt8]) in mac.map { String($0, radix: 16) }.joined(separator: ":") }
            #expect(try Self.verdict("wlan src \(hex(source)) and wlan dst \(hex(destination))", .ieee80211, frame))
            #expect(try !Self.verdict("wlan src \(hex(destination))", .ieee80211, frame))
        }
        var management = Self.dataFrame(qos: false, directions: 3)
        management[0] = 0x80  // beacon
        #expect(try Self.verdict("type mgt subtype beacon and wlan src 0:11:22:33:44:55 and wlan dst 1:2:3:4:5:6",
                                 .ieee80211, management))
    }

    /// Where libpcap's own program is broken — `pppoes` on radiotap, `geneve` on 802.11 (its
    /// prologue then writes the offsets into the cells of the last encapsulation, and its tests
    /// read cells nothing wrote) — ours still finds the encapsulated packet.
    @Test func pppoeAndGeneveInsideDataFramesAreFound() throws {
        let ipv4 = Array(Self.snapIPv4TCP.dropFirst(8))
        let pppoe: [UInt8] = [0xaa, 0xaa, 3, 0, 0, 0, 0x88, 0x64, 0x11, 0, 0, 3, 0, UInt8(ipv4.count + 2), 0, 0x21] + ipv4
        var frame = Self.dataFrame(qos: true, directions: 1)
        frame.removeLast(Self.snapIPv4TCP.count)
        let radiotapPPPoE = Self.radiotap(flags: 0) + frame + pppoe
        #expect(try Self.ours("pppoes 3 and ip and tcp dst port 80", .ieee80211Radiotap, radiotapPPPoE))
        #expect(try !Self.ours("pppoes 4", .ieee80211Radiotap, radiotapPPPoE))
        let innerEthernet: [UInt8] = Self.mac1 + Self.mac2 + [0x08, 0x00] + ipv4
        let geneve: [UInt8] = [0, 0, 0x65, 0x58, 0, 0, 5, 0] + innerEthernet
        let udp: [UInt8] = [0x30, 0x39, 0x17, 0xc1, 0, UInt8(8 + geneve.count), 0, 0] + geneve
        let outer: [UInt8] = [0x45, 0, 0, UInt8(20 + udp.count), 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 9, 10, 0, 0, 8] + udp
        let geneveFrame = frame + [0xaa, 0xaa, 3, 0, 0, 0, 0x08, 0x00] + outer
        for (link, packet) in [(LinkLayer.ieee80211, geneveFrame), (.ieee80211Radiotap, Self.radiotap(flags: 0) + geneveFrame)] {
            #expect(try Self.ours("geneve 5 and ether src 0:11:22:33:44:55 and tcp dst port 80", link, packet))
            #expect(try !Self.ours("geneve 6", link, packet))
        }
    }

    /// The 802.11 primitives are refused by code generation on other link types, with the
    /// place of the primitive, as the semantic problems are.
    @Test func refusalsPointAtThePrimitive() throws {
        let ethernet = CompilationTarget(linkLayer: .ethernet, snapLength: 262_144, source: .unattached)
        for (text, start, end) in [("ip and type mgt subtype beacon", 7, 30), ("dir tods or ip", 0, 8)] {
            do {
                _ = try FilterCompiler().compile(text, for: ethernet, resolver: FixedNameResolver.empty)
                Issue.record("\(text) compiled on Ethernet")
            } catch {
                #expect(error.range == SourceRange(start, end), "\(text): \(error) at \(String(describing: error.range))")
            }
        }
    }

    /// The generated 802.11 frames both hit and miss every primitive the table leans on, so
    /// the table's verdicts say something on these link types.
    @Test(arguments: [LinkLayer.ieee80211, .ieee80211Radiotap])
    func generatedFramesHitAndMiss(link: LinkLayer) throws {
        var factory = PacketFactory(random: SeededGenerator(seed: 0x802_11 ^ UInt64(link.rawValue)))
        let packets = (0..<1500).map { _ in factory.packet(for: link) }
        let target = CompilationTarget(linkLayer: link, snapLength: 262_144, source: .unattached)
        let expressions = ["ip", "ip6", "arp", "tcp port 80", "udp", "wlan type mgt", "type ctl subtype ack",
                           "type data subtype qos-data", "dir dstods", "wlan addr4 1:2:3:4:5:6", "wlan ta 0:11:22:33:44:55",
                           "wlan src 1:2:3:4:5:6", "ether multicast", "ether broadcast", "vlan and ip", "vlan 10",
                           "pppoes and ip", "llc u", "stp", "atalk", "host 10.0.0.1"]
        for expression in expressions {
            let program = try FilterCompiler().compile(expression, for: target, resolver: FixedNameResolver.empty)
            let interpreter = try Interpreter(program)
            let accepted = packets.filter { interpreter.run($0.bytes, wireLength: UInt32($0.wireLength)) != 0 }.count
            #expect(accepted > 0 && accepted < packets.count, "\(expression) on \(link): \(accepted) of \(packets.count)")
        }
    }

    /// Our verdict alone, for packets where libpcap's program is not to be trusted.
    static func ours(_ expression: String, _ link: LinkLayer, _ packet: [UInt8]) throws -> Bool {
        let target = CompilationTarget(linkLayer: link, snapLength: 262_144, source: .unattached)
        let program = try FilterCompiler().compile(expression, for: target, resolver: FixedNameResolver.empty)
        try program.validate(.linuxKernel)
        return try Interpreter(program).run(packet, wireLength: UInt32(packet.count)) != 0
    }

    /// libpcap turns its optimizer off for programs that compute the 802.11 payload offset, so
    /// they never report "expression rejects all packets". Ours optimizes them all the same
    /// (its dataflow follows the branches of the offset computation) but keeps that promise:
    /// such a program is no longer than the unoptimized one, gives every packet the same
    /// verdict, and a filter that matches nothing compiles to `ret #0`.
    @Test(arguments: [LinkLayer.ieee80211, .ieee80211Radiotap])
    func optimizationFollowsLibpcap(link: LinkLayer) throws {
        var factory = PacketFactory(random: SeededGenerator(seed: 0x0e1 ^ UInt64(link.rawValue)))
        let packets = (0..<1500).map { _ in factory.packet(for: link) }
        let target = CompilationTarget(linkLayer: link, snapLength: 262_144, source: .unattached)
        for expression in ["ip and ip6", "ip and not ip", "type mgt and not type mgt", "dir tods and dir fromds",
                           "tcp port 80", "wlan addr1 1:2:3:4:5:6 or ip"] {
            let theirs = LibpcapOracle.compile(expression, dlt: link.rawValue, snaplen: 262_144, optimize: true)
            let ours = Result { try FilterCompiler().compile(expression, for: target, resolver: FixedNameResolver.empty) }
            let plain = try FilterCompiler().compile(expression, for: target, resolver: FixedNameResolver.empty, optimize: false)
            switch (theirs, ours) {
            case (.error(let message), .failure(let error)): #expect(message == "\(error)", "\(expression)")
            case (.program(let reference), .success(let program)):
                let unoptimized = LibpcapOracle.compile(expression, dlt: link.rawValue, snaplen: 262_144, optimize: false)
                guard case .program(let libpcapPlain) = unoptimized, LibpcapOracle.dump(libpcapPlain) == LibpcapOracle.dump(reference) else {
                    continue
                }
                #expect(program.count <= plain.count, "\(expression) on \(link): optimized is longer")
                let optimized = try Interpreter(program), unoptimizedOurs = try Interpreter(plain)
                let disagreeing = packets.filter {
                    optimized.run($0.bytes, wireLength: UInt32($0.wireLength)) != unoptimizedOurs.run($0.bytes, wireLength: UInt32($0.wireLength))
                }
                #expect(disagreeing.isEmpty, "\(expression) on \(link): \(disagreeing.count) verdicts changed")
            case (.error(let message), .success): Issue.record("\(expression) on \(link): libpcap -O says \(message)")
            case (.program, .failure(let error)): Issue.record("\(expression) on \(link): we say \(error)")
            }
        }
        let nothing = try FilterCompiler().compile("ip and ip6", for: target, resolver: FixedNameResolver.empty)
        #expect(nothing.instructions == [.returnConstant(0)])
    }
}
