/// Pass: drop blocks no path from the entry reaches, and renumber the rest.
///
/// Relies on: nothing beyond the graph's invariants.
/// What holds after it: every block is reachable; identifiers follow reverse topological
/// order, so every edge goes to a smaller index and the entry is the last block — the same
/// shape lowering produces, whatever the passes before did.
enum RemoveUnreachableBlocks {
    static func run(_ graph: inout ControlFlowGraph) {
        let order = Array(graph.topologicalOrder().reversed())
        var newIndex = Array(repeating: 0, count: graph.blocks.count)
        for (position, id) in order.enumerated() { newIndex[id.index] = position }
        let blocks = order.map { id in
            var block = graph[id]
            block.terminator = block.terminator.mapTargets { BlockID(newIndex[$0.index]) }
            return block
        }
        graph = ControlFlowGraph(blocks: blocks, entry: BlockID(newIndex[graph.entry.index]))
    }
}
