import BPF
import Glibc
import LiveCapture
import PcapFile
import PcapFilter
import Testing

/// What the socket gets: cooked programs rewritten as libpcap's `fix_program` does, and the
/// user-space fallback with tcpdump's warnings.
@Suite struct KernelProgramTests {
    static func compile(_ expression: String, _ layer: LinkLayer, optimize: Bool = true) throws -> Program {
        try FilterCompiler().compile(expression, for: CompilationTarget(linkLayer: layer, snapLength: 262_144, source: .liveLinux),
                                     resolver: SystemNameResolver(), optimize: optimize)
    }

    static func text(_ instructions: [RawInstruction]) -> String {
        Program(raw: instructions).dump(.listing)
    }

    /// `tcpdump -i any 'udp port 53'` attached (seen with `ss -0 -b`): `[0]` → `proto`,
    /// payload offsets lose the 20-byte header.
    @Test func cookedVersion2OffsetsBecomeAncillaryAndNetworkRelative() throws {
        let program = try Self.compile("udp port 53", .linuxCooked2)
        guard case .attach(let kernel) = KernelProgram.derive(from: program, layer: .anyDevice) else {
            Issue.record("expected a kernel program"); return
        }
        #expect(kernel.count == program.count)
        let listing = Self.text(kernel)
        #expect(listing.hasPrefix("(000) ldh      [proto]\n(001) jeq      #0x86dd"))
        #expect(listing.contains("ldb      [6]"))
        #expect(listing.contains("ldxb     4*([0]&0xf)"))
        // Nothing left reads the cooked header.
        for (before, after) in zip(program.rawInstructions, kernel) where before != after {
            #expect(after.k == before.k &- 20 || after.k >= 0xFFFF_F000)
        }
    }

    @Test(arguments: [("inbound", "[type]"), ("ifindex 3", "[ifidx]")])
    func cookedHeaderFieldsMapToAncillaryLoads(expression: String, load: String) throws {
        guard case .attach(let kernel) = KernelProgram.derive(from: try Self.compile(expression, .linuxCooked2),
                                                              layer: .anyDevice) else {
            Issue.record("expected a kernel program"); return
        }
        #expect(Self.text(kernel).contains(load))
    }

    /// A load of another header field (the link-layer address) cannot run in the kernel: the
    /// whole program runs in user space, silently, as libpcap does.
    @Test func otherCookedHeaderFieldsFilterInUserSpace() throws {
        let program = Program([.loadAbsolute(.byte, offset: 13), .returnConstant(1)])
        #expect(KernelProgram.derive(from: program, layer: .anyDevice) == .userSpace(warning: nil))
    }

    @Test func ethernetProgramsAreAttachedUnchanged() throws {
        let program = try Self.compile("vlan 100 and udp", .ethernet)
        #expect(KernelProgram.derive(from: program, layer: DeviceLinkLayer(hardwareType: 1)) == .attach(program.rawInstructions))
    }

    /// Programs the kernel checker would refuse are never attached: tcpdump's warning for the
    /// EINVAL the kernel would give, then user-space filtering.
    @Test(arguments: [
        RefusedProgram("4,097 instructions",
                       Program(raw: [RawInstruction](repeating: RawInstruction(code: 0x00, k: 1), count: 4096)
                                   + [RawInstruction(code: 0x06, k: 1)])),
        RefusedProgram("M[3] read before any store", Program([.loadScratch(cell: 3), .returnConstant(1)])),
        RefusedProgram("ret x", Program(raw: [RawInstruction(code: 0x0e)])),
        RefusedProgram("empty", Program(raw: [])),
    ])
    func programsTheKernelRefusesFallBack(refused: RefusedProgram) {
        #expect(KernelProgram.derive(from: refused.program, layer: DeviceLinkLayer(hardwareType: 1))
            == .userSpace(warning: "Warning: Kernel filter failed: Invalid argument"))
    }

    @Test func attachFailureWarningsAreTcpdumps() {
        #expect(KernelProgram.attachWarning(SystemCallError(call: "SO_ATTACH_FILTER", errno: 12))
            == "Warning: Couldn't allocate kernel memory for filter: try increasing net.core.optmem_max with sysctl")
        #expect(KernelProgram.attachWarning(SystemCallError(call: "SO_ATTACH_FILTER", errno: 22))
            == "Warning: Kernel filter failed: Invalid argument")
        #expect(KernelProgram.attachWarning(SystemCallError(call: "SO_ATTACH_FILTER", errno: 92)) == nil)
    }
}

