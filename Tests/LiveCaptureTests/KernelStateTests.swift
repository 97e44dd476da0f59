import Foundation
import Glibc
import Testing

/// What the kernel actually got, read back with `ss -0 -b -e -i -p` inside the namespace,
/// against tcpdump started the same way: the attached program (cooked rewrite included), the
/// TPACKET version, the ring geometry and the block timeout.
enum KernelStateTools {
    static let tcpdump = ["/usr/bin/tcpdump", "/usr/sbin/tcpdump"].first(where: FileManager.default.isExecutableFile(atPath:))
    static let available = tcpdump != nil && FileManager.default.isExecutableFile(atPath: "/usr/bin/ss")
}

@Suite(.serialized, .enabled(if: LiveTestEnvironment.available && KernelStateTools.available, LiveTestEnvironment.reason),
       .timeLimit(.minutes(1)))
struct KernelStateTests {

    /// The `ss` lines describing the packet socket of process `pid`.
    static func socketState(_ lab: NamespaceLab, pid: pid_t) throws -> [String] {
        let lines = try lab.exec(lab.b, ["/usr/bin/ss", "-0", "-b", "-e", "-i", "-p"]).outputText.split(separator: "\n")
        guard let start = lines.firstIndex(where: { $0.contains("pid=\(pid),") }) else { return [] }
        return lines[(start + 1)...].prefix { $0.hasPrefix("\t") }.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static func state(of arguments: [String], executable: String, in lab: NamespaceLab) throws -> [String] {
        let run = try LiveRun(arguments: ["netns", "exec", lab.b, executable] + arguments)
        try run.waitForBanner()
        let state = try socketState(lab, pid: run.pid)
        run.signal(SIGINT)
        _ = run.finish()
        return state
    }

    /// Unoptimized (both `-O`), the program tcpdump attaches and ours are the same words, on
    /// a device and on `any` (where the offsets are rewritten for the kernel's view), and the
    /// rings have the same geometry and timeout. (`inbound` and `ip[8] = 64` are left out: our
    /// unoptimized layout orders their returns and numbers their scratch cells differently from
    /// libpcap's — same verdicts, different words.)
    @Test(arguments: [
        ("veth1", "udp port 53"), ("veth1", "tcp and host 192.0.2.1"), ("veth1", "ip6 or arp"), ("veth1", ""),
        ("veth1", "vlan 100 and udp"), ("any", "udp port 53"), ("any", "tcp and host 192.0.2.1"),
        ("any", "ip6 or arp"), ("any", ""), ("any", "ifindex 2 and udp"),
    ])
    func attachedProgramAndRingEqualTcpdumps(device: String, expression: String) throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let arguments = ["-i", device, "-O", "-w", "/dev/null"] + (expression.isEmpty ? [] : [expression])
        let ours = try Self.state(of: arguments, executable: NamespaceLab.swiftdump, in: lab)
        let theirs = try Self.state(of: ["-Z", "root"] + arguments, executable: try #require(KernelStateTools.tcpdump), in: lab)
        #expect(ours.first { $0.hasPrefix("bpf filter") } != nil)
        #expect(ours.first { $0.hasPrefix("bpf filter") } == theirs.first { $0.hasPrefix("bpf filter") })
        #expect(ours.first { $0.hasPrefix("ring_rx") } == theirs.first { $0.hasPrefix("ring_rx") })
        #expect(ours.first?.hasPrefix("ver:2 ") == true)  // TPACKET_V3
    }

    /// 1 s blocks when writing, 100 ms when printing with -l, 1 ms in immediate mode; -B in KiB.
    @Test(arguments: [
        (["-w", "/dev/null"], "blk_nr:8,frm_size:262144,frm_nr:8,tmo:1000"),
        (["-l"], "blk_nr:8,frm_size:262144,frm_nr:8,tmo:100"),
        (["--immediate-mode", "-w", "/dev/null"], "tmo:1,"),
        (["-B", "8192", "-w", "/dev/null"], "blk_nr:32,frm_size:262144,frm_nr:32,tmo:1000"),
    ])
    func ringGeometryAndTimeout(options: [String], expected: String) throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let state = try Self.state(of: ["-i", "veth1"] + options + ["udp"], executable: NamespaceLab.swiftdump, in: lab)
        #expect(state.contains { $0.hasPrefix("ring_rx(blk_size:262144,") && $0.contains(expected) }, "\(state)")
    }
}
