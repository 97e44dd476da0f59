import Foundation
import Glibc
import PacketCraft
import PcapFile
import Testing

/// Live capture where things go wrong or the user intervenes: down, missing and vanishing
/// devices, no privilege, a kernel that refuses the filter, signals, closed pipes.
@Suite(.serialized, .enabled(if: LiveTestEnvironment.available, LiveTestEnvironment.reason), .timeLimit(.minutes(1)))
struct NamespaceFailureTests {
    /// A down device binds without error; `SO_ERROR` says ENETDOWN (pitfall 9).
    @Test func downDeviceSaysItIsNotUp() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        try NamespaceLab.check(["-n", lab.b, "link", "add", "d0", "type", "veth", "peer", "name", "d1"])
        let result = try lab.exec(lab.b, [NamespaceLab.swiftdump, "-i", "d0"])
        #expect(result.status == 1)
        #expect(result.errorText == "swiftdump: d0: That device is not up\n")
        let missing = try lab.exec(lab.b, [NamespaceLab.swiftdump, "-i", "nosuch0"])
        #expect(missing.status == 1)
        #expect(missing.errorText == "swiftdump: nosuch0: No such device exists\n(No such device exists)\n")
    }

    /// Without CAP_NET_RAW: tcpdump's message, exit 1.
    @Test func withoutCapNetRawSaysPermission() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let result = try lab.exec(lab.b, ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all",
                                          "--bounding-set=-all", NamespaceLab.swiftdump, "-i", "veth1"])
        #expect(result.status == 1)
        #expect(result.errorText == "swiftdump: veth1: You don't have permission to perform this capture on that device\n"
                    + "(socket: Operation not permitted)\n")
    }

    /// The veth is deleted mid-capture: the packets already in the ring reach the file, then
    /// the message, the statistics, exit 1 (tcpdump loses those packets).
    @Test func vanishingInterfaceEndsWithIntactFile() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let file = LabFrames.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try lab.startCapture(in: lab.b, ["-i", "veth1", "-w", file, "udp"])
        let frames = [LabFrames.udp(port: 1), LabFrames.udp(port: 2)]
        try lab.inject(frames, from: lab.a, interface: "veth0")
        try NamespaceLab.check(["-n", lab.a, "link", "del", "veth0"])
        let result = run.finish()
        #expect(result.status == 1)
        #expect(result.errorText.contains("swiftdump: The interface disappeared\n2 packets captured\n"), "\(result.errorText)")
        #expect(try LabFrames.read(file).1.map(\.data) == frames)
    }

    /// A filter too big for `net.core.optmem_max` (lowered in this namespace only): tcpdump's
    /// warning, the same as tcpdump prints here, and the filter runs in user space with the
    /// same verdicts; every packet is then counted as received (none was filtered in the kernel).
    @Test func kernelRefusalFallsBackToUserSpace() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        try lab.exec(lab.b, ["sysctl", "-qw", "net.core.optmem_max=20480"])
        // 300 absolute loads with -O: far past the ~196 that fit in 20 KiB once translated.
        let expression = (["udp port 7777"] + (0..<300).map { "ether[\(20 + $0 % 30)] = 0xee" }).joined(separator: " or ")
        let file = LabFrames.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try lab.startCapture(in: lab.b, ["-i", "veth1", "--immediate-mode", "-O", "-c", "2", "-w", file, expression])
        let frames = [LabFrames.udp(port: 1), LabFrames.udp(port: 7777), LabFrames.udp(port: 3), LabFrames.udp(port: 7777, tags: [(.vlan, 5)])]
        try lab.inject(frames, from: lab.a, interface: "veth0")
        let result = run.finish()
        let warning = "Warning: Couldn't allocate kernel memory for filter: try increasing net.core.optmem_max with sysctl\n"
        #expect(result.errorText.hasPrefix(warning), "\(result.errorText)")
        #expect(try LabFrames.read(file).1.map(\.data) == [frames[1], frames[3]])
        #expect(result.errorText.contains("2 packets captured\n4 packets received by filter\n"), "\(result.errorText)")
        if let tcpdump = ["/usr/bin/tcpdump", "/usr/sbin/tcpdump"].first(where: FileManager.default.isExecutableFile(atPath:)) {
            let reference = try LiveRun(arguments: ["netns", "exec", lab.b, tcpdump, "-Z", "root", "-i", "veth1", "-O",
                                                    "-w", "/dev/null", expression])
            try reference.waitForBanner()
            reference.signal(SIGINT)
            let referenceResult = reference.finish()
            #expect(referenceResult.errorText.hasPrefix(warning), "tcpdump: \(referenceResult.errorText)")
        }
    }

    /// Promiscuous mode is a membership (the device's counter), gone when the socket closes;
    /// `-p` takes none.
    @Test(arguments: [false, true])
    func promiscuousMembershipFollowsMinusP(noPromiscuous: Bool) throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        func flags() throws -> Int {
            Int(try lab.exec(lab.b, ["cat", "/sys/class/net/veth1/flags"]).outputText
                .trimmingCharacters(in: .whitespacesAndNewlines).dropFirst(2), radix: 16) ?? -1
        }
        let run = try lab.startCapture(in: lab.b, ["-i", "veth1"] + (noPromiscuous ? ["-p"] : []) + ["udp"])
        #expect(try flags() & 0x100 == (noPromiscuous ? 0 : 0x100))
        run.signal(SIGINT)
        _ = run.finish()
        #expect(try flags() & 0x100 == 0)
    }

    /// SIGUSR1 prints tcpdump's one-line counts and goes on; SIGUSR2 flushes the file.
    @Test func userSignalsReportAndFlush() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let file = LabFrames.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try lab.startCapture(in: lab.b, ["-i", "veth1", "--immediate-mode", "-w", file, "udp"])
        try lab.inject([LabFrames.udp(port: 1), LabFrames.udp(port: 2)], from: lab.a, interface: "veth0")
        usleep(300_000)
        let before = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? nil
        #expect(before == 0)  // buffered until asked
        run.signal(SIGUSR2)
        usleep(200_000)
        #expect(try LabFrames.read(file).1.count == 2)
        run.signal(SIGUSR1)
        usleep(200_000)
        #expect(run.errorText.contains("swiftdump: 2 packets captured, 2 packets received by filter, 0 packets dropped by kernel\n"))
        try lab.inject([LabFrames.udp(port: 3)], from: lab.a, interface: "veth0")
        run.signal(SIGINT)
        let result = run.finish()
        #expect(result.status == 0)
        #expect(result.errorText.hasSuffix("3 packets captured\n3 packets received by filter\n0 packets dropped by kernel\n"))
    }

    /// The filter is attached before the socket can receive (pitfall 1): while a flood of
    /// non-matching frames arrives during start-up, not one of them gets in or is counted.
    @Test func noUnfilteredPacketAtStartUp() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let noise = (0..<1500).map { LabFrames.udp(port: UInt16(10_000 + $0 % 100)) }
        let hex = noise.map { $0.map { String(format: "%02x", $0) }.joined() }
        let flood = try LiveRun(arguments: ["netns", "exec", lab.a, NamespaceLab.injectFrames, "veth0"] + hex + hex + hex)
        let file = LabFrames.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try lab.startCapture(in: lab.b, ["-i", "veth1", "--immediate-mode", "-c", "1", "-w", file, "udp port 7777"])
        try lab.inject([LabFrames.udp(port: 7777)], from: lab.a, interface: "veth0")
        let result = run.finish()
        _ = flood.finish()
        #expect(try LabFrames.read(file).1.map(\.data) == [LabFrames.udp(port: 7777)])
        #expect(result.errorText.contains("1 packet captured\n1 packet received by filter\n"), "\(result.errorText)")
    }

    /// `-w -` into a pipe whose reader leaves: the capture ends quietly.
    @Test func closedPipeEndsQuietly() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let script = "\(NamespaceLab.swiftdump) -i veth1 --immediate-mode -U -w - udp | head -c 30 > /dev/null; "
            + "echo status=${PIPESTATUS[0]}"
        let pipeline = try LiveRun(arguments: ["netns", "exec", lab.b, "bash", "-c", script])
        try pipeline.waitForBanner()
        for port in 1...3 {
            try lab.inject([LabFrames.udp(port: UInt16(port))], from: lab.a, interface: "veth0")
            usleep(50_000)
        }
        let result = pipeline.finish()
        #expect(result.outputText == "status=0\n", "\(result.errorText)")
        #expect(!result.errorText.contains("error"), "\(result.errorText)")
    }

    /// `-D` lists the namespace's devices in libpcap's order; `-i N` takes the Nth.
    @Test func listAndCaptureByNumber() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let listing = try lab.exec(lab.b, [NamespaceLab.swiftdump, "-D"])
        #expect(listing.outputText == "1.veth1 [Up, Running, Connected]\n"
                    + "2.any (Pseudo-device that captures on all interfaces) [Up, Running]\n3.lo [Up, Running, Loopback]\n")
        let run = try lab.startCapture(in: lab.b, ["-i", "1", "--immediate-mode", "-c", "1", "udp"])
        try lab.inject([LabFrames.udp(port: 5)], from: lab.a, interface: "veth0")
        let result = run.finish()
        #expect(result.errorText.contains("listening on veth1,"))
        #expect(result.status == 0)
    }
}
