import BPF
import PcapFilter

/// A link-type byte, a source byte and filter text: compiling never traps, and every program
/// the compiler emits passes the kernel's checker (so no backward jump, no bad scratch use).
/// Names resolve through a small fixed table, never the machine's resolver.
public let filterCompilerFuzzTarget = FuzzTarget(name: "FilterCompiler") { bytes in
    guard bytes.count >= 2 else { return }
    let links = LinkLayer.allCases
    let link = links[Int(bytes[0]) % links.count]
    let sources: [PacketSource] = [.unattached, .liveLinux, .savefile(writerByteOrder: .littleEndian),
                                   .savefile(writerByteOrder: .bigEndian)]
    let source = sources[Int(bytes[1]) % sources.count]
    let snapLengths: [UInt32] = [262_144, 96, 65535, 1]
    let target = CompilationTarget(linkLayer: link, snapLength: snapLengths[Int(bytes[1] >> 2) % 4], source: source)
    let text = String(decoding: bytes.dropFirst(2), as: UTF8.self)
    guard let program = try? FilterCompiler().compile(text, for: target, resolver: fuzzNames) else { return }
    do {
        try program.validate(.linuxKernel)
    } catch {
        fatalError("\(text) on \(link): the kernel would refuse the program: \(error)")
    }
}

private let fuzzNames = FixedNameResolver(
    hosts: ["a": [.ipv4(0x0102_0304), .ipv6(Array(repeating: 0, count: 15) + [1])], "b": [.ipv4(0x0a00_0001)]],
    services: ["http": ServicePorts(tcp: 80, udp: 80), "t": ServicePorts(tcp: 1), "u": ServicePorts(udp: 2)],
    protocols: ["tcp": 6, "udp": 17], ethers: ["e": [1, 2, 3, 4, 5, 6]], networks: ["n": 10])
