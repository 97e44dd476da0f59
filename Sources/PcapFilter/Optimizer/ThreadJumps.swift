import BPF

/// Pass: send each edge straight past blocks whose outcome is already decided on that edge.
///
/// Relies on: ``ForwardSweep`` states; ``Liveness`` computed on the graph as it is when the
/// pass starts (blocks after the one being visited are untouched when its edges are threaded,
/// so their liveness is still exact).
/// What holds after it: an edge that reached a block `B` whose statements cannot fail on that
/// edge, whose writes nobody reads after `B`'s chosen successor, and whose branch the edge's
/// state decides (after `jeq #0x800` succeeded, `jeq #0x86dd` on the same value is false) now
/// goes to that successor instead, repeatedly. The skipped statements could neither end the
/// program nor be observed, so every packet gets the same verdict; the state recorded on the
/// threaded edge is the real one (the skipped statements did not run).
enum ThreadJumps {
    /// How many blocks one edge may be threaded through; bounds the work on long chains.
    static let depthLimit = 64

    static func run(_ graph: inout ControlFlowGraph) {
        let liveness = Liveness(graph, order: graph.topologicalOrder())
        // An entry that is itself decided and skippable is threaded first.
        var entryTable = ValueTable()
        graph.entry = destination(from: graph.entry, MachineState.entry(&entryTable), graph, liveness, &entryTable)
        ForwardSweep.run(&graph) { id, entryState, graph, table in
            var state = entryState
            for statement in graph[id].statements { _ = state.execute(statement, &table) }
            let threaded = graph[id].terminator.mapTargets { target in
                destination(from: target, state, graph, liveness, &table)
            }
            graph[id].terminator = threaded
            return PropagateValues.edgeStates(threaded, state, table)
        }
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
                guard let outcome = next.decide(condition, operand, table) else { return current }
                successor = outcome ? ifTrue : ifFalse
                next = next.learning(condition, operand, outcome, table)
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
