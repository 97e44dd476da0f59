import BPF

/// Pass: remove statements whose result nobody reads and that cannot end the program.
///
/// Relies on: ``Liveness`` (backward) for what is read later, and ``ForwardSweep`` states for
/// which loads are already proven to succeed (a load of bytes inside a range an earlier load
/// on every path covered cannot fail).
/// What holds after it: every remaining statement either writes a location read later, or may
/// fail (a packet load not proven in bounds, a division by a value not known non-zero) and so
/// decides verdicts on cut-short packets — those stay even when their value is dead, because
/// removing them would accept a packet the unoptimized program rejects. When the verdicts owed
/// are libpcap's optimizer's, one more goes: a statement whose value a later statement of the
/// same block overwrites before anything reads it (`ld [34]; and #0` once `and #0` is `ld #0`),
/// which libpcap's block-local dead-store rule deletes whatever it knows about the rest of the
/// program. Dead only across blocks, a load stays: whether libpcap finds it dead depends on
/// what its weaker branch folding decides.
enum EliminateDeadStores {
    static func run(_ graph: inout ControlFlowGraph, cutShort: CutShortVerdicts) {
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
            // Locations a later statement of this block writes before anything reads them.
            var overwrittenInBlock = Locations()
            for (index, statement) in block.statements.enumerated().reversed() {
                defer { overwrittenInBlock = overwrittenInBlock.union(statement.writes).subtracting(statement.reads) }
                let mayFail = canFail[id.index].indices.contains(index) ? canFail[id.index][index] : true
                let end = statement.absoluteLoadEnd
                let covered = end.map { $0 <= laterEnd } ?? false
                let deletedByLibpcap = cutShort == .asLibpcapOptimizer && statement.writes.isSubset(of: overwrittenInBlock)
                let decidesNothing = !mayFail || covered || deletedByLibpcap
                if statement.writes.isDisjoint(with: live) && !statement.writes.isEmpty && decidesNothing { continue }
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
