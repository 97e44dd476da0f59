/// Pass: turn every block from which all paths end in `ret #0` into a bare `ret #0`.
///
/// Relies on: nothing beyond the graph's invariants.
/// What holds after it: no block that can only reject keeps statements or branches. This is
/// exact even for cut-short packets: a load past the captured bytes also returns 0, so the
/// verdict of such a block was 0 whatever its statements did. A filter whose entry becomes
/// `ret #0` rejects every packet (``ControlFlowGraph/rejectsEverything``), which libpcap
/// reports as "expression rejects all packets".
enum FoldRejectingBlocks {
    static func run(_ graph: inout ControlFlowGraph) {
        let order = graph.topologicalOrder()
        var rejects = Array(repeating: false, count: graph.blocks.count)
        for id in order.reversed() {
            let terminator = graph[id].terminator
            switch terminator {
            case .reject: rejects[id.index] = true
            case .accept, .returnAccumulator: rejects[id.index] = false
            case .branch, .oneOf, .jump: rejects[id.index] = terminator.successors.allSatisfy { rejects[$0.index] }
            }
            if rejects[id.index] { graph[id] = BasicBlock(terminator: .reject) }
        }
    }
}
