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
        var liveness = Liveness(graph, order: order)
        var (entryStates, table) = ForwardSweep.entryStates(of: graph)
        for id in order.reversed() {
            guard var state = entryStates[id.index] else { continue }
            state.execute(graph[id].statements, &table)
            if let (test, ifTrue, ifFalse) = graph[id].terminator.twoWay {
                let onTrue = state.learning(test, true, table)
                let falseTarget = destination(from: ifFalse, state.learning(test, false, table), graph, liveness, &table)
                if case .oneOf(let constants) = test,
                   let groups = destinationsByConstant(constants, from: ifTrue, state, graph, liveness, &table) {
                    var next = falseTarget
                    for group in groups.dropFirst().reversed() {
                        let block = BasicBlock(terminator: .equality(group.constants, ifTrue: group.target, ifFalse: next))
                        graph.blocks.append(block)
                        liveness.append(block)
                        next = BlockID(graph.blocks.count - 1)
                    }
                    graph[id].terminator = .equality(groups[0].constants, ifTrue: groups[0].target, ifFalse: next)
                } else {
                    graph[id].terminator = Terminator(
                        test, ifTrue: destination(from: ifTrue, onTrue, graph, liveness, &table), ifFalse: falseTarget)
                }
            } else if case .jump(let target) = graph[id].terminator {
                graph[id].terminator = .jump(destination(from: target, state, graph, liveness, &table))
            }
        }
        // An entry that is itself decided and skippable is threaded too.
        graph.entry = destination(from: graph.entry, MachineState.entry(&table), graph, liveness, &table)
    }

    /// The constants of a set test grouped by where the true edge goes for each, when they do
    /// not all go to the same place: `proto ∈ {2, 50, 1}` then `proto 1 or proto 44` sends 1 on
    /// to accept and 2 and 50 to reject, where the set as a whole decides nothing. Only tried
    /// when the set's true edge stops at a test of the same value, where one constant can decide
    /// what the set could not.
    private static func destinationsByConstant(
        _ constants: [UInt32], from ifTrue: BlockID, _ state: MachineState, _ graph: ControlFlowGraph,
        _ liveness: Liveness, _ table: inout ValueTable
    ) -> [(target: BlockID, constants: [UInt32])]? {
        var (stop, reached) = walk(from: ifTrue, state.learning(.oneOf(constants), true, table), graph, liveness, &table)
        reached.execute(graph[stop].statements, &table)
        guard reached.a == state.a, graph[stop].terminator.twoWay != nil else { return nil }
        var groups: [(target: BlockID, constants: [UInt32])] = []
        for k in constants {
            let learned = state.learning(.compare(.equal, .constant(k)), true, table)
            let target = destination(from: ifTrue, learned, graph, liveness, &table)
            if let index = groups.firstIndex(where: { $0.target == target }) {
                groups[index].constants.append(k)
            } else {
                groups.append((target, [k]))
            }
        }
        return groups.count > 1 ? groups : nil
    }

    /// Where an edge carrying `state` into `target` can go directly.
    static func destination(
        from target: BlockID, _ state: MachineState, _ graph: ControlFlowGraph, _ liveness: Liveness,
        _ table: inout ValueTable
    ) -> BlockID {
        walk(from: target, state, graph, liveness, &table).block
    }

    /// Where an edge carrying `state` into `target` can go directly, and the state it arrives with.
    private static func walk(
        from target: BlockID, _ state: MachineState, _ graph: ControlFlowGraph, _ liveness: Liveness,
        _ table: inout ValueTable
    ) -> (block: BlockID, state: MachineState) {
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
            if let (test, ifTrue, ifFalse) = block.terminator.twoWay {
                guard let (outcome, learned) = next.deciding(test, table) else { return (current, simulated) }
                successor = outcome ? ifTrue : ifFalse
                next = learned
            } else if case .jump(let target) = block.terminator {
                successor = target
            } else {
                return (current, simulated)
            }
            let blockWrites = block.statements.reduce(Locations()) { $0.union($1.writes) }
            guard liveness.liveIn[successor.index].isDisjoint(with: written.union(blockWrites)) else {
                return (current, simulated)
            }
            written.formUnion(blockWrites)
            simulated = next
            current = successor
        }
        return (current, simulated)
    }
}
