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
