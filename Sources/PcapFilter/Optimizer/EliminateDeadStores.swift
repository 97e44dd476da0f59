import BPF

/// Pass: remove statements whose result nobody reads and that cannot end the program.
///
/// Relies on: ``Liveness`` (backward) for what is read later, and ``ForwardSweep`` states for
/// which loads are already proven to succeed (a load of bytes inside a range an earlier load
/// on every path covered cannot fail).
/// What holds after it: every remaining statement either writes a location read later, or may
/// fail (a packet load not proven in bounds, a division by a value not known non-zero) and so
/// decides verdicts on cut-short packets — those stay even when their value is dead, because
/// removing them would accept a packet the unoptimized program rejects.
enum EliminateDeadStores {
    static func run(_ graph: inout ControlFlowGraph) {
        let order = graph.topologicalOrder()
        var canFail = Array(repeating: [Bool](), count: graph.blocks.count)
        ForwardSweep.run(&graph) { id, entryState, graph, table in
            var state = entryState
            canFail[id.index] = graph[id].statements.map { state.execute($0, &table).canFail }
            return PropagateValues.edgeStates(graph[id].terminator, state, table)
        }
        // Backward, so each block sees its successors' final liveness.
        var liveIn = Array(repeating: Locations(), count: graph.blocks.count)
        for id in order.reversed() {
            let block = graph[id]
            var live = block.terminator.successors.reduce(block.terminator.reads) { $0.union(liveIn[$1.index]) }
            var kept: [Instruction] = []
            // The furthest byte a later load of this block needs: an earlier dead load needing
            // no more fails exactly when that one would, so it decides nothing.
            var laterEnd: UInt64 = 0
            for (index, statement) in block.statements.enumerated().reversed() {
                let mayFail = canFail[id.index].indices.contains(index) ? canFail[id.index][index] : true
                let end = statement.absoluteLoadEnd
                let covered = end.map { $0 <= laterEnd } ?? false
                if statement.writes.isDisjoint(with: live) && !statement.writes.isEmpty && (!mayFail || covered) { continue }
                if let end { laterEnd = max(laterEnd, end) }
                live = live.subtracting(statement.writes).union(statement.reads)
                kept.append(statement)
            }
            graph[id].statements = kept.reversed()
            liveIn[id.index] = live
        }
    }
}

extension Instruction {
    /// For a load from a fixed packet offset: one past the last byte it needs.
    var absoluteLoadEnd: UInt64? {
        switch self {
        case let .loadAbsolute(size, offset) where offset < MachineState.specialOffsets:
            UInt64(offset) + UInt64(size.byteCount)
        case .loadXIPHeaderLength(let offset) where offset < MachineState.specialOffsets: UInt64(offset) + 1
        default: nil
        }
    }
}
