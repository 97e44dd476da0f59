import BPF

/// Pass: compute `A op X` in place when the code generator moved A into X only to bring the
/// old X back into A for a commutative operation.
///
/// `ether[ether[0] & 0xf]` on radiotap keeps the header length in X and in M[0], then runs
/// `tax; ld M[0]; add x`: the header length plus the masked byte, which `add x` alone computes
/// while X still holds the header length (libpcap's program has just the `add x`).
///
/// Relies on: ``ForwardSweep`` states — the value the middle statement loads is the value X
/// held before the `tax` (value numbers), and it cannot fail; ``Liveness`` — the X the `tax`
/// made is not read after the operation (the block overwrites X first, or X is dead on leaving).
/// What holds after it: `tax; <A = old X>; op x` with `op` one of add, mul, and, or, xor is
/// `op x`: A ends with the same value, X keeps its old one, which nobody reads, and no cell
/// changes. No statement that may fail is removed, so every verdict is unchanged.
enum DropOperandShuffles {
    static func run(_ graph: inout ControlFlowGraph) {
        let liveness = Liveness(graph, order: graph.topologicalOrder())
        ForwardSweep.run(&graph) { id, entryState, graph, table in
            var state = entryState
            var statements = graph[id].statements
            let liveOut = liveness.liveOut(of: graph[id].terminator)
            var index = 0
            while index < statements.count {
                if shuffles(statements, at: index, state, &table),
                   xIsDead(after: index + 3, in: statements, liveOut: liveOut) {
                    statements.removeSubrange(index..<index + 2)
                    continue  // the operation now at `index` runs with the entry X
                }
                _ = state.execute(statements[index], &table)
                index += 1
            }
            graph[id].statements = statements
            var exitState = entryState
            for statement in statements { _ = exitState.execute(statement, &table) }
            return PropagateValues.edgeStates(graph[id].terminator, exitState, table)
        }
    }

    /// Whether `statements[index...]` start with `tax`, a statement that puts the value X
    /// held before the `tax` back into A without failing, and a commutative `op x`.
    private static func shuffles(_ statements: [Instruction], at index: Int, _ state: MachineState,
                                 _ table: inout ValueTable) -> Bool {
        guard index + 2 < statements.count, case .tax = statements[index],
              case let .alu(operation, .x) = statements[index + 2], ValueTable.commutative(operation),
              statements[index + 1].writes == .a
        else { return false }
        var after = state
        _ = after.execute(statements[index], &table)
        let effect = after.execute(statements[index + 1], &table)
        return !effect.canFail && after.a == state.x
    }

    /// Whether the X written before `position` is overwritten before any read, or dead on leaving.
    private static func xIsDead(after position: Int, in statements: [Instruction], liveOut: Locations) -> Bool {
        for statement in statements[position...] {
            if statement.reads.contains(.x) { return false }
            if statement.writes.contains(.x) { return true }
        }
        return !liveOut.contains(.x)
    }
}
