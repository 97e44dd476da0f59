import BPF

/// Turns a ``ControlFlowGraph`` into a ``Program`` with forward jumps only.
///
/// Relies on: the graph's invariants (acyclic, statements free of control flow).
/// Guarantees:
/// - blocks are laid out in a topological order (every jump goes forward); among the blocks
///   ready to be placed the one with the highest ``BlockID`` goes first, so a freshly lowered
///   graph comes out in reading order, and the same graph always gives the same program;
/// - blocks that only accept or only reject are not laid out in that order: a return is one
///   instruction, so it is copied wherever it is needed. Edges that can reach the end of the
///   program go to one `ret` there, accepting ones first, as libpcap lays them out;
/// - a conditional jump never spans more than 255 instructions. Before an edge would outgrow
///   its byte offset, an *island* is placed between two blocks (control never falls into it:
///   the jump before it names both its targets): a copy of each pending return, and one shared
///   `ja` per other pending target. All pending edges to that target then end there, so a
///   long chain of tests pays about one instruction per target every 250 instructions instead
///   of one `ja` per long edge;
/// - the last instruction is a return.
public enum Linearizer {
    /// Lays out the blocks reachable from the entry and encodes them.
    public static func linearize(_ graph: ControlFlowGraph) -> Program {
        let graph = graph.expandingConstantSets()
        let reachable = reachableBlocks(graph)
        let exits = sharedExits(of: graph, reachable: reachable)
        var emitter = IslandEmitter(graph: graph, exits: exits)
        if let exit = emitter.exitIndex(of: graph.entry) {
            // A constant filter: the single return it reaches is the whole program.
            return Program([exits[exit].instruction])
        }
        let order = topologicalOrder(graph, reachable: reachable, isExit: { emitter.exitIndex(of: $0) != nil })
        for (slot, id) in order.enumerated() {
            emitter.place(id, next: slot + 1 < order.count ? order[slot + 1] : nil)
        }
        emitter.finish()
        return Program(emitter.encode())
    }

    /// Terminators of statement-free return blocks, each kept once, accepting ones first.
    private static func sharedExits(of graph: ControlFlowGraph, reachable: [Bool]) -> [Terminator] {
        var accepts: [Terminator] = []
        var rejects = false
        for (index, block) in graph.blocks.enumerated() where reachable[index] && block.statements.isEmpty {
            switch block.terminator {
            case .accept: if !accepts.contains(block.terminator) { accepts.append(block.terminator) }
            case .reject: rejects = true
            default: break
            }
        }
        return accepts + (rejects ? [.reject] : [])
    }

    private static func reachableBlocks(_ graph: ControlFlowGraph) -> [Bool] {
        var reachable = Array(repeating: false, count: graph.blocks.count)
        var stack = [graph.entry]
        while let id = stack.popLast() {
            guard !reachable[id.index] else { continue }
            reachable[id.index] = true
            stack.append(contentsOf: graph[id].terminator.successors)
        }
        return reachable
    }

    /// Kahn's algorithm over the reachable non-exit blocks, highest ready identifier first.
    private static func topologicalOrder(
        _ graph: ControlFlowGraph, reachable: [Bool], isExit: (BlockID) -> Bool
    ) -> [BlockID] {
        var pending = Array(repeating: 0, count: graph.blocks.count)
        for index in graph.blocks.indices where reachable[index] {
            for successor in graph.blocks[index].terminator.successors { pending[successor.index] += 1 }
        }
        var ready: [BlockID] = [graph.entry]
        var order: [BlockID] = []
        while !ready.isEmpty {
            ready.sort()
            guard let next = ready.popLast() else { break }
            if !isExit(next) { order.append(next) }
            for successor in graph.blocks[next.index].terminator.successors {
                pending[successor.index] -= 1
                if pending[successor.index] == 0 { ready.append(successor) }
            }
        }
        return order
    }
}

extension ControlFlowGraph {
    /// The same graph with every ``Terminator/oneOf(_:ifTrue:ifFalse:)`` block turned into a
    /// run of `jeq` blocks, one per constant in order; the first keeps the block's identifier and
    /// statements. Runs that end alike share their ends (`src` and `dst` both tested against
    /// `{a, b}` and going to the same places share `jeq b`), with each other and with a
    /// statement-free `jeq` block of the graph, as the optimizer's merging of identical blocks
    /// would have had them. The others are added after every existing block,
    /// so the linearizer, which places the highest ready identifier first, keeps each run together.
    func expandingConstantSets() -> ControlFlowGraph {
        var result = self
        var shared: [Terminator: BlockID] = [:]  // looked up only
        guard blocks.contains(where: { if case .oneOf = $0.terminator { true } else { false } }) else { return self }
        for (index, block) in blocks.enumerated() where block.statements.isEmpty && shared[block.terminator] == nil {
            if case .branch(.equal, .constant, _, _) = block.terminator { shared[block.terminator] = BlockID(index) }
        }
        for index in blocks.indices {
            guard case let .oneOf(constants, ifTrue, ifFalse) = blocks[index].terminator else { continue }
            var next = ifFalse
            for k in constants.dropFirst().reversed() {
                let test = Terminator.branch(.equal, .constant(k), ifTrue: ifTrue, ifFalse: next)
                if let existing = shared[test] {
                    next = existing
                } else {
                    result.blocks.append(BasicBlock(terminator: test))
                    next = BlockID(result.blocks.count - 1)
                    shared[test] = next
                }
            }
            result.blocks[index].terminator = constants.first.map { .branch(.equal, .constant($0), ifTrue: ifTrue, ifFalse: next) }
                ?? .jump(ifFalse)
        }
        return result
    }
}

extension Terminator {
    /// The single instruction of a statement-free return block.
    var instruction: Instruction {
        switch self {
        case .accept(let length): .returnConstant(length)
        case .returnAccumulator: .returnAccumulator
        default: .returnConstant(0)
        }
    }
}
