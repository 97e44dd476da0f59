import TestSupport
import PcapFile
import Testing

@Suite struct PcapngTests {
    /// if_tsresol in every decimal and several binary resolutions, with offsets: our
    /// nanosecond timestamps equal libpcap's at nanosecond precision.
    @Test func timestampResolutionsMatchLibpcap() {
        let seed = UInt64.random(in: 0...UInt64.max)
        var random = SeededGenerator(seed: seed)
        for order in Endianness.allCases {
            for tsresol in Array(UInt8(0)...19) + [0x80, 0x81, 0x8A, 0x94, 0x9E, 0xA0, 0xBF] {
                var builder = PcapngBuilder(endianness: order)
                builder.section()
                builder.interface(linkType: 1, snapshotLength: 0, tsresol: tsresol,
                                  tsoffset: Bool.random(using: &random) ? Int64.random(in: -5...5, using: &random) : nil)
                for _ in 0..<20 {
                    let ticks = [0, 1, UInt64.max, UInt64(Int64.max), UInt64.random(in: 0...UInt64.max, using: &random),
                                 UInt64.random(in: 0...1 << 40, using: &random)].randomElement(using: &random) ?? 0
                    builder.enhancedPacket(interfaceID: 0, ticks: ticks, data: [1, 2], originalLength: 2)
                }
                let ours = ourRead(builder.bytes), theirs = libpcapRead(builder.bytes)
                #expect(ours == theirs, "seed \(seed) \(order) tsresol \(tsresol)")
                #expect(ours.packets.count == 20)
            }
        }
    }

    @Test(arguments: [
        ("tsresol length", { @Sendable (b: inout PcapngBuilder) in
            b.block(type: 1) { w in w.u16(1); w.u16(0); w.u32(0); w.u16(9); w.u16(2); w.u32(6) } },
         "Interface Description Block has if_tsresol option with length 2 != 1"),
        ("tsresol too high", { b in b.interface(linkType: 1, snapshotLength: 0, tsresol: 20) },
         "Interface Description Block if_tsresol option resolution 10^-20 is too high"),
        ("binary too high", { b in b.interface(linkType: 1, snapshotLength: 0, tsresol: 0xC0) },
         "Interface Description Block if_tsresol option resolution 2^-64 is too high"),
        ("two tsresol", { b in
            b.block(type: 1) { w in w.u16(1); w.u16(0); w.u32(0); w.u16(9); w.u16(1); w.u32(6); w.u16(9); w.u16(1); w.u32(6) } },
         "Interface Description Block has more than one if_tsresol option"),
        ("tsoffset length", { b in
            b.block(type: 1) { w in w.u16(1); w.u16(0); w.u32(0); w.u16(14); w.u16(4); w.u32(6) } },
         "Interface Description Block has if_tsoffset option with length 4 != 8"),
        ("endofopt length", { b in
            b.block(type: 1) { w in w.u16(1); w.u16(0); w.u32(0); w.u16(0); w.u16(4); w.u32(6) } },
         "Interface Description Block has opt_endofopt option with length 4 != 0"),
        ("option past end", { b in
            b.block(type: 1) { w in w.u16(1); w.u16(0); w.u32(0); w.u16(2); w.u16(40); w.u32(6) } },
         "block of type 1 in pcapng dump file is too short"),
        ("packet first", { b in b.simplePacket(data: [1], originalLength: 1) },
         "the capture file has a packet block before any Interface Description Blocks"),
        ("no interfaces", { b in b.unknownBlock() }, "the capture file has no Interface Description Blocks"),
        ("unknown interface", { b in
            b.interface(linkType: 1, snapshotLength: 0); b.enhancedPacket(interfaceID: 1, ticks: 0, data: [], originalLength: 0) },
         "a packet arrived on interface 1, but there's no Interface Description Block for that interface"),
        ("caplen over snaplen", { b in
            b.interface(linkType: 1, snapshotLength: 2); b.enhancedPacket(interfaceID: 0, ticks: 0, data: [1, 2, 3], originalLength: 3) },
         "invalid packet capture length 3, bigger than snaplen of 2"),
        ("huge block", { b in b.interface(linkType: 1, snapshotLength: 0); b.out.u32(6); b.out.u32(0x7FFF_FFF0) },
         "pcapng block size 2147483632 > maximum 16777216"),
        ("odd block", { b in b.interface(linkType: 1, snapshotLength: 0); b.out.u32(6); b.out.u32(13) },
         "block in pcapng dump file has a length of 13 that is not a multiple of 4"),
        ("tiny block", { b in b.interface(linkType: 1, snapshotLength: 0); b.out.u32(6); b.out.u32(8) },
         "block in pcapng dump file has a length of 8 < 12"),
        ("later major version", { b in b.interface(linkType: 1, snapshotLength: 0); b.section(major: 2) },
         "unknown pcapng savefile major version number 2"),
    ] as [(String, @Sendable (inout PcapngBuilder) -> Void, String)])
    func corruptBlocksFailWithLibpcapsMessage(name: String, build: @Sendable (inout PcapngBuilder) -> Void, message: String) {
        for order in Endianness.allCases {
            var builder = PcapngBuilder(endianness: order)
            builder.section()
            build(&builder)
            let ours = ourRead(builder.bytes), theirs = libpcapRead(builder.bytes)
            #expect(ours == theirs, "\(name) \(order)")
            #expect(ours.error == message, "\(name) \(order)")
        }
    }

