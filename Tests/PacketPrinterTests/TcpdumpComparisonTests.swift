import Foundation
import PacketPrinter
import PcapFile
import PrintComparison
import Testing

/// Our lines equal `tcpdump -n`'s, run in the test, for every capture in `captures/` and the
/// shared corpus whose protocols our printer covers (every packet's protocols, as our own
/// decoder reports them).
@Suite struct TcpdumpComparisonTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyCoveredCaptureMatchesTcpdumpLineForLine() throws {
        let tcpdump = try #require(PrintComparison.tcpdumpPath(), "tcpdump is not installed (scripts/test installs it)")
        var covered = 0
        for path in PrintComparison.captureFiles(packageRoot: Self.packageRoot) {
            let file = try PrintComparison.compare(path: path, tcpdump: tcpdump)
            guard file.isCovered else { continue }
            covered += 1
            for packet in file.packets where !packet.isIdentical {
                Issue.record("\(path) #\(packet.number)\n tcpdump: \(packet.theirs)\n ours:    \(packet.ours)")
            }
        }
        // captures/ alone has four covered files; the corpus adds many more when present.
        #expect(covered >= 4)
    }

    /// `-e`, `-q` and `-v` on every covered packet of every capture (files with some
    /// uncovered packets included).
    @Test(arguments: [
        (["-e"], PrintOptions(linkHeader: true)),
        (["-q"], PrintOptions(quiet: true)),
        (["-v"], PrintOptions(verbosity: 1)),
    ])
    func flagsMatchTcpdumpOnEveryCoveredPacket(flags: [String], options: PrintOptions) throws {
        let tcpdump = try #require(PrintComparison.tcpdumpPath())
        var compared = 0
        for path in PrintComparison.captureFiles(packageRoot: Self.packageRoot) {
            let file = try PrintComparison.compare(path: path, tcpdump: tcpdump, options: options,
                                                   tcpdumpFlags: ["-n"] + flags)
            guard file.skipReason == nil else { continue }
            for packet in file.packets where packet.isCovered {
                compared += 1
                if !packet.isIdentical {
                    Issue.record("\(flags) \(path) #\(packet.number)\n tcpdump: \(packet.theirs)\n ours:    \(packet.ours)")
                }
            }
        }
        #expect(compared >= 30)
    }

    @Test func sampleCapturesAreAllCovered() throws {
        let tcpdump = try #require(PrintComparison.tcpdumpPath())
        for name in ["mixed.pcap", "nanosecond.pcap", "raw-ip.pcap", "vlan.pcap"] {
            let file = try PrintComparison.compare(
                path: Self.packageRoot.appendingPathComponent("captures/\(name)").path, tcpdump: tcpdump)
            #expect(file.isCovered, "\(name)")
            #expect(file.packets.allSatisfy { $0.isIdentical }, "\(name)")
        }
    }

    /// Each printing option against tcpdump with the same flags.
    @Test(arguments: [
        (["-e"], PrintOptions(linkHeader: true)),
        (["-q"], PrintOptions(quiet: true)),
        (["-t"], PrintOptions(timestamps: .none)),
        (["-tt"], PrintOptions(timestamps: .epoch)),
        (["-ttt"], PrintOptions(timestamps: .sincePrevious)),
        (["-tttt"], PrintOptions(timestamps: .dateAndTime)),
        (["-ttttt"], PrintOptions(timestamps: .sinceFirst)),
        (["-x"], PrintOptions(dump: .hex(includingLinkHeader: false))),
        (["-xx"], PrintOptions(dump: .hex(includingLinkHeader: true))),
        (["-X"], PrintOptions(dump: .hexAndASCII(includingLinkHeader: false))),
        (["-XX"], PrintOptions(dump: .hexAndASCII(includingLinkHeader: true))),
        (["-A"], PrintOptions(dump: .ascii)),
        (["-e", "-q"], PrintOptions(linkHeader: true, quiet: true)),
    ])
    func optionMatchesTcpdump(flags: [String], options: PrintOptions) throws {
        let tcpdump = try #require(PrintComparison.tcpdumpPath())
        for name in ["mixed.pcap", "vlan.pcap", "raw-ip.pcap", "nanosecond.pcap"] {
            let path = Self.packageRoot.appendingPathComponent("captures/\(name)").path
            let file = try PrintComparison.compare(path: path, tcpdump: tcpdump, options: options,
                                                   tcpdumpFlags: ["-n"] + flags)
            for packet in file.packets where !packet.isIdentical {
                Issue.record("\(flags) \(name) #\(packet.number)\n tcpdump: \(packet.theirs)\n ours:    \(packet.ours)")
            }
        }
    }

    /// `-v` on the covered packets (IPv4 header fields, TCP checksums, IPv6 UDP checksums,
    /// HTTP's lines); what `-v` prints beyond the covered set is not compared.
    @Test func verboseMatchesTcpdumpOnCoveredPackets() throws {
        let tcpdump = try #require(PrintComparison.tcpdumpPath())
        var compared = 0
        for name in ["mixed.pcap", "vlan.pcap", "raw-ip.pcap", "nanosecond.pcap"] {
            let path = Self.packageRoot.appendingPathComponent("captures/\(name)").path
            let file = try PrintComparison.compare(path: path, tcpdump: tcpdump, options: PrintOptions(verbosity: 1),
                                                   tcpdumpFlags: ["-n", "-v"])
            for packet in file.packets where packet.isCovered {
                compared += 1
                if !packet.isIdentical {
                    Issue.record("-v \(name) #\(packet.number)\n tcpdump: \(packet.theirs)\n ours:    \(packet.ours)")
                }
            }
        }
        #expect(compared >= 25)
    }

    /// Every prefix of every sample packet, as a capture cut short by the snap length:
    /// truncation marks (`[|tcp]`, `[|ip6]` …) must be tcpdump's, for each covered packet.
    @Test func truncatedPacketsPrintTcpdumpsMarks() throws {
        let tcpdump = try #require(PrintComparison.tcpdumpPath())
        for name in ["mixed.pcap", "vlan.pcap", "raw-ip.pcap"] {
            let source = try CaptureFileReader(path: Self.packageRoot.appendingPathComponent("captures/\(name)").path)
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("truncated-\(UUID()).pcap").path
            defer { try? FileManager.default.removeItem(atPath: output) }
            let writer = try PcapWriter(path: output, linkType: source.linkTypeField, snapshotLength: 65535,
                                        precision: .microseconds, flushesEachPacket: false)
            while let packet = try source.next() {
                for length in 0..<packet.data.count {
                    try writer.write(CapturedPacket(timestamp: packet.timestamp, originalLength: packet.originalLength,
                                                    data: Array(packet.data.prefix(length)), linkType: packet.linkType))
                }
            }
            try writer.close()
            let file = try PrintComparison.compare(path: output, tcpdump: tcpdump)
            var compared = 0
            for packet in file.packets where packet.isCovered {
                compared += 1
                if !packet.isIdentical {
                    Issue.record("\(name) prefix packet #\(packet.number)\n tcpdump: \(packet.theirs)\n ours:    \(packet.ours)")
                }
            }
            #expect(compared > 0)
        }
    }

    /// Without `-n`, ports are named from the services file as tcpdump names them.
    @Test func portNamesComeFromTheServicesFile() throws {
        let tcpdump = try #require(PrintComparison.tcpdumpPath())
        let services = try String(contentsOfFile: "/etc/services", encoding: .utf8)
        let protocols = try String(contentsOfFile: "/etc/protocols", encoding: .utf8)
        let path = Self.packageRoot.appendingPathComponent("captures/mixed.pcap").path
        let file = try PrintComparison.compare(path: path, tcpdump: tcpdump,
                                               options: PrintOptions(numeric: 0),
                                               resolver: ServiceNames(servicesText: services, protocolsText: protocols), tcpdumpFlags: [])
        let named = file.packets
        #expect(named.contains { $0.ours.joined().contains(".http:") })
        for packet in named where !packet.isIdentical {
            Issue.record("#\(packet.number)\n tcpdump: \(packet.theirs)\n ours:    \(packet.ours)")
        }
    }
}
