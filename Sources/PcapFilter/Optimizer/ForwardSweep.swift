import BPF

/// The forward dataflow walk the value-based passes share: blocks in topological order, each
/// entered with the join of the states on its incoming edges.
///
/// Relies on: the graph is acyclic, so one walk in topological order sees every predecessor
/// of a block before the block. A pass may rewrite the block it is visiting and redirect its
/// outgoing edges (to blocks later in the order) before handing the edge states back.
struct ForwardSweep {
    var table = ValueTable()
    private var incoming: [[MachineState]]

    init(blockCount: Int) {
        incoming = Array(repeating: [], count: blockCount)
    }

    /// Visits every reachable block once; `visit` returns the states on its outgoing edges,
    /// paired with their targets. Returns the table the states' values are interned in.
    @discardableResult
    static func run(
        _ graph: inout ControlFlowGraph,
        _ visit: (BlockID, MachineState, inout ControlFlowGraph, inout ValueTable) -> [(BlockID, MachineState)]
    ) -> ValueTable {
        let order = graph.topologicalOrder()
        var sweep = ForwardSweep(blockCount: graph.blocks.count)
        sweep.incoming[graph.entry.index] = [MachineState.entry(&sweep.table)]
        for id in order {
            let states = sweep.incoming[id.index]
            sweep.incoming[id.index] = []
            guard var state = states.first else { continue }  // every edge into it was redirected
            for other in states.dropFirst() { state = state.joined(with: other, at: id.index, &sweep.table) }
            for (target, edgeState) in visit(id, state, &graph, &sweep.table) {
                sweep.incoming[target.index].append(edgeState)
            }
        }
        return sweep.table
    }

    /// The state on entry to every reachable block (nil for the others), leaving the graph as it
    /// is, and the table the states' values are interned in.
    static func entryStates(of graph: ControlFlowGraph) -> (states: [MachineState?], table: ValueTable) {
        var graph = graph
        var states = Array<MachineState?>(repeating: nil, count: graph.blocks.count)
        let table = run(&graph) { id, state, graph, table in
            states[id.index] = state
            var exit = state
            exit.execute(graph[id].statements, &table)
            return PropagateValues.edgeStates(graph[id].terminator, exit, table)
        }
        return (states, table)
    }

    /// A sweep that rewrites statements and leaves the edges alone: at each statement of each
    /// block, `rewrite` gets the block's statements, the statement's index, the state before it
    /// and the locations live after the block, and may return the block's new statements,
    /// shorter from that index on; the sweep then goes on at the same index.
    static func rewritingStatements(
        _ graph: inout ControlFlowGraph,
        _ rewrite: (_ statements: [Instruction], _ index: Int, _ state: MachineState, _ liveOut: Locations,
                    _ table: inout ValueTable) -> [Instruction]?
    ) {
        let liveness = Liveness(graph, order: graph.topologicalOrder())
        run(&graph) { id, entryState, graph, table in
            var state = entryState
            var statements = graph[id].statements
            let liveOut = liveness.liveOut(of: graph[id].terminator)
            var index = 0
            while index < statements.count {
                if let rewritten = rewrite(statements, index, state, liveOut, &table) {
                    statements = rewritten
                    continue
                }
                _ = state.execute(statements[index], &table)
                index += 1
            }
            graph[id].statements = statements
            var exitState = entryState
            exitState.execute(statements, &table)
            return PropagateValues.edgeStates(graph[id].terminator, exitState, table)
        }
    }
}
