import TestSupport
import BPF
import CLibpcap
import Foundation
import PcapFilter
import Testing

/// `protochain` against libpcap's looping program, and the encapsulation rows over the corpus.
@Suite struct ProtocolChainTests {
    static let seed: UInt64 = 0xc4a1_2024

    static func compile(_ row: DifferentialTable.Row, _ link: LinkLayer, snaplen: UInt32 = 262_144) -> ([bpf_insn], [bpf_insn])? {
        let target = CompilationTarget(linkLayer: link, snapLength: snaplen, source: .unattached)
        guard case .program(let theirs) = LibpcapOracle.compile(row.expression, dlt: link.rawValue, snaplen: snaplen, optimize: false),
              let ours = try? FilterCompiler().generate(row.filter, for: target) else { return nil }
        return (theirs, LibpcapOracle.instructions(ours))
    }

    /// Where libpcap's walk ends within the unrolled depth the verdicts agree; where it ends
    /// later ours rejects; where it never ends ours still ends (it has no backward jump).
    @Test func generatedChainsAgreeWithLibpcapWhereItTerminates() throws {
        print("ProtocolChainTests seed \(Self.seed)")
        var factory = PacketFactory(random: SeededGenerator(seed: Self.seed))
        factory.favourEncapsulations = true
        var outcomes = (agreed: 0, beyondDepth: 0, endless: 0)
        for row in DifferentialTable.protochain {
            for link in [LinkLayer.ethernet, .raw, .ipv6] {
                guard let (theirs, mine) = Self.compile(row, link) else { continue }
                #expect(!LibpcapOracle.hasBackwardJump(mine))
                for _ in 0..<1500 {
                    let (bytes, wire) = factory.packet(for: link)
                    let actual = LibpcapOracle.run(mine, bytes, wireLength: wire)
                    guard let steps = LibpcapOracle.backwardJumps(theirs, bytes, wireLength: wire) else {
                        outcomes.endless += 1
                        continue
                    }
                    let expected = LibpcapOracle.run(theirs, bytes, wireLength: wire)
                    if steps <= ProtocolChain.maximumAdvances {
                        outcomes.agreed += 1
                        #expect(actual == expected, "\(row.expression) on \(link): \(bytes)")
                    } else {
                        outcomes.beyondDepth += 1
                        #expect(actual == 0, "\(row.expression) on \(link) beyond the depth: \(bytes)")
                    }
                }
            }
        }
        print("ProtocolChainTests: \(outcomes.agreed) agreed, \(outcomes.beyondDepth) beyond depth, \(outcomes.endless) where libpcap loops")
        #expect(outcomes.agreed > 10_000 && outcomes.endless > 0)
    }

    /// An IPv6 packet with `count` hop-by-hop headers and then TCP.
    static func hopByHopChain(_ count: Int) -> [UInt8] {
        var payload: [UInt8] = [0, 80, 0, 80] + Array(repeating: 0, count: 16)
        for index in (0..<count).reversed() {
            payload = [index == count - 1 ? 6 : 0, 0, 0, 0, 0, 0, 0, 0] + payload
        }
        let first: UInt8 = count == 0 ? 6 : 0
        return [0x60, 0, 0, 0, UInt8(payload.count >> 8), UInt8(payload.count & 0xff), first, 64]
            + Array(repeating: 1, count: 32) + payload
    }

    /// The depth, documented: `maximumAdvances` headers are walked, one more is not.
    @Test func depthLimit() throws {
        let row = DifferentialTable.R("ip6 protochain 6", F.p(.protochain(.ip6, 6)))
        let (theirs, mine) = try #require(Self.compile(row, .ipv6))
        for count in 0...(ProtocolChain.maximumAdvances + 3) {
            let packet = Self.hopByHopChain(count)
            let expected = LibpcapOracle.run(theirs, packet, wireLength: packet.count)
            let actual = LibpcapOracle.run(mine, packet, wireLength: packet.count)
            #expect(expected == 262_144)
            #expect(actual == (count <= ProtocolChain.maximumAdvances ? expected : 0), "\(count) headers")
        }
    }

    /// An AH header whose length equals its own offset makes libpcap's walk revisit it
    /// forever; ours rejects the packet.
    @Test func selfReferencingAuthenticationHeader() throws {
        let row = DifferentialTable.R("ip protochain 6", F.p(.protochain(.ip, 6)))
        let (theirs, mine) = try #require(Self.compile(row, .ipv4))
        // IHL 5: the AH header is at 20; payload length 3 gives (3 + 2) * 4 = 20 again.
        var packet: [UInt8] = [0x45, 0, 0, 44, 0, 0, 0, 0, 64, 51, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2]
        packet += [51, 3, 0, 0] + Array(repeating: 0, count: 20)
        #expect(LibpcapOracle.backwardJumps(theirs, packet, wireLength: packet.count) == nil)
        #expect(LibpcapOracle.run(mine, packet, wireLength: packet.count) == 0)
    }

    /// The rows for the new primitives over every corpus file of a supported link type.
    @Test func corpusFilesAgreeWithLibpcap() throws {
        let rows = DifferentialTable.mpls + DifferentialTable.geneve + DifferentialTable.llc + DifferentialTable.protochain
        var files = 0, verdicts = 0
        for directory in ["/work/shared/corpus/libpcap", "/work/shared/corpus/tcpdump"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory))?.sorted() ?? []
            for name in names {
                guard let (link, snaplen, packets) = CorpusFile.read("\(directory)/\(name)", limit: 400) else { continue }
                files += 1
                for row in rows {
                    guard let (theirs, mine) = Self.compile(row, link, snaplen: snaplen) else { continue }
                    let looping = LibpcapOracle.hasBackwardJump(theirs)
                    for (bytes, wire) in packets {
                        if looping {
                            guard let steps = LibpcapOracle.backwardJumps(theirs, bytes, wireLength: wire),
                                  steps <= ProtocolChain.maximumAdvances else { continue }
                        }
                        verdicts += 1
                        let expected = LibpcapOracle.run(theirs, bytes, wireLength: wire)
                        #expect(LibpcapOracle.run(mine, bytes, wireLength: wire) == expected, "\(row.expression) on \(name)")
                    }
                }
            }
        }
        print("ProtocolChainTests corpus: \(files) files, \(verdicts) verdicts")
        #expect(files > 0)
    }
}

/// Packets of a capture file, read with libpcap.
enum CorpusFile {
    static func read(_ path: String, limit: Int) -> (LinkLayer, UInt32, [([UInt8], Int)])? {
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let handle = pcap_open_offline(path, &errorBuffer) else { return nil }
        defer { pcap_close(handle) }
        let dlt = pcap_datalink(handle)
        guard dlt >= 0, let link = LinkLayer(rawValue: UInt32(dlt)), link != .null else { return nil }
        var packets: [([UInt8], Int)] = []
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        while packets.count < limit, pcap_next_ex(handle, &header, &data) == 1 {
            guard let header, let data else { break }
            packets.append((Array(UnsafeBufferPointer(start: data, count: Int(header.pointee.caplen))), Int(header.pointee.len)))
        }
        return (link, UInt32(max(pcap_snapshot(handle), 1)), packets)
    }
}