    /// Deliberately more than libpcap: sections may change byte order. libpcap 1.10.3 reads
    /// a new section's length in the old byte order, so it stops there (here with "pcapng
    /// block size … > maximum"; it would say "the file has sections with different byte
    /// orders" if it got that far).
    @Test func sectionsWithOppositeByteOrdersAreRead() throws {
        for first in Endianness.allCases {
            var builder = PcapngBuilder(endianness: first)
            let other: Endianness = first == .little ? .big : .little
            builder.section()
            builder.interface(linkType: 1, snapshotLength: 0)
            builder.enhancedPacket(interfaceID: 0, ticks: 1_000_001, data: [1], originalLength: 1)
            builder.switchOrder(to: other)
            builder.section()
            builder.interface(linkType: 101, snapshotLength: 0, tsresol: 9)
            builder.interface(linkType: 1, snapshotLength: 0)
            builder.enhancedPacket(interfaceID: 0, ticks: 2_000_000_002, data: [0x45, 0], originalLength: 2)
            builder.switchOrder(to: first)
            builder.section(minor: 2)
            builder.interface(linkType: 228, snapshotLength: 0)
            builder.enhancedPacket(interfaceID: 0, ticks: 3_000_003, data: [0x45], originalLength: 1)

            let theirs = libpcapRead(builder.bytes)
            #expect(theirs.error?.hasPrefix("pcapng block size") == true)
            #expect(theirs.packets.count == 1)

            let reader = try CaptureFileReader(bytes: builder.bytes)
            var packets: [CapturedPacket] = []
            while let packet = try reader.next() { packets.append(packet) }
            #expect(packets.map(\.linkType) == [.ethernet, .raw, .ipv4])
            #expect(packets.map(\.timestamp) == [Timestamp(seconds: 1, nanoseconds: 1000),
                                                  Timestamp(seconds: 2, nanoseconds: 2),
                                                  Timestamp(seconds: 3, nanoseconds: 3000)])
            #expect(packets.map(\.data) == [[1], [0x45, 0], [0x45]])
            #expect(ComparablePacket(packets[0]) == theirs.packets.first)
        }
    }

    /// Deliberately more than libpcap: interfaces of different link types (libpcap 1.10.3
    /// stops at the second interface); each packet carries its interface's link type.
    @Test func interfacesWithMixedLinkTypesAreRead() throws {
        var builder = PcapngBuilder(endianness: .big)
        builder.section()
        builder.interface(linkType: 1, snapshotLength: 100)
        builder.enhancedPacket(interfaceID: 0, ticks: 5, data: [1, 1], originalLength: 2)
        builder.interface(linkType: 113, snapshotLength: 200)
        builder.enhancedPacket(interfaceID: 1, ticks: 6, data: Array(repeating: 7, count: 150), originalLength: 150)
        builder.enhancedPacket(interfaceID: 0, ticks: 7, data: [2], originalLength: 2)

        let theirs = libpcapRead(builder.bytes)
        #expect(theirs.error == "an interface has a type 113 different from the type of the first interface")
        #expect(theirs.packets.count == 1)

        let reader = try CaptureFileReader(bytes: builder.bytes)
        #expect(reader.linkType == .ethernet && reader.snapshotLength == 100)
        var packets: [CapturedPacket] = []
        while let packet = try reader.next() { packets.append(packet) }
        #expect(packets.map(\.linkType) == [.ethernet, .linuxSLL, .ethernet])
        #expect(packets.map(\.interfaceIndex) == [0, 1, 0])
        #expect(packets[1].data.count == 150)
    }

    /// libpcap 1.10.3 compares the first interface's DLT_ with the next one's LINKTYPE_,
    /// so a file of two raw-IP interfaces (LINKTYPE 101, DLT 12) fails; we read it.
    @Test func twoRawIPInterfacesAreReadWhereLibpcapFails() throws {
        var builder = PcapngBuilder(endianness: .little)
        builder.section()
        builder.interface(linkType: 101, snapshotLength: 0)
        builder.interface(linkType: 101, snapshotLength: 0)
        builder.enhancedPacket(interfaceID: 1, ticks: 0, data: [0x45], originalLength: 1)
        #expect(libpcapRead(builder.bytes).error == "an interface has a type 101 different from the type of the first interface")
        #expect(ourRead(builder.bytes).packets.count == 1)
    }
}