/// The ring's geometry, the device table and the statistics text.
@Suite struct ConfigurationTests {
    /// libpcap's 256 KiB blocks from 1 MiB up; smaller buffers get 128 KiB blocks, so that
    /// the ring never has a single block.
    @Test(arguments: [(2048, 8, 262_144), (8192, 32, 262_144), (1024, 4, 262_144), (1, 1, 131_072),
                      (256, 2, 131_072), (300, 3, 131_072), (1000, 8, 131_072)])
    func bufferSizeGivesBlocks(kib: Int, blocks: Int, size: Int) {
        let ring = RingConfiguration(bufferKiB: kib)
        #expect(ring.blockCount == blocks)
        #expect(ring.blockSize == size)
        #expect(ring.problem(pageSize: 4096) == nil)
    }

    @Test func ringRulesAreChecked() {
        var ring = RingConfiguration()
        ring.retireTimeoutMilliseconds = 0
        #expect(ring.problem(pageSize: 4096) != nil)
        ring.retireTimeoutMilliseconds = 70_000
        #expect(ring.problem(pageSize: 4096) != nil)
        ring = RingConfiguration()
        ring.blockSize = 4096  // would clamp a 64 KiB loopback packet (pitfall 6)
        #expect(ring.problem(pageSize: 4096) != nil)
        ring.blockSize = 200_000
        #expect(ring.problem(pageSize: 4096) != nil)
    }

    @Test(arguments: [
        (UInt16(1), LinkType.ethernet, false), (772, .ethernet, false), (0xFFFE, .raw, false), (776, .raw, false),
        (512, .linuxSLL, true), (778, .linuxSLL, true), (803, .ieee802_11Radiotap, false),
    ])
    func hardwareTypesMapAsLibpcapDoes(hardware: UInt16, linkType: LinkType, cooked: Bool) {
        let layer = DeviceLinkLayer(hardwareType: hardware)
        #expect(layer.linkType == linkType)
        #expect((layer.cookedHeader != nil) == cooked)
    }

    @Test func statisticsTextIsTcpdumps() {
        let one = CaptureStatistics(captured: 1, receivedByFilter: 2, droppedByKernel: 0)
        #expect(one.report == "1 packet captured\n2 packets received by filter\n0 packets dropped by kernel\n")
        #expect(one.summaryLine == "1 packet captured, 2 packets received by filter, 0 packets dropped by kernel\n")
    }

    @Test func errorsUseLibpcapsWording() {
        #expect(LiveCaptureError.deviceNotUp(name: "c1").description == "c1: That device is not up")
        #expect(LiveCaptureError.permissionDenied(name: "lo", SystemCallError(call: "socket", errno: 1)).description
            == "lo: You don't have permission to perform this capture on that device\n(socket: Operation not permitted)")
        #expect(LiveCaptureError.noSuchDevice(name: "x").description == "x: No such device exists\n(No such device exists)")
    }
}

import CLibpcap

/// Regression: compiling *text* for a live socket dropped the `ld #0; st M[0]; st M[1]`
/// prologue of `vlan` (the argument was evaluated after the state it reads was copied), and
/// the kernel refused every such program. Unoptimized, ours must equal libpcap's program for
/// a live socket on `lo`; optimized, the kernel profile must accept it.
@Suite struct LiveVLANProgramTests {
    static let expressions = ["vlan 100 and udp", "vlan and vlan 3 and ip", "udp and vlan 5", "vlan 7 and tcp port 80",
                              "not vlan and ip", "vlan or ip"]

    static func libpcapLive(_ expression: String) -> [RawInstruction]? {
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let handle = pcap_create("lo", &errorBuffer) else { return nil }
        defer { pcap_close(handle) }
        guard pcap_activate(handle) >= 0 else { return nil }
        var program = bpf_program()
        guard pcap_compile(handle, &program, expression, 0, PCAP_NETMASK_UNKNOWN) == 0 else { return nil }
        defer { pcap_freecode(&program) }
        return UnsafeBufferPointer(start: program.bf_insns, count: Int(program.bf_len)).map {
            RawInstruction(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k)
        }
    }

    @Test(.enabled(if: geteuid() == 0, "needs CAP_NET_RAW to open lo as libpcap"), arguments: expressions)
    func liveVLANFromTextKeepsItsScratchPrologue(expression: String) throws {
        let unoptimized = try KernelProgramTests.compile(expression, .ethernet, optimize: false)
        let reference = try #require(Self.libpcapLive(expression))
        #expect(KernelProgramTests.text(unoptimized.rawInstructions) == KernelProgramTests.text(reference))
        let optimized = try KernelProgramTests.compile(expression, .ethernet)
        #expect(throws: Never.self) { try optimized.validate(.linuxKernel) }
    }
}

/// A program the kernel checker refuses, named in test output by why (not by its 4,097 words).
struct RefusedProgram: Sendable, CustomTestStringConvertible {
    let reason: String
    let program: Program
    init(_ reason: String, _ program: Program) {
        self.reason = reason
        self.program = program
    }
    var testDescription: String { reason }
}
