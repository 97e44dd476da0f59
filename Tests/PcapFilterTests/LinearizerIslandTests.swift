import TestSupport
import BPF
import CLibpcap
import PcapFilter
import Testing

/// The linearizer's islands against a layout that is correct by construction: every edge of
/// every block through its own `ja`, whose 32-bit offset always reaches.
@Suite struct LinearizerIslandTests {
    /// The reference layout: blocks in decreasing index order (the generator's edges all go to
    /// smaller indices), each conditional jump followed by `ja` to each of its targets.
    static func naiveLayout(_ graph: ControlFlowGraph) -> [Instruction] {
        var start: [Int] = Array(repeating: 0, count: graph.blocks.count)
        var position = 0
        for index in graph.blocks.indices.reversed() {
            start[index] = position
            let block = graph.blocks[index]
            switch block.terminator {
            case .branch: position += block.statements.count + 3
            case .oneOf(let constants, _, _): position += block.statements.count + 2 * constants.count + 1
            default: position += block.statements.count + 1
            }
        }
        var program: [Instruction] = []
        func always(_ target: BlockID) -> Instruction { .jumpAlways(UInt32(start[target.index] - program.count - 1)) }
        for index in graph.blocks.indices.reversed() {
            let block = graph.blocks[index]
            program += block.statements
            switch block.terminator {
            case let .branch(condition, operand, ifTrue, ifFalse):
                program.append(.jump(condition, operand, ifTrue: 0, ifFalse: 1))
                program.append(always(ifTrue))
                program.append(always(ifFalse))
            case let .oneOf(constants, ifTrue, ifFalse):
                for k in constants {
                    program.append(.jump(.equal, .constant(k), ifTrue: 0, ifFalse: 1))
                    program.append(always(ifTrue))
                }
                program.append(always(ifFalse))
            case .jump(let target): program.append(always(target))
            case .accept(let length): program.append(.returnConstant(length))
            case .reject: program.append(.returnConstant(0))
            case .returnAccumulator: program.append(.returnAccumulator)
            }
        }
        // The entry is the last block, so it is laid out first.
        return program
    }

    /// Random graphs whose blocks are padded to hundreds of statements, so that edges of every
    /// length cross islands: same verdicts as the reference layout, offsets in range, kernel-valid.
    @Test func islandsKeepVerdictsOnLongRandomGraphs() throws {
        let seed = SeededGenerator.announcedSeed(for: "islandsKeepVerdictsOnLongRandomGraphs")
        var generator = RandomGraphGenerator(random: SeededGenerator(seed: seed))
        var islandTotal = 0, naiveTotal = 0
        for round in 0..<400 {
            var graph = generator.graph(size: 2 + Int(generator.random.next() % 60))
            for index in graph.blocks.indices.dropLast() where generator.chance(30) {
                let padding = Int(generator.random.next() % 200)
                graph.blocks[index].statements += Array(repeating: .store(cell: 3), count: padding)
            }
            let program = Linearizer.linearize(graph)
            let reference = Self.naiveLayout(graph)
            islandTotal += program.count
            naiveTotal += reference.count
            #expect(program.count <= reference.count, "round \(round): longer than one ja per edge")
            do { try program.validate(.linuxKernel) } catch {
                Issue.record("seed \(seed) round \(round): kernel refuses the layout: \(error)")
                continue
            }
            let mine = LibpcapOracle.instructions(program), theirs = LibpcapOracle.instructions(Program(reference))
            for _ in 0..<40 {
                let (bytes, wire) = generator.packet()
                let expected = LibpcapOracle.run(theirs, bytes, wireLength: wire)
                let actual = LibpcapOracle.run(mine, bytes, wireLength: wire)
                if expected != actual {
                    Issue.record("seed \(seed) round \(round): reference \(expected), islands \(actual) on \(bytes) wire \(wire)")
                    break
                }
            }
        }
        print("islandsKeepVerdictsOnLongRandomGraphs: \(islandTotal) instructions against \(naiveTotal) with a ja per edge")
    }

    /// The 1,000-host OR chain on Ethernet, optimized, fits the kernel's 4,096 instructions
    /// (one `ja` per long edge made it 5,763) and accepts exactly the packets libpcap's does.
    @Test func thousandHostChainAttaches() throws {
        func host(_ i: Int) -> UInt32 { 0x0a00_0000 | UInt32(i + 1) }
        func dotted(_ a: UInt32) -> String { "\(a >> 24).\((a >> 16) & 255).\((a >> 8) & 255).\(a & 255)" }
        let text = (0..<1000).map { "host \(dotted(host($0)))" }.joined(separator: " or ")
        let target = CompilationTarget(linkLayer: .ethernet, snapLength: 262_144, source: .unattached, netmask: 0)
        let program = try FilterCompiler().compile(text, for: target, resolver: FixedNameResolver.empty)
        #expect(program.count <= 4096)
        try program.validate(.linuxKernel)
        guard case .program(let unoptimized) = LibpcapOracle.compile(text, dlt: 1, snaplen: 262_144, optimize: false)
        else { Issue.record("libpcap refused the chain"); return }
        let mine = LibpcapOracle.instructions(program)
        var random = SeededGenerator(seed: 1000)
        for round in 0..<3000 {
            var frame = [UInt8](repeating: 0, count: 42)
            let type: UInt16 = [0x0800, 0x0806, 0x8035, 0x86dd][round % 4]
            frame[12] = UInt8(type >> 8); frame[13] = UInt8(type & 0xff)
            let address = host(Int(random.next() % 1100))
            let offset = [26, 30, 28, 38][Int(random.next() % 4)]
            for byte in 0..<4 where offset + byte < frame.count {
                frame[offset + byte] = UInt8((address >> (24 - 8 * UInt32(byte))) & 0xff)
            }
            #expect(LibpcapOracle.run(unoptimized, frame, wireLength: 60) == LibpcapOracle.run(mine, frame, wireLength: 60),
                    "round \(round): \(frame)")
        }
    }
}
