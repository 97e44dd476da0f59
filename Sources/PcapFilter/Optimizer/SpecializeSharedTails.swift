/// Final pass on small programs: give each path into a shared tail its own copy of it, when
/// the copies, optimized with what each path knows, make a shorter program than the shared tail.
///
/// `host a and (b or c)` reaches the tests of `b or c` both after `src = a` and after
/// `dst = a`. Shared, the tail must test both addresses against both hosts; copied, each copy
/// knows one address and tests only the other (libpcap's optimizer gets there by another road).
///
/// Relies on: `optimize` preserving every verdict. Copying a tail changes no path: each
/// edge into the tail's first block runs the same statements and branches as before, in a
/// copy that sends every edge leaving the tail where the original sends it.
/// What holds after it: the program is never longer than before — a copy is kept only when the
/// optimized, linearized result is strictly shorter; copies are tried first block first in
/// topological order, one tail depth after another, so the result is deterministic. Each
/// trial runs the whole optimizer, so only graphs of at most ``blockLimit`` blocks are tried,
/// within a ``trialBudget``.
enum SpecializeSharedTails {
    /// Larger graphs are left as they are: the trials would cost more than the rest of the optimizer.
    static let blockLimit = 48
    /// How many edges deep a copied tail reaches from its first block.
    static let depthLimit = 4
    /// The sizes of the graphs tried on one program may add up to this many blocks: a trial
    /// costs a run of the optimizer, and nearly every copy that pays is among the first tried.
    static let trialBudget = 400

    static func run(_ graph: ControlFlowGraph, optimize: (ControlFlowGraph) -> ControlFlowGraph) -> ControlFlowGraph {
        guard size(of: graph) <= blockLimit else { return graph }
        var best = graph
        var bestLength = Linearizer.linearize(best).count
        var trials = 0
        while size(of: best) <= blockLimit,
              let shorter = firstImprovement(of: best, length: bestLength, trials: &trials, optimize) {
            (best, bestLength) = shorter
        }
        return best
    }

    /// The first specialization that shortens `graph`, with its length.
    private static func firstImprovement(
        of graph: ControlFlowGraph, length: Int, trials: inout Int, _ optimize: (ControlFlowGraph) -> ControlFlowGraph
    ) -> (ControlFlowGraph, Int)? {
        let order = graph.topologicalOrder()
        let incoming = graph.predecessorCounts(order: order)
        var (entryStates, table) = ForwardSweep.entryStates(of: graph)
        for id in order where incoming[id.index] >= 2 && !graph[id].isReturnOnly {
            // A copy can only get shorter where its path knows more than the shared tail does,
            // or where it can join the block jumping to it (a load the copy overwrites is then
            // dead within one block).
            let joinsItsPredecessor = order.contains { graph[$0].terminator == .jump(id) && !graph[$0].statements.isEmpty }
            let nearestGain = joinsItsPredecessor ? 1 : edgeStates(into: id, graph, order: order, entryStates, &table)
                .compactMap { firstGain(at: id, $0, depth: 1, graph, &table) }.min()
            guard let nearestGain else { continue }
            for depth in nearestGain...depthLimit {
                guard trials + size(of: graph) <= trialBudget else { return nil }
                trials += size(of: graph)
                let candidate = optimize(copyingTail(from: id, depth: depth, of: graph, order: order))
                let candidateLength = Linearizer.linearize(candidate).count
                if candidateLength < length { return (candidate, candidateLength) }
            }
        }
        return nil
    }

    /// The graph's size as the limits count it: a block per `jeq` a constant set expands to.
    private static func size(of graph: ControlFlowGraph) -> Int {
        graph.blocks.reduce(0) { total, block in
            if case .oneOf(let constants, _, _) = block.terminator { total + constants.count } else { total + 1 }
        }
    }

    /// The states on the edges into `target` (the entry's state first when it is the entry).
    private static func edgeStates(
        into target: BlockID, _ graph: ControlFlowGraph, order: [BlockID], _ entryStates: [MachineState?],
        _ table: inout ValueTable
    ) -> [MachineState] {
        var states = graph.entry == target ? [MachineState.entry(&table)] : []
        for id in order where graph[id].terminator.successors.contains(target) {
            guard var exit = entryStates[id.index] else { continue }
            exit.execute(graph[id].statements, &table)
            states += PropagateValues.edgeStates(graph[id].terminator, exit, table).filter { $0.0 == target }.map(\.1)
        }
        return states
    }

    /// How many edges into the tail from `id` a path carrying `state` first finds a statement
    /// it can drop or rewrite, or a branch it decides; nil when none within ``depthLimit``.
    private static func firstGain(
        at id: BlockID, _ state: MachineState, depth: Int, _ graph: ControlFlowGraph, _ table: inout ValueTable
    ) -> Int? {
        guard depth <= depthLimit, !graph[id].isReturnOnly else { return nil }
        var state = state
        for statement in graph[id].statements {
            let effect = state.execute(statement, &table)
            if effect.isRedundant || effect.rewritten != statement { return depth }
        }
        if let (test, ifTrue, ifFalse) = graph[id].terminator.twoWay {
            if state.decide(test, table) != nil { return depth }
            let onTrue = firstGain(at: ifTrue, state.learning(test, true, table), depth: depth + 1, graph, &table)
            let onFalse = firstGain(at: ifFalse, state.learning(test, false, table), depth: depth + 1, graph, &table)
            return [onTrue, onFalse].compactMap { $0 }.min()
        }
        if case .jump(let target) = graph[id].terminator { return firstGain(at: target, state, depth: depth + 1, graph, &table) }
        return nil
    }

    /// `graph` with a private copy of the tail from `start` (blocks up to `depth` edges on,
    /// returns excepted) for every edge into `start` but the first.
    private static func copyingTail(from start: BlockID, depth: Int, of graph: ControlFlowGraph, order: [BlockID]) -> ControlFlowGraph {
        // Where each tail block sits in `tail`; a copy's block i is `tail[i]`'s copy.
        var position = Array<Int?>(repeating: nil, count: graph.blocks.count)
        var tail = [start]
        position[start.index] = 0
        var frontier = [start]
        for _ in stride(from: 1, to: depth, by: 1) {
            var next: [BlockID] = []
            for id in frontier {
                for successor in graph[id].terminator.successors
                where position[successor.index] == nil && !graph[successor].isReturnOnly {
                    position[successor.index] = tail.count
                    tail.append(successor)
                    next.append(successor)
                }
            }
            frontier = next
        }
        var result = graph
        func copy() -> BlockID {
            let base = result.blocks.count
            for id in tail {
                var block = graph[id]
                block.terminator = block.terminator.mapTargets { target in
                    position[target.index].map { BlockID(base + $0) } ?? target
                }
                result.blocks.append(block)
            }
            return BlockID(base)
        }
        // The first edge into `start` keeps the original (the entry counts first); every
        // other edge gets its own copy.
        var originalTaken = graph.entry == start
        for id in order {
            let redirected = graph[id].terminator.mapTargets { target in
                guard target == start, originalTaken else {
                    if target == start { originalTaken = true }
                    return target
                }
                return copy()
            }
            result[id].terminator = redirected
        }
        return result
    }
}

extension BasicBlock {
    /// A return with no statements: a single instruction the linearizer copies where needed.
    var isReturnOnly: Bool {
        guard statements.isEmpty else { return false }
        switch terminator {
        case .accept, .reject, .returnAccumulator: return true
        case .branch, .oneOf, .jump: return false
        }
    }
}
