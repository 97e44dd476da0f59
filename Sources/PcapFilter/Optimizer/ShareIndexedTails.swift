import BPF

/// Pass: let a tail that loads at fixed offsets run through an identical tail that loads at
/// X-relative offsets, by setting X first — a merge libpcap does not make.
///
/// `port 80` on Ethernet tests the IPv6 ports with `ldh [54]`, `ldh [56]` and the IPv4 ports
/// with `ldh [x + 14]`, `ldh [x + 16]` after `ldxb 4*([14]&0xf)`: with X = 40 the IPv4 tests
/// read exactly the IPv6 bytes, so the IPv6 path becomes `ldx #40` and a jump into them.
///
/// Relies on: ``Liveness``. A pair of tails matches when, block by block, statements are equal
/// (and touch no X) or are `ld [k + c]` against `ld [x + c]` with one shift `k` throughout;
/// branches and returns are equal and go to matched blocks or to the same block, at which X
/// is dead. An indexed load of `x + c` with X = k fails exactly when `ld [k + c]` does, so
/// every packet gets the same verdict.
/// What holds after it: the fixed-offset tail's head is `ldx #k` and a jump to the indexed
/// tail (split off its block's earlier statements when it starts inside one); the rest of the
/// fixed-offset tail, used by nothing else, is left for ``RemoveUnreachableBlocks``. One tail
/// is shared per run, and only one of at least ``minimumSaving`` + 2 instructions.
enum ShareIndexedTails {
    static let regionLimit = 16
    static let candidateLimit = 8
    static let minimumSaving = 2

    static func run(_ graph: inout ControlFlowGraph) {
        let order = graph.topologicalOrder()
        let liveness = Liveness(graph, order: order)
        let predecessors = graph.predecessorCounts(order: order)
        let indexed = order.filter { id in
            graph[id].statements.contains { if case .loadIndirect = $0 { true } else { false } }
        }
        for b in order {
            guard case .loadAbsolute = graph[b].statements.first else { continue }
            var tries = 0
            for a in indexed where a != b && tries < candidateLimit {
                guard let start = graph[a].statements.firstIndex(where: { if case .loadIndirect = $0 { true } else { false } }),
                      graph[a].statements.count - start == graph[b].statements.count else { continue }
                tries += 1
                var matcher = Matcher(graph: graph, liveness: liveness)
                guard matcher.match(b, a, suffixFrom: start), let k = matcher.shift,
                      matcher.isolated(root: b, predecessors), matcher.instructionCount >= minimumSaving + 2
                else { continue }
                share(b, into: a, from: start, shift: k, &graph)
                return
            }
        }
    }

    private static func share(_ b: BlockID, into a: BlockID, from start: Int, shift: UInt32, _ graph: inout ControlFlowGraph) {
        var target = a
        if start > 0 {
            let block = graph[a]
            graph.blocks.append(BasicBlock(statements: Array(block.statements[start...]), terminator: block.terminator))
            target = BlockID(graph.blocks.count - 1)
            graph[a] = BasicBlock(statements: Array(block.statements[..<start]), terminator: .jump(target))
        }
        graph[b] = BasicBlock(statements: [.loadXConstant(shift)], terminator: .jump(target))
    }

    /// Pairs blocks of the fixed-offset tail (`b`) with blocks of the indexed one (`a`).
    private struct Matcher {
        let graph: ControlFlowGraph
        let liveness: Liveness
        var shift: UInt32?
        var pairs: [(b: BlockID, a: BlockID)] = []
        var instructionCount = 0

        mutating func match(_ b: BlockID, _ a: BlockID, suffixFrom start: Int = 0) -> Bool {
            if let pair = pairs.first(where: { $0.b == b }) { return pair.a == a }
            guard pairs.count < regionLimit, !pairs.contains(where: { $0.a == b || $0.b == a }) else { return false }
            pairs.append((b, a))
            let mine = graph[b], theirs = graph[a]
            guard statementsMatch(mine.statements, theirs.statements[start...]) else { return false }
            instructionCount += mine.statements.count
            switch (mine.terminator, theirs.terminator) {
            case let (.branch(c1, o1, t1, f1), .branch(c2, o2, t2, f2)):
                instructionCount += 1
                return c1 == c2 && o1 == o2 && o1 != .x && successor(t1, t2) && successor(f1, f2)
            case let (.oneOf(k1, t1, f1), .oneOf(k2, t2, f2)):
                instructionCount += k1.count
                return k1 == k2 && successor(t1, t2) && successor(f1, f2)
            case let (.jump(t1), .jump(t2)):
                instructionCount += 1
                return successor(t1, t2)
            case (.accept, _), (.reject, _), (.returnAccumulator, _):
                instructionCount += 1
                return mine.terminator == theirs.terminator
            default:
                return false
            }
        }

        private mutating func successor(_ b: BlockID, _ a: BlockID) -> Bool {
            if b == a { return !liveness.liveIn[b.index].contains(.x) }
            return match(b, a)
        }

        private mutating func statementsMatch(_ mine: [Instruction], _ theirs: ArraySlice<Instruction>) -> Bool {
            guard mine.count == theirs.count else { return false }
            for (one, other) in zip(mine, theirs) {
                if one == other {
                    if one.reads.contains(.x) || one.writes.contains(.x) { return false }
                    continue
                }
                guard case let .loadAbsolute(size, offset) = one, case let .loadIndirect(otherSize, otherOffset) = other,
                      size == otherSize, offset >= otherOffset, offset < 0x1_0000
                else { return false }
                if let shift, shift != offset - otherOffset { return false }
                shift = offset - otherOffset
            }
            return true
        }

        /// Whether the fixed-offset tail's blocks other than its head are entered only from
        /// inside it, so that they all go once the head jumps away.
        func isolated(root: BlockID, _ predecessors: [Int]) -> Bool {
            let members = pairs.map(\.b)
            for member in members where member != root {
                let inside = members.reduce(0) { count, id in
                    count + graph[id].terminator.successors.filter { $0 == member }.count
                }
                if inside != predecessors[member.index] { return false }
            }
            return true
        }
    }
}
