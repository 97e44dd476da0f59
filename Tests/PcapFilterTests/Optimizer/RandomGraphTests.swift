import TestSupport
import BPF
import CLibpcap
import PcapFilter
import Testing

/// The optimizer on random graphs: optimized ≡ unoptimized on random packets (libpcap's
/// interpreter and ours), the kernel validator accepts the result, and optimizing is deterministic.
@Suite struct RandomGraphTests {
    static let graphs = 3000
    static let packetsPerGraph = 60

    @Test func optimizedRandomGraphsAgree() throws {
        let seed = SeededGenerator.announcedSeed(for: "optimizedRandomGraphsAgree")
        var generator = RandomGraphGenerator(random: SeededGenerator(seed: seed))
        var shrunk = 0, total = 0
        for round in 0..<Self.graphs {
            let graph = generator.graph(size: 1 + Int(generator.random.next() % 24))
            let plain = Linearizer.linearize(graph)
            let optimizedGraph = Optimizer.optimize(graph)
            let optimized = Linearizer.linearize(optimizedGraph)
            #expect(Linearizer.linearize(Optimizer.optimize(graph)) == optimized, "round \(round): not deterministic")
            do { try optimized.validate(.linuxKernel) } catch {
                Issue.record("round \(round): kernel refuses optimized program: \(error)\n\(LibpcapOracle.dump(LibpcapOracle.instructions(optimized)))")
            }
            total += plain.count
            shrunk += optimized.count
            let reference = LibpcapOracle.instructions(plain), mine = LibpcapOracle.instructions(optimized)
            let interpreter = try Interpreter(optimized)
            for _ in 0..<Self.packetsPerGraph {
                let (bytes, wire) = generator.packet()
                let expected = LibpcapOracle.run(reference, bytes, wireLength: wire)
                let viaLibpcap = LibpcapOracle.run(mine, bytes, wireLength: wire)
                let viaOurs = interpreter.run(bytes, wireLength: UInt32(wire))
                if expected != viaLibpcap || expected != viaOurs {
                    Issue.record("""
                        seed \(seed) round \(round): unoptimized \(expected), optimized \(viaLibpcap)/\(viaOurs) on \(bytes) wire \(wire)
                        unoptimized:
                        \(LibpcapOracle.dump(reference))
                        optimized:
                        \(LibpcapOracle.dump(mine))
                        """)
                    return
                }
            }
        }
        print("optimizedRandomGraphsAgree: \(Self.graphs) graphs, \(total) → \(shrunk) instructions")
    }
}
