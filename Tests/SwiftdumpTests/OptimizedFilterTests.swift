import Foundation
import Testing

/// The optimizer behind the command line: `-d` prints the optimized program, `-O` (tcpdump's
/// "do not optimize") the unoptimized one, and an optimized filter that accepts nothing is
/// libpcap's error. (`-r` filtering with the optimized program: ExpressionFileFilterTests.)
@Suite struct OptimizedFilterTests {
    static let expressions = ["tcp port 80", "ip and ip", "host 10.1.2.3 and not udp", "vlan and udp", "ip6 and icmp6"]

    @Test func aFilterRejectingEverythingIsAnErrorUnlessNotOptimized() throws {
        let optimized = try ProcessRunner.run(ProcessRunner.swiftdump, ["-y", "EN10MB", "-d", "ip and not ip"])
        #expect(optimized.status == 1)
        #expect(optimized.errorText.contains("swiftdump: expression rejects all packets"), "\(optimized.errorText)")
        #expect(optimized.outputText.isEmpty)
        let plain = try ProcessRunner.run(ProcessRunner.swiftdump, ["-y", "EN10MB", "-O", "-d", "ip and not ip"])
        #expect(plain.status == 0, "\(plain.errorText)")
        #expect(plain.outputText.contains("ret      #0"))
        if let tcpdump = ProcessRunner.tool("tcpdump") {
            let theirs = try ProcessRunner.run(tcpdump, ["-y", "EN10MB", "-d", "ip and not ip"])
            #expect(theirs.status == 1 && theirs.errorText.contains("expression rejects all packets"))
        }
    }

    /// `-O -d` is libpcap's unoptimized listing, line for line; `-d` is a different, no longer one.
    @Test(arguments: expressions)
    func dashOPrintsTheUnoptimizedProgram(expression: String) throws {
        let tcpdump = try #require(ProcessRunner.tool("tcpdump"), "tcpdump is not installed (scripts/test installs it)")
        let theirs = try ProcessRunner.run(tcpdump, ["-y", "EN10MB", "-O", "-d", expression])
        let plain = try ProcessRunner.run(ProcessRunner.swiftdump, ["-y", "EN10MB", "-O", "-d", expression])
        #expect(plain.status == 0, "\(plain.errorText)")
        #expect(plain.outputText == theirs.outputText, "-O -d \(expression)")
        let optimized = try ProcessRunner.run(ProcessRunner.swiftdump, ["-y", "EN10MB", "-d", expression])
        #expect(optimized.status == 0, "\(optimized.errorText)")
        let lines = { (text: String) in text.split(separator: "\n").count }
        #expect(lines(optimized.outputText) < lines(plain.outputText), "-d \(expression) is not shorter than -O -d")
    }
}
