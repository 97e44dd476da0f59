import BPF

/// Pass: send each edge straight past blocks whose outcome is already decided on that edge.
///
/// Relies on: ``ForwardSweep`` entry states computed before any edge moves; ``Liveness``
/// computed on the graph as it is when the pass starts. Blocks are threaded last to first, so
/// an edge walks through successors whose own edges are already threaded: a decided chain of
/// a thousand terms (`port a or port b …`, where every term re-checks the protocol) is crossed
/// in a few steps instead of one block at a time. Moving a later block's edges changes no
/// state flowing into an earlier block, so the entry states stay exact; and it only removes
/// reads from paths, so the liveness computed first stays an over-approximation, which keeps
/// the check below conservative.
/// What holds after it: an edge that reached a block `B` whose statements cannot fail on that
/// edge, whose writes nobody reads after `B`'s chosen successor, and whose branch the edge's
/// state decides (after `jeq #0x800` succeeded, `jeq #0x86dd` on the same value is false) now
/// goes to that successor instead, repeatedly. The skipped statements could neither end the
/// program nor be observed, so every packet gets the same verdict.
enum ThreadJumps {
    /// How many blocks one edge may be threaded through; bounds the work on long chains.
    static let depthLimit = 64

    static func run(_ graph: inout ControlFlowGraph) {
        let order = graph.topologicalOrder()
        let liveness = Liveness(graph, order: order)
        var (entryStates, table) = ForwardSweep.entryStates(of: graph)
        for id in order.reversed() {
            guard var state = entryStates[id.index] else { continue }
            state.execute(graph[id].statements, &table)
            switch graph[id].terminator {
            case let .branch(condition, operand, ifTrue, ifFalse):
                let onTrue = state.learning(condition, operand, true, table)
                let onFalse = state.learning(condition, operand, false, table)
                graph[id].terminator = .branch(
                    condition, operand,
                    ifTrue: destination(from: ifTrue, onTrue, graph, liveness, &table),
                    ifFalse: destination(from: ifFalse, onFalse, graph, liveness, &table))
            case .jump(let target):
                graph[id].terminator = .jump(destination(from: target, state, graph, liveness, &table))
            case .accept, .reject, .returnAccumulator:
                break
            }
        }
        // An entry that is itself decided and skippable is threaded too.
        graph.entry = destination(from: graph.entry, MachineState.entry(&table), graph, liveness, &table)
    }

    /// Where an edge carrying `state` into `target` can go directly.
    static func destination(
        from target: BlockID, _ state: MachineState, _ graph: ControlFlowGraph, _ liveness: Liveness,
        _ table: inout ValueTable
    ) -> BlockID {
        var current = target
        var simulated = state
        var written: Locations = []
        for _ in 0..<depthLimit {
            let block = graph[current]
            var next = simulated
            var skippable = true
            for statement in block.statements {
                if next.execute(statement, &table).canFail { skippable = false; break }
            }
            guard skippable else { break }
            let successor: BlockID
            switch block.terminator {
            case let .branch(condition, operand, ifTrue, ifFalse):
                guard let (outcome, learned) = next.deciding(condition, operand, table) else { return current }
                successor = outcome ? ifTrue : ifFalse
                next = learned
            case .jump(let target):
                successor = target
            case .accept, .reject, .returnAccumulator:
                return current
            }
            let blockWrites = block.statements.reduce(Locations()) { $0.union($1.writes) }
            guard liveness.liveIn[successor.index].isDisjoint(with: written.union(blockWrites)) else { return current }
            written.formUnion(blockWrites)
            simulated = next
            current = successor
        }
        return current
    }
}
