import BPF
import PcapFilter
import Testing

@Suite struct TargetTests {
    /// Savefiles carry no direction outside cooked headers: libpcap's messages, verbatim.
    @Test func savefileErrors() {
        let file = CompilationTarget(linkLayer: .ethernet, snapLength: 1536, source: .savefile(writerByteOrder: .littleEndian))
        #expect(throws: CodeGenerationError.directionUnsupported(.ethernet)) {
            try FilterCompiler().generate(F.p(.direction(.inbound)), for: file)
        }
        #expect(CodeGenerationError.directionUnsupported(.ethernet).description
            == "inbound/outbound not supported on Ethernet when reading savefiles")
        #expect(CodeGenerationError.vlanUnsupported(.linuxCooked).description == "no VLAN support for Linux cooked v1")
    }

    /// `DLT_NULL` families are compared in the byte order of the machine that wrote the file.
    @Test func nullFamilyFollowsWriterByteOrder() throws {
        func firstCompare(_ order: ByteOrder) throws -> Instruction? {
            let target = CompilationTarget(linkLayer: .null, snapLength: 100, source: .savefile(writerByteOrder: order))
            return try FilterCompiler().generate(F.k(.ip), for: target).instructions.dropFirst().first
        }
        #expect(try firstCompare(.littleEndian) == .jump(.equal, .constant(0x0200_0000), ifTrue: 0, ifFalse: 1))
        #expect(try firstCompare(.bigEndian) == .jump(.equal, .constant(2), ifTrue: 0, ifFalse: 1))
    }

    /// For a capture file libpcap matches IPv6 on every BSD `AF_INET6` value (30, 24, 28, in
    /// that order, as `tcpdump -d -r icmpv6-RFC2894-RR.pcap ip6` prints) and not on Linux's 10,
    /// which is what a dead handle compares.
    @Test(arguments: [(LinkLayer.null, ByteOrder.littleEndian), (.null, .bigEndian), (.loop, .littleEndian)])
    func savefileIPv6FamiliesAreTheBSDOnes(link: LinkLayer, order: ByteOrder) throws {
        let file = CompilationTarget(linkLayer: link, snapLength: 65535, source: .savefile(writerByteOrder: order))
        let compared = try FilterCompiler().generate(F.k(.ip6), for: file).instructions.compactMap { instruction in
            if case .jump(.equal, .constant(let k), _, _) = instruction { return k }
            return nil
        }
        let swapped = link == .null && order == .littleEndian
        #expect(compared == [30, 24, 28].map { swapped ? UInt32($0).byteSwapped : $0 })
        let dead = CompilationTarget(linkLayer: link, snapLength: 65535, source: .unattached)
        let deadCompared = try FilterCompiler().generate(F.k(.ip6), for: dead).instructions.dropFirst().first
        #expect(deadCompared == .jump(.equal, .constant(link == .null ? 0x0a00_0000 : 10), ifTrue: 0, ifFalse: 1))
    }

    /// Every accepting return carries the target's snap length.
    @Test func acceptReturnsSnapLength() throws {
        let target = CompilationTarget(linkLayer: .ethernet, snapLength: 1536, source: .unattached)
        let program = try FilterCompiler().generate(F.port(80), for: target)
        #expect(program.instructions.contains(.returnConstant(1536)))
        #expect(program.instructions.last == .returnConstant(0))
    }

    /// Debian's libpcap is built without `gateway` (text checked with `tcpdump -d 'gateway localhost'`).
    @Test func gatewayIsRefused() {
        let target = CompilationTarget(linkLayer: .ethernet, snapLength: 1536, source: .unattached)
        #expect(throws: CodeGenerationError.gatewayPrimitiveUnsupported) { try FilterCompiler().generate(F.p(.gateway), for: target) }
        #expect(CodeGenerationError.gatewayPrimitiveUnsupported.description == "'gateway' not supported in this configuration")
    }

    /// `llc NAME` names, case-insensitive as in libpcap; unknown names are the resolver's error.
    @Test func llcNames() {
        #expect(LLCFrame(name: "RR") == .supervisoryFunction(1))
        #expect(LLCFrame(name: "xid") == .unnumberedFunction(0xaf))
        #expect(LLCFrame(name: "I") == .information)
        #expect(LLCFrame(name: "snrm") == nil)
    }
}
