/// Pass: make blocks with the same statements and the same (merged) successors one block.
///
/// Relies on: the graph being acyclic, so visiting in reverse topological order merges every
/// block's successors before the block itself is compared.
/// What holds after it: no two reachable blocks are equal once their successors are merged;
/// in particular every `ret #0` and every `ret #snaplen` is a single block, and two tails that
/// test the same things the same way are shared. The representative of a group is the first
/// met in that order; the dictionary is only looked up, so the result is deterministic.
enum MergeIdenticalBlocks {
    static func run(_ graph: inout ControlFlowGraph) {
        let order = graph.topologicalOrder()
        var representative = graph.blocks.indices.map { BlockID($0) }
        var seen: [BasicBlock: BlockID] = [:]
        for id in order.reversed() {
            var block = graph[id]
            block.terminator = block.terminator.mapTargets { representative[$0.index] }
            graph[id] = block
            if let existing = seen[block] {
                representative[id.index] = existing
            } else {
                seen[block] = id
            }
        }
        graph.entry = representative[graph.entry.index]
    }
}
