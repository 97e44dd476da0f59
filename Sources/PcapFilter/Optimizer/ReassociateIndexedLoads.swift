import BPF

/// Pass: fold a constant added to the index register into the offsets of the loads that use it.
///
/// `ld #c; ldxb 4*([14]&0xf); add x; tax; ldb [x + k]` is the code generator's way to reach
/// byte `k + c` of a transport header; when X already holds the header length `y` at the
/// `tax`, and the X that `tax` makes is used only by indexed loads, the `tax` goes and each
/// load reads `[x + (k + c)]`. The now-unused `ld #c; add x` are left to dead-store elimination.
///
/// Relies on: ``ForwardSweep`` states (the value numbers of A and X at the `tax`); ``Liveness``
/// for X after the block. libpcap's indexed loads check `k > caplen || X > caplen - k` — the
/// exact sum, no wrapping — so the rewrite is exact when neither `y + c` nor `k + c` can
/// overflow, which the value's upper bound proves.
/// What holds after it: every packet gets the same verdict; the block is one `tax` shorter.
enum ReassociateIndexedLoads {
    static func run(_ graph: inout ControlFlowGraph) {
        // The states cost a sweep over the whole graph; most graphs have no candidate at all.
        let candidate = graph.blocks.contains { block in
            guard let tax = block.statements.firstIndex(of: .tax) else { return false }
            return block.statements[tax...].contains { if case .loadIndirect = $0 { true } else { false } }
        }
        guard candidate else { return }
        ForwardSweep.rewritingStatements(&graph) { statements, index, state, liveOut, table in
            // Without the `tax`, the statement now at `index` is the one after it.
            guard case .tax = statements[index], let c = addend(state, table) else { return nil }
            return rewriteUses(after: index, in: statements, adding: c, liveOut: liveOut)
        }
    }

    /// `c` when A holds `X + c` with a sum that cannot wrap.
    private static func addend(_ state: MachineState, _ table: ValueTable) -> UInt32? {
        guard case let .alu(.add, y, constant) = table[state.a], y == state.x, let c = table.constant(constant),
              !table.upperBound(y).addingReportingOverflow(c).overflow
        else { return nil }
        return c
    }

    /// The statements without the `tax` at `index`, the indexed loads after it reading `c`
    /// further on; nil when X is used otherwise or lives on past the block.
    private static func rewriteUses(after index: Int, in statements: [Instruction], adding c: UInt32, liveOut: Locations)
        -> [Instruction]?
    {
        var result = Array(statements[..<index])
        var position = index + 1
        var redefined = false
        while position < statements.count {
            let statement = statements[position]
            if case let .loadIndirect(size, offset) = statement {
                let (sum, overflow) = offset.addingReportingOverflow(c)
                guard !overflow, sum < MachineState.specialOffsets else { return nil }
                result.append(.loadIndirect(size, offset: sum))
            } else {
                guard !statement.reads.contains(.x) else { return nil }
                result.append(statement)
            }
            position += 1
            if statement.writes.contains(.x) { redefined = true; break }
        }
        guard redefined || !liveOut.contains(.x) else { return nil }
        return result + statements[position...]
    }
}
