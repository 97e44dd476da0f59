import TestSupport
import BPF
import CLibpcap
import Testing

/// Our interpreter against `bpf_filter` on what `pcap_compile` emits, where the fused
/// superinstructions (load-and-jump pairs, `jeq` runs) are what actually runs.
@Suite struct CompiledFilterDifferentialTests {
    static let expressions = [
        "tcp port 80", "host 10.0.0.1 and (tcp or udp)", "vlan and udp", "tcp[tcpflags] & tcp-syn != 0",
        (1...20).map { "host 10.0.0.\($0)" }.joined(separator: " or "),
        "ip6 and tcp dst port 22", "udp portrange 50-60", "ip[2:2] > 100 and not icmp",
        "ether[0] & 1 != 0 or arp", "ip and tcp[13] = 0x12", "len > 90 or less 20",
        "tcp[(tcp[12] >> 4) * 4] = 0x47",
    ]

    @Test(arguments: expressions)
    func compiledFiltersAgreeWithBPFFilter(expression: String) throws {
        let compiled = try #require(Self.compile(expression), "pcap_compile failed")
        let program = Program(raw: compiled.map { RawInstruction(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) })
        let interpreter = try Interpreter(program)
        let seed = SeededGenerator.announcedSeed(for: "compiledFiltersAgreeWithBPFFilter \(expression)")
        var frames = FrameGenerator(random: SeededGenerator(seed: seed))
        var accepted = 0
        for _ in 0..<4_000 {
            let (bytes, wireLength) = frames.frame()
            let ours = interpreter.run(bytes, wireLength: wireLength)
            let theirs = LibpcapOracle.filter(compiled, packet: bytes, wireLength: wireLength)
            #expect(ours == theirs, "packet \(bytes) wire \(wireLength)")
            if ours != theirs { return }
            if ours != 0 { accepted += 1 }
        }
        // A test that never sees a packet accepted would not exercise the matching paths.
        #expect(accepted > 0)
    }

    static func compile(_ expression: String) -> [bpf_insn]? {
        guard let handle = pcap_open_dead(DLT_EN10MB, 262_144) else { return nil }
        defer { pcap_close(handle) }
        var program = bpf_program()
        guard pcap_compile(handle, &program, expression, 1, PCAP_NETMASK_UNKNOWN) == 0 else { return nil }
        defer { pcap_freecode(&program) }
        return Array(UnsafeBufferPointer(start: program.bf_insns, count: Int(program.bf_len)))
    }
}

/// Ethernet frames shaped like real traffic (IPv4, IPv6, 802.1Q, ARP; TCP, UDP, ICMP with
/// common ports and flags) with random header lengths and truncation, so that both the
/// match and the out-of-bounds paths of compiled filters run.
struct FrameGenerator<Generator: RandomNumberGenerator> {
    var random: Generator

    mutating func frame() -> (bytes: [UInt8], wireLength: UInt32) {
        var bytes: [UInt8] = (0..<6).map { _ in pick([0xFF, 0x01, 0x00]) }
        bytes += (0..<6).map { _ in UInt8.random(in: 0...255, using: &random) }
        if Int.random(in: 0..<4, using: &random) == 0 {
            let tpid: [UInt8] = [pick([0x81, 0x88, 0x91]), pick([0x00, 0xA8])]
            bytes += tpid + [0, 42]
        }
        switch Int.random(in: 0..<8, using: &random) {
        case 0, 1, 2, 3: bytes += [0x08, 0x00] + ipv4()
        case 4, 5: bytes += [0x86, 0xDD] + ipv6()
        case 6: bytes += [0x08, 0x06] + (0..<28).map { _ in UInt8.random(in: 0...255, using: &random) }
        default: bytes += (0..<40).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        let captured = Bool.random(using: &random) ? bytes.count : Int.random(in: 0...bytes.count, using: &random)
        let wireLength = UInt32(bytes.count + (Bool.random(using: &random) ? 0 : Int.random(in: 0...100, using: &random)))
        return (Array(bytes.prefix(captured)), wireLength)
    }

    private mutating func ipv4() -> [UInt8] {
        let optionWords: UInt8 = pick([0, 0, 0, 1, 10])
        let proto: UInt8 = pick([6, 6, 17, 17, 1, UInt8.random(in: 0...255, using: &random)])
        let payload = transport(proto)
        let total = 20 + Int(optionWords) * 4 + payload.count
        let fragment: [UInt8] = pick([[0x40, 0], [0x40, 0], [0x20, 0x10], [0, 0x01]])
        let source: UInt8 = pick([1, 2, 3, 7, 19, 200])
        let destination: UInt8 = pick([1, 5, 9])
        var header: [UInt8] = [0x45 + optionWords, 0, UInt8(total >> 8), UInt8(total & 0xFF), 0, 1]
        header += fragment
        header += [64, proto, 0, 0, 10, 0, 0, source, 10, 0, 0, destination]
        header += Array(repeating: 1, count: Int(optionWords) * 4)
        return header + payload
    }

    private mutating func ipv6() -> [UInt8] {
        let next: UInt8 = pick([6, 17, 44, 0, 58])
        let payload = transport(next)
        let header: [UInt8] = [0x60, 0, 0, 0, 0, UInt8(truncatingIfNeeded: payload.count), next, 64]
        return header + Array(repeating: 0x20, count: 32) + payload
    }

    private mutating func transport(_ proto: UInt8) -> [UInt8] {
        let port: UInt16 = pick([80, 22, 53, 55, UInt16.random(in: 0...0xFFFF, using: &random)])
        let ports = [0x9C, 0x40, UInt8(port >> 8), UInt8(port & 0xFF)]
        let rest: [UInt8] = (0..<Int.random(in: 0...120, using: &random)).map { _ in
            pick([0x47, 0x12, UInt8.random(in: 0...255, using: &random)])
        }
        switch proto {
        case 6:
            let offsetAndFlags: [UInt8] = [pick([0x50, 0x80, 0xF0]), pick([0x02, 0x12, 0x10])]
            var header: [UInt8] = pick([ports, Array(ports.reversed())])
            header += [0, 0, 0, 1, 0, 0, 0, 0]
            header += offsetAndFlags
            header += [0xFF, 0xFF, 0, 0, 0, 0]
            return header + rest
        case 17: return ports + [0, 8, 0, 0] + rest
        default: return rest
        }
    }

    private mutating func pick<Value>(_ choices: [Value]) -> Value {
        choices[Int.random(in: 0..<choices.count, using: &random)]
    }
}
