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
        // The states cost a sweep over the whole graph; most graphs have no candidate at all.
        let candidate = graph.blocks.contains { block in
            zip(block.statements, block.statements.dropFirst(2)).contains { first, third in
                if case .tax = first, case .alu(_, .x) = third { true } else { false }
            }
        }
        guard candidate else { return }
        ForwardSweep.rewritingStatements(&graph) { statements, index, state, liveOut, table in
            guard shuffles(statements, at: index, state, &table),
                  xIsDead(after: index + 3, in: statements, liveOut: liveOut)
            else { return nil }
            var rewritten = statements
            rewritten.removeSubrange(index..<index + 2)  // the operation now at `index` keeps the old X
            return rewritten
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
