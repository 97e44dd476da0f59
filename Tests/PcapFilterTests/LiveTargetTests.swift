import TestSupport
import BPF
import CLibpcap
import PcapFilter
import Testing

/// The live Linux target against libpcap compiling for a live socket on `lo` (needs the
/// rights to open it; the test records an issue when it cannot). Both programs run in our
/// interpreter, which supplies the kernel's ancillary data (libpcap's `bpf_filter` has none).
@Suite struct LiveTargetTests {
    static let seed: UInt64 = 0x11fe_0a17

    static let rows: [DifferentialTable.Row] = [
        DifferentialTable.R("vlan", F.vlan()),
        DifferentialTable.R("vlan 10", F.vlan(10)),
        DifferentialTable.R("vlan 10 and ip", F.vlan(10) && F.k(.ip)),
        DifferentialTable.R("ip and vlan and tcp", F.k(.ip) && F.vlan() && F.k(.tcp)),
        DifferentialTable.R("vlan and vlan 3 and ip", F.vlan() && F.vlan(3) && F.k(.ip)),
        DifferentialTable.R("not vlan and ip", !F.vlan() && F.k(.ip)),
        DifferentialTable.R("vlan or ip", F.vlan() || F.k(.ip)),
        DifferentialTable.R("vlan 7 and tcp port 80", F.vlan(7) && F.port(80, .tcp)),
        DifferentialTable.R("vlan and ether host 1:2:3:4:5:6", F.vlan() && F.ether(DifferentialTable.mac)),
        DifferentialTable.R("vlan and udp[2:2] = 53", F.vlan() && F.rel(F.load(.transport(.udp), 2, .half), .equal, 53)),
        DifferentialTable.R("vlan and mpls and ip", F.vlan() && F.p(.mpls(nil)) && F.k(.ip)),
        DifferentialTable.R("vlan and geneve and ip", F.vlan() && F.p(.geneve(nil)) && F.k(.ip)),
        DifferentialTable.R("vlan and protochain 6", F.vlan() && F.p(.protochain(.any, 6))),
        DifferentialTable.R("inbound", F.p(.direction(.inbound))),
        DifferentialTable.R("outbound and vlan 10", F.p(.direction(.outbound)) && F.vlan(10)),
        DifferentialTable.R("ifindex 2", F.p(.interfaceIndex(2))),
    ]

    /// libpcap's program for a live capture on `lo`, or its error message.
    static func libpcapLive(_ expression: String) -> LibpcapOracle.Compiled? {
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let handle = pcap_create("lo", &errorBuffer) else { return nil }
        defer { pcap_close(handle) }
        guard pcap_activate(handle) >= 0 else { return nil }
        var program = bpf_program()
        if pcap_compile(handle, &program, expression, 0, PCAP_NETMASK_UNKNOWN) != 0 {
            return .error(String(cString: pcap_geterr(handle)))
        }
        defer { pcap_freecode(&program) }
        return .program(Array(UnsafeBufferPointer(start: program.bf_insns, count: Int(program.bf_len))))
    }

    @Test func liveProgramsAgreeWithLibpcapUnderMetadata() throws {
        print("LiveTargetTests seed \(Self.seed)")
        var factory = PacketFactory(random: SeededGenerator(seed: Self.seed))
        factory.favourEncapsulations = true
        let packets = (0..<1500).map { _ in factory.packet(for: .ethernet) }
        var metadata: [PacketMetadata] = [PacketMetadata()]
        for tci: UInt16 in [10, 7, 3, 0x200a] {
            for packetType: UInt8 in [0, 4] {
                metadata.append(PacketMetadata(packetType: packetType, interfaceIndex: 2, vlanTCI: tci, vlanTagPresent: true))
            }
        }
        metadata.append(PacketMetadata(packetType: 4, interfaceIndex: 1))
        let target = CompilationTarget(linkLayer: .ethernet, snapLength: 262_144, source: .liveLinux)
        for row in Self.rows {
            guard let reference = Self.libpcapLive(row.expression) else {
                Issue.record("cannot open lo to compile for a live socket")
                return
            }
            let ours: Result<Program, CodeGenerationError>
            do { ours = .success(try FilterCompiler().generate(row.filter, for: target)) } catch { ours = .failure(error) }
            switch (reference, ours) {
            case let (.error(message), .failure(error)):
                #expect(error.description == message, "\(row.expression)")
            case let (.error(message), .success):
                Issue.record("\(row.expression): libpcap says \(message), we compiled")
            case let (.program, .failure(error)):
                Issue.record("\(row.expression): we say \(error), libpcap compiled")
            case let (.program(theirs), .success(program)):
                let reference = try Interpreter(Program(raw: theirs.map { RawInstruction(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) }))
                let mine = try Interpreter(program)
                var accepted = 0
                var reported = false
                for (bytes, wire) in packets {
                    for data in metadata {
                        let expected = reference.run(bytes, wireLength: UInt32(wire), metadata: data)
                        if expected != 0 { accepted += 1 }
                        if expected != mine.run(bytes, wireLength: UInt32(wire), metadata: data), !reported {
                            reported = true
                            Issue.record("\(row.expression): libpcap \(expected) for \(bytes) with \(data)\nours:\n\(LibpcapOracle.dump(LibpcapOracle.instructions(program)))")
                        }
                    }
                }
                #expect(accepted > 0, "\(row.expression) accepted nothing")
            }
        }
    }

    /// The shape the kernel sees: the same instructions as `tcpdump -d -i lo 'vlan 10 and ip'`.
    @Test func vlanProgramMatchesLibpcapStructure() throws {
        guard case .program(let theirs)? = Self.libpcapLive("vlan 10 and ip") else {
            Issue.record("cannot open lo to compile for a live socket")
            return
        }
        let target = CompilationTarget(linkLayer: .ethernet, snapLength: 262_144, source: .liveLinux)
        let program = try FilterCompiler().generate(F.vlan(10) && F.k(.ip), for: target)
        let ours = LibpcapOracle.dump(LibpcapOracle.instructions(program))
        #expect(ours == LibpcapOracle.dump(theirs))
        #expect(ours.hasPrefix("(000) ld       #0x0\n(001) st       M[0]\n(002) st       M[1]\n(003) ldb      [vlanp]"))
    }
}
