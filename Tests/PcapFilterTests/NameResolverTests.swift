import Foundation
import PcapFilter
import Testing

/// The system resolver's file readers, over files written for the test (never the machine's).
@Suite struct NameResolverTests {
    @Test func databaseFilesAreReadLikeGlibc() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: root.appendingPathComponent(name))
        }
        try write("services", """
            # comment
            www\t\t80/tcp\t\thttp-alt web   # trailing comment
            www\t\t80/udp
            split\t7000/tcp
            split\t7001/udp
            split\t7999/tcp
            onlyudp\t6000/udp

            """)
        try write("protocols", "tcp\t6\tTCP\t\t# transmission control\nudp 17 UDP\n")
        try write("ethers", "0:11:22:33:44:5 gw\nzz:11:22:33:44:55 bad\n")
        try write("networks", "loopback\t127.0.0.0\ntennet 10 ten\n")
        let resolver = SystemNameResolver(root: root.path)
        #expect(resolver.ports(ofService: "www") == ServicePorts(tcp: 80, udp: 80))
        #expect(resolver.ports(ofService: "web") == ServicePorts(tcp: 80))
        #expect(resolver.ports(ofService: "split") == ServicePorts(tcp: 7000, udp: 7001))
        #expect(resolver.ports(ofService: "onlyudp") == ServicePorts(udp: 6000))
        #expect(resolver.ports(ofService: "nosuch") == ServicePorts())
        #expect(resolver.protocolNumber("TCP") == 6)
        #expect(resolver.protocolNumber("udp") == 17)
        #expect(resolver.protocolNumber("transmission") == nil)
        #expect(resolver.etherAddress(ofHost: "gw") == [0, 0x11, 0x22, 0x33, 0x44, 5])
        #expect(resolver.etherAddress(ofHost: "bad") == nil)
        #expect(resolver.networkNumber("loopback") == 0x7f00_0000)
        #expect(resolver.networkNumber("ten") == 10)
        #expect(SystemNameResolver(root: "/nonexistent").protocolNumber("tcp") == nil)
    }

    /// A numeric address string resolves without any database (getaddrinfo reads it as is).
    @Test func numericHostsNeedNoDatabase() {
        let resolver = SystemNameResolver(root: "/nonexistent")
        #expect(resolver.addresses(ofHost: "10.0.0.1") == [.ipv4(0x0a00_0001)])
        #expect(resolver.addresses(ofHost: "::1") == [.ipv6(Array(repeating: 0, count: 15) + [1])])
    }

    /// Sema's reading of service names and ranges, through a fixed table.
    @Test func portNamesFollowLibpcap() throws {
        let resolver = FixedNameResolver(services: ["t": ServicePorts(tcp: 1), "both": ServicePorts(tcp: 2, udp: 3)])
        let target = CompilationTarget(linkLayer: .ethernet, snapLength: 96, source: .unattached)
        let compiler = FilterCompiler()
        #expect(throws: Never.self) { try compiler.compile("port t", for: target, resolver: resolver) }
        #expect(throws: Never.self) { try compiler.compile("portrange 0100-0200x", for: target, resolver: resolver) }
        do {
            _ = try compiler.compile("udp port both", for: target, resolver: resolver)
            Issue.record("compiled")
        } catch {
            #expect(error.description == "port 'both' is tcp")
            #expect(error.range == SourceRange(0, 13))
        }
    }
}
