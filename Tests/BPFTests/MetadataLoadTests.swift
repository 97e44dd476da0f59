import BPF
import Testing

/// Linux ancillary and header-relative loads, fed from ``PacketMetadata``. There is no
/// libpcap oracle here: the expected values are the kernel's (`convert_bpf_extensions`,
/// `bpf_internal_load_pointer_neg_helper` in net/core/filter.c).
@Suite struct MetadataLoadTests {
    static let metadata = PacketMetadata(
        protocol: 0x86DD, packetType: 3, interfaceIndex: 7, hardwareType: 1, mark: 0xDEAD_BEEF,
        queue: 5, rxHash: 0x1234_5678, cpu: 1, vlanTCI: 0xE064, vlanTagPresent: true,
        vlanTPID: 0x88A8, networkHeaderOffset: 14, payloadOffset: 54, random: 0xCAFE_F00D)

    static let packet: [UInt8] = Array(0..<64)

    /// (field, value the kernel loads into A).
    static let fields: [(AncillaryField, UInt32)] = [
        (.protocol, 0x86DD), (.packetType, 3), (.interfaceIndex, 7), (.mark, 0xDEAD_BEEF),
        (.queue, 5), (.hardwareType, 1), (.rxHash, 0x1234_5678), (.cpu, 1),
        (.vlanTag, 0xE064), (.vlanTagPresent, 1), (.payloadOffset, 54), (.random, 0xCAFE_F00D),
        (.vlanTPID, 0x88A8),
    ]


    @Test func ancillaryFieldsReadTheirMetadata() throws {
        for (field, expected) in Self.fields {
            for size in LoadSize.allCases {
                let program = Program([.loadAbsolute(size, offset: field.loadOffset), .returnAccumulator])
                try program.validate(.linuxKernel)
                let interpreter = try Interpreter(program)
                #expect(interpreter.run(Self.packet, metadata: Self.metadata) == expected, "\(field) \(size)")
                // Without metadata the load is out of bounds, as in libpcap with no aux data.
                #expect(interpreter.run(Self.packet) == 0, "\(field) \(size) without metadata")
                #expect(LibpcapOracle.filter(LibpcapOracle.instructions(program), packet: Self.packet, wireLength: 64) == 0)
            }
        }
    }

    @Test func absentVLANTagReadsZero() throws {
        let program = Program([.loadAbsolute(.byte, offset: AncillaryField.vlanTagPresent.loadOffset), .returnAccumulator])
        let accept = Program([
            .loadAbsolute(.byte, offset: AncillaryField.vlanTagPresent.loadOffset),
            .jump(.equal, .constant(0), ifTrue: 0, ifFalse: 1), .returnConstant(99), .returnConstant(0),
        ])
        #expect(try Interpreter(program).run(Self.packet, metadata: PacketMetadata()) == 0)
        #expect(try Interpreter(accept).run(Self.packet, metadata: PacketMetadata()) == 99)
    }

    @Test func xorXAncillaryXorsTheAccumulator() throws {
        let program = Program([
            .loadXConstant(0x0F0F), .loadConstant(0x00FF),
            .loadAbsolute(.word, offset: AncillaryField.xorX.loadOffset), .returnAccumulator,
        ])
        #expect(try Interpreter(program).run(Self.packet, metadata: Self.metadata) == 0x0FF0)
    }

    /// (load offset, load size, expected A; 0 where the kernel drops the packet).
    static let headerRelative: [(UInt32, LoadSize, UInt32)] = [
        (AncillaryField.networkHeaderBaseOffset + 9, .byte, 23),          // packet[14 + 9]
        (AncillaryField.networkHeaderBaseOffset + 0, .word, 0x0E0F_1011),
        (AncillaryField.networkHeaderBaseOffset + 48, .half, 0x3E3F),     // packet[62…63]
        (AncillaryField.networkHeaderBaseOffset + 49, .half, 0),          // past the end
        (AncillaryField.linkHeaderBaseOffset + 12, .half, 0x0C0D),
        (AncillaryField.linkHeaderBaseOffset + 63, .byte, 63),
        (AncillaryField.linkHeaderBaseOffset + 64, .byte, 0),
        (AncillaryField.linkHeaderBaseOffset - 1, .byte, 0),              // below SKF_LL_OFF
    ]

    @Test func headerRelativeLoadsReadFromTheirHeader() throws {
        for (offset, size, expected) in Self.headerRelative {
            let absolute = Program([.loadAbsolute(size, offset: offset), .returnAccumulator])
            let indirect = Program([
                .loadXConstant(offset &- 1000), .loadIndirect(size, offset: 1000), .returnAccumulator,
            ])
            for program in [absolute, indirect] {
                #expect(try Interpreter(program).run(Self.packet, metadata: Self.metadata) == expected,
                        "offset 0x\(String(offset, radix: 16)) \(size)")
                #expect(try Interpreter(program).run(Self.packet) == 0)
            }
        }
        let headerLength = Program([
            .loadXIPHeaderLength(offset: AncillaryField.networkHeaderBaseOffset), .txa, .returnAccumulator,
        ])
        var ipv4 = Self.packet
        ipv4[14] = 0x46
        #expect(try Interpreter(headerLength).run(ipv4, metadata: Self.metadata) == 24)
        #expect(try Interpreter(headerLength).run(ipv4) == 0)
    }

    @Test func netlinkAttributeSearch() throws {
        // Two attributes from offset 4: type 1 (6 bytes, padded to 8), then type 2 nesting
        // type 9 (length 8), then nothing.
        let message: [UInt8] = [0xAA, 0xAA, 0xAA, 0xAA]
            + [6, 0, 1, 0, 0xB, 0xB, 0, 0]
            + [12, 0, 2, 0x80, 8, 0, 9, 0, 1, 2, 3, 4]
        func find(_ field: AncillaryField, a: UInt32, type: UInt32) throws -> UInt32 {
            let program = Program([
                .loadXConstant(type), .loadConstant(a),
                .loadAbsolute(.word, offset: field.loadOffset), .returnAccumulator,
            ])
            return try Interpreter(program).run(message, metadata: PacketMetadata())
        }
        #expect(try find(.netlinkAttribute, a: 4, type: 1) == 4)
        #expect(try find(.netlinkAttribute, a: 4, type: 2) == 12)  // NLA_F_NESTED ignored
        #expect(try find(.netlinkAttribute, a: 4, type: 9) == 0)
        #expect(try find(.netlinkAttribute, a: 21, type: 1) == 0)  // fewer than 4 bytes left
        #expect(try find(.netlinkNestedAttribute, a: 12, type: 9) == 16)
        #expect(try find(.netlinkNestedAttribute, a: 12, type: 1) == 0)
    }
}
