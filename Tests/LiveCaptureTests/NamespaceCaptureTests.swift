import Foundation
import Glibc
import PacketCraft
import PcapFile
import Testing

/// The built `swiftdump` capturing in network namespaces this suite creates: frames are
/// injected on one end of a veth pair from a packet socket (this kernel has no 802.1Q
/// driver, so tagged frames are made that way and the receiving veth strips them).
@Suite(.serialized, .enabled(if: LiveTestEnvironment.available, LiveTestEnvironment.reason), .timeLimit(.minutes(1)))
struct NamespaceCaptureTests {
    static let matching = LabFrames.udp(port: 7777)
    static let other = LabFrames.udp(port: 8888)
    static let tagged = LabFrames.udp(port: 7777, tags: [(.vlan, 0xa064)])  // PCP 5, VID 100
    static let doubleTagged = LabFrames.udp(port: 7777, tags: [(.qinq, 200), (.vlan, 300)])
    static let fromB = LabFrames.udp(port: 7777, from: IPv4Address(192, 0, 2, 9))

    /// Exactly the matching frames arrive, byte for byte, the stripped tag put back; both
    /// directions; the statistics add up (the kernel filter passed only those).
    @Test func matchingFramesArriveByteForByteWithTagsReinserted() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let file = LabFrames.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try lab.startCapture(in: lab.b, ["-i", "veth1", "--immediate-mode", "-c", "3", "-w", file, "udp port 7777"])
        // The QinQ frame keeps its inner tag inline after the kernel strips the outer one,
        // so plain `udp` (as libpcap compiles it live) does not match it.
        try lab.inject([Self.other, Self.matching, Self.doubleTagged, Self.tagged], from: lab.a, interface: "veth0")
        try lab.inject([Self.fromB], from: lab.b, interface: "veth1")
        let result = run.finish()
        #expect(result.status == 0, "\(result.errorText)")
        let (linkType, packets) = try LabFrames.read(file)
        #expect(linkType == .ethernet)
        #expect(packets.map(\.data) == [Self.matching, Self.tagged, Self.fromB])
        #expect(packets.map(\.originalLength) == [Self.matching, Self.tagged, Self.fromB].map { UInt32($0.count) })
        #expect(result.errorText.hasSuffix("3 packets captured\n3 packets received by filter\n0 packets dropped by kernel\n"),
                "\(result.errorText)")
        #expect(result.errorText.hasPrefix("swiftdump: listening on veth1, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n"))
    }

    /// Live lines come from the protocol printer: with `--print -w`, what is printed equals
    /// `tcpdump -n -r` on the file written in the same run (tags re-inserted included).
    @Test func printedLinesEqualTcpdumpsReadingOfTheFile() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let file = LabFrames.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try lab.startCapture(in: lab.b, ["-i", "veth1", "--immediate-mode", "-c", "3", "--print", "-w", file, "udp"])
        try lab.inject([Self.matching, Self.tagged, Self.other], from: lab.a, interface: "veth0")
        let result = run.finish()
        #expect(result.status == 0, "\(result.errorText)")
        let tcpdump = try NamespaceLab.run("/usr/bin/env", ["tcpdump", "-n", "-r", file])
        let lines = result.outputText.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines == tcpdump.outputText.split(separator: "\n"), "\(result.outputText)\n\(tcpdump.outputText)")
        #expect(lines.allSatisfy { $0.contains(" IP 192.0.2.1.40000 > 192.0.2.2.") })
    }

    /// `vlan 100` is compiled to the kernel's tag metadata: VID 100 matches, VID 101 and
    /// untagged frames do not; the saved frame carries the whole TCI (priority bits too).
    @Test func vlanFilterMatchesTheTagTheKernelStripped() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let file = LabFrames.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try lab.startCapture(in: lab.b, ["-i", "veth1", "--immediate-mode", "-c", "2", "-w", file, "vlan 100"])
        let vid101 = LabFrames.udp(port: 1, tags: [(.vlan, 101)])
        let qinq100 = LabFrames.udp(port: 2, tags: [(.qinq, 100), (.vlan, 7)])
        try lab.inject([Self.matching, vid101, Self.tagged, qinq100], from: lab.a, interface: "veth0")
        let result = run.finish()
        #expect(result.status == 0, "\(result.errorText)")
        #expect(try LabFrames.read(file).1.map(\.data) == [Self.tagged, qinq100])
        #expect(result.errorText.contains("2 packets received by filter"))
    }

    /// SIGINT with the default 1 s block timeout: the packets sit in a block the kernel has
    /// not handed over yet; they must still reach the file (tcpdump loses them).
    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func stopSignalLeavesACompleteFile(signal: Int32) throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let file = LabFrames.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try lab.startCapture(in: lab.b, ["-i", "veth1", "-w", file, "udp"])
        let frames = (0..<5).map { LabFrames.udp(port: UInt16(1000 + $0)) }
        try lab.inject(frames, from: lab.a, interface: "veth0")
        run.signal(signal)
        let result = run.finish()
        #expect(result.status == 0, "\(result.errorText)")
        #expect(!result.killed)
        #expect(try LabFrames.read(file).1.map(\.data) == frames)
        #expect(result.errorText.contains("5 packets captured\n5 packets received by filter\n"), "\(result.errorText)")
    }

    @Test func countStopsAtN() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let file = LabFrames.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try lab.startCapture(in: lab.b, ["-i", "veth1", "--immediate-mode", "-c2", "-w", file, "udp"])
        try lab.inject((0..<4).map { LabFrames.udp(port: UInt16(2000 + $0)) }, from: lab.a, interface: "veth0")
        let result = run.finish()
        #expect(result.status == 0 && !result.killed, "\(result.errorText)")
        #expect(try LabFrames.read(file).1.count == 2)
        #expect(result.errorText.contains("2 packets captured\n"))
    }

    /// `any`: cooked frames with the LINUX_SLL2 header libpcap builds, the cooked program
    /// rewritten for the kernel (it sees packets from the network header).
    @Test func anyGivesLinuxSLL2Frames() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let file = LabFrames.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let index = try #require(UInt32(try lab.exec(lab.b, ["cat", "/sys/class/net/veth1/ifindex"]).outputText
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        let run = try lab.startCapture(in: lab.b, ["-i", "any", "--immediate-mode", "-c", "1", "-w", file, "udp port 7777"])
        try lab.inject([Self.other, Self.matching], from: lab.a, interface: "veth0")
        let result = run.finish()
        #expect(result.status == 0, "\(result.errorText)")
        #expect(result.errorText.hasPrefix("swiftdump: data link type LINUX_SLL2\n"))
        let (linkType, packets) = try LabFrames.read(file)
        #expect(linkType == .linuxSLL2)
        var header: [UInt8] = [0x08, 0x00, 0, 0]
        header += withUnsafeBytes(of: index.bigEndian) { Array($0) }
        header += [0x00, 0x01, 1, 6] + LabFrames.source.octets + [0, 0]  // ARPHRD_ETHER, broadcast, halen 6
        #expect(packets.map(\.data) == [header + Array(Self.matching.dropFirst(14))])
        #expect(packets.first?.originalLength == UInt32(Self.matching.count - 14 + 20))
    }

    /// `lo` shows each packet twice (outgoing, then incoming); one is kept, both are counted.
    @Test func loopbackKeepsOneCopyButCountsBoth() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let run = try lab.startCapture(in: lab.b, ["-i", "lo", "--immediate-mode", "-c", "3", "udp port 9"])
        for _ in 0..<3 { try lab.exec(lab.b, ["bash", "-c", "echo hi > /dev/udp/127.0.0.1/9"]) }
        let result = run.finish()
        #expect(result.status == 0, "\(result.errorText)")
        #expect(result.outputText.split(separator: "\n").count == 3)
        #expect(result.errorText.contains("3 packets captured\n6 packets received by filter\n"), "\(result.errorText)")
    }

    /// `-Q` in user space after the kernel counted the packet.
    @Test(arguments: [("in", [0]), ("out", [1]), ("inout", [0, 1])])
    func directionKeepsOnlyThatDirection(direction: String, kept: [Int]) throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let file = LabFrames.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try lab.startCapture(in: lab.b, ["-i", "veth1", "--immediate-mode", "-Q", direction, "-w", file, "udp port 7777"])
        try lab.inject([Self.matching], from: lab.a, interface: "veth0")
        try lab.inject([Self.fromB], from: lab.b, interface: "veth1")
        usleep(200_000)
        run.signal(SIGINT)
        let result = run.finish()
        let frames = [Self.matching, Self.fromB]
        #expect(try LabFrames.read(file).1.map(\.data) == kept.map { frames[$0] })
        #expect(result.errorText.contains("2 packets received by filter"), "\(result.errorText)")
    }

    /// A 60000-byte datagram on `lo` fits one block: never clamped (pitfall 6).
    @Test func largeLoopbackPacketIsNotClamped() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let file = LabFrames.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try lab.startCapture(in: lab.b, ["-i", "lo", "--immediate-mode", "-c", "1", "-w", file, "udp port 9"])
        try lab.exec(lab.b, ["bash", "-c", "exec 3>/dev/udp/127.0.0.1/9; head -c 60000 /dev/zero | dd bs=60000 count=1 iflag=fullblock status=none >&3"])
        let result = run.finish()
        #expect(result.status == 0, "\(result.errorText)")
        let packets = try LabFrames.read(file).1
        #expect(packets.map(\.data.count) == [60042])
        #expect(packets.map(\.originalLength) == [60042])
    }

    /// A tun device has no link header: RAW, for the compiled program (`-d -i`) as for the
    /// capture, as libpcap maps ARPHRD_NONE.
    @Test func tunDeviceIsRawIP() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        try NamespaceLab.check(["-n", lab.b, "tuntap", "add", "tun0", "mode", "tun"])
        try NamespaceLab.check(["-n", lab.b, "link", "set", "tun0", "up"])
        let ours = try lab.exec(lab.b, [NamespaceLab.swiftdump, "-d", "-i", "tun0", "ip and udp"])
        if let tcpdump = KernelStateTools.tcpdump {
            let theirs = try lab.exec(lab.b, [tcpdump, "-d", "-i", "tun0", "ip and udp"])
            #expect(ours.outputText == theirs.outputText)
        }
        #expect(ours.outputText.hasPrefix("(000) ldb      [0]\n(001) and      #0xf0\n"))
        let run = try lab.startCapture(in: lab.b, ["-i", "tun0", "-w", "/dev/null"])
        #expect(run.errorText.contains("listening on tun0, link-type RAW (Raw IP), snapshot length 262144 bytes"))
        run.signal(SIGINT)
        #expect(run.finish().status == 0)
    }

    /// `--immediate-mode` hands each packet over within milliseconds (a 1 ms block timeout;
    /// measured with a shell loop, 4–20 ms from send to file for tcpdump's TPACKET_V2 ring and
    /// 8–19 ms for ours), where the default 1 s block timeout holds it back; `-U` then writes it.
    @Test(arguments: [true, false])
    func immediateModeDeliversAtOnce(immediate: Bool) throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let file = LabFrames.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try lab.startCapture(in: lab.b, ["-i", "veth1", "-U", "-w", file] + (immediate ? ["--immediate-mode"] : []) + ["udp"])
        usleep(300_000)  // the first (empty) block timer period passes
        try lab.inject([Self.matching], from: lab.a, interface: "veth0")
        let sent = Date()
        var latency: Double?
        while Date().timeIntervalSince(sent) < 3 {
            if (try? LabFrames.read(file).1.count) == 1 { latency = Date().timeIntervalSince(sent); break }
            usleep(1_000)
        }
        run.signal(SIGINT)
        _ = run.finish()
        let measured = try #require(latency)
        if immediate {
            #expect(measured < 0.25, "\(measured) s")
        } else {
            #expect(measured > 0.25, "\(measured) s")
        }
    }

    /// `--time-stamp-precision nano` writes a nanosecond file with the kernel's nanoseconds.
    @Test func nanosecondTimestamps() throws {
        let lab = try NamespaceLab()
        defer { lab.close() }
        let file = LabFrames.temporaryFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = try lab.startCapture(in: lab.b, ["-i", "veth1", "--immediate-mode", "--time-stamp-precision", "nano",
                                                   "-c", "3", "-w", file, "udp"])
        for port in 1...3 { try lab.inject([LabFrames.udp(port: UInt16(port))], from: lab.a, interface: "veth0") }
        #expect(run.finish().status == 0)
        let reader = try CaptureFileReader(path: file)
        #expect(reader.precision == .nanoseconds)
        var stamps: [Timestamp] = []
        while let packet = try reader.nextPacketView() { stamps.append(packet.timestamp) }
        #expect(stamps.count == 3)
        #expect(stamps.contains { $0.nanoseconds % 1000 != 0 })
        #expect(stamps.allSatisfy { abs($0.seconds - Int64(Date().timeIntervalSince1970)) < 60 })
    }
}
