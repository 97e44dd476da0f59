import Foundation
import Testing

/// `-y IEEE802_11` and `-y IEEE802_11_RADIO`: the same unoptimized listings as tcpdump's.
/// libpcap does not optimize a program that computes the 802.11 payload offset, so tcpdump's
/// `-d` is its `-O -d` listing; ours is optimized, and shorter. (Arithmetic is left out: its
/// scratch cells are numbered differently from libpcap's.)
@Suite struct WirelessDumpTests {
    static let payloadExpressions = ["ip", "tcp port 80 and not host 10.1.2.3", "vlan and udp", "ip6 and tcp",
                                     "llc u or stp", "wlan type data and udp"]
    static let headerExpressions = ["wlan type mgt subtype beacon", "dir tods", "wlan addr4 1:2:3:4:5:6",
                                    "ether src 1:2:3:4:5:6", "ether multicast"]

    /// Checks that our `-O -d` listing is tcpdump's, and returns tcpdump's run.
    private func expectTcpdumpsUnoptimizedListing(linkType: String, expression: String) throws -> ProcessResult {
        let tcpdump = try #require(ProcessRunner.tool("tcpdump"), "tcpdump is not installed (scripts/test installs it)")
        let theirs = try ProcessRunner.run(tcpdump, ["-y", linkType, "-O", "-d", expression])
        let ours = try ProcessRunner.run(ProcessRunner.swiftdump, ["-y", linkType, "-O", "-d", expression])
        #expect(ours.status == 0, "\(ours.errorText)")
        #expect(ours.outputText == theirs.outputText, "-y \(linkType) -O -d \(expression)")
        return theirs
    }

    /// As with tcpdump, a payload filter that matches nothing is not an error: it compiles to `ret #0`.
    @Test(arguments: ["IEEE802_11", "IEEE802_11_RADIO"], payloadExpressions)
    func payloadFiltersAreOptimizedWithoutRejectingAnything(linkType: String, expression: String) throws {
        let theirs = try expectTcpdumpsUnoptimizedListing(linkType: linkType, expression: expression)
        let optimized = try ProcessRunner.run(ProcessRunner.swiftdump, ["-y", linkType, "-d", expression])
        #expect(optimized.status == 0, "\(optimized.errorText)")
        #expect(optimized.outputText.split(separator: "\n").count < theirs.outputText.split(separator: "\n").count,
                "-y \(linkType) -d \(expression)")
        let nothing = try ProcessRunner.run(ProcessRunner.swiftdump, ["-y", linkType, "-d", "ip and ip6"])
        #expect(nothing.status == 0 && nothing.outputText == "(000) ret      #0\n", "\(nothing.errorText)")
    }

    /// Filters on the 802.11 header alone are optimized (the radiotap length is still computed).
    @Test(arguments: ["IEEE802_11", "IEEE802_11_RADIO"], headerExpressions)
    func headerFiltersPrintLibpcapsUnoptimizedListing(linkType: String, expression: String) throws {
        _ = try expectTcpdumpsUnoptimizedListing(linkType: linkType, expression: expression)
        let optimized = try ProcessRunner.run(ProcessRunner.swiftdump, ["-y", linkType, "-d", "type mgt and not type mgt"])
        #expect(optimized.status == 1 && optimized.errorText.contains("expression rejects all packets"))
    }

    @Test(arguments: [
        (["-d", "-y", "EN10MB", "wlan type mgt"], "swiftdump: 802.11 link-layer types supported only on 802.11"),
        (["-d", "-y", "LINUX_SLL", "dir tods"], "swiftdump: frame direction supported only with 802.11 headers"),
        (["-d", "-y", "EN10MB", "wlan addr1 1:2:3:4:5:6"], "swiftdump: 'addr1' and 'address1' are only supported on 802.11 with 802.11 headers"),
        (["-d", "-y", "IEEE802_11", "radio[0] = 1"], "swiftdump: radio information not present in capture"),
        (["-d", "-y", "IEEE802_11_RADIO", "mpls"], "swiftdump: no MPLS support for 802.11 plus radiotap header"),
        (["-d", "-y", "IEEE802_11", "ip protochain 6"], "swiftdump: 'protochain' not supported with variable length headers"),
    ])
    func refusedWithTcpdumpsMessage(arguments: [String], message: String) throws {
        let run = try ProcessRunner.run(ProcessRunner.swiftdump, arguments)
        #expect(run.status == 1)
        #expect(run.errorText.split(separator: "\n").last.map(String.init) == message, "\(run.errorText)")
        if let tcpdump = ProcessRunner.tool("tcpdump") {
            let theirs = try ProcessRunner.run(tcpdump, arguments)
            #expect(theirs.errorText.split(separator: "\n").last.map(String.init) == "tcpdump" + message.dropFirst("swiftdump".count))
        }
    }
}
