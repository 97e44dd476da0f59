import BPF

/// Pass: fold constants, drop redundant loads and fold branches whose outcome the path implies.
///
/// Relies on: ``ForwardSweep``'s states, which describe every packet reaching a block.
/// What holds after it, per block, given what is known on entry:
/// - a statement that leaves every register and cell as it was is gone (`ldh [12]` while A
///   already holds `[12]`, `st M[1]` of the value M[1] holds, `tax` when X = A); such a
///   statement cannot fail, because the value it recomputes was already computed on every path;
///   so are a block's statements that together leave them as they were, when none can fail
///   (libpcap drops such a block's statements too);
/// - X known to be a constant is used as one (`ld [x + 14]` → `ld [c + 14]`, `add x` → `add #c`),
///   and a statement that cannot fail and yields a known constant is a `ld #c` / `ldx #c`;
/// - a branch the state decides (facts from earlier branches on the same value: equality,
///   intervals, known bits) is a `jump` to the side it always takes.
/// No statement that may fail is removed or added, so verdicts on cut-short packets are unchanged.
enum PropagateValues {
    static func run(_ graph: inout ControlFlowGraph) {
        ForwardSweep.run(&graph) { id, entryState, graph, table in
            var state = entryState
            var statements: [Instruction] = []
            var mayFail = false
            for statement in graph[id].statements {
                let effect = state.execute(statement, &table)
                mayFail = mayFail || effect.canFail
                if !effect.isRedundant { statements.append(effect.rewritten) }
            }
            // Statements that together leave every register and cell as they were (`ldb [x + 1];
            // and #3` while A holds `[x + 1] & 3`), none of which can fail, go as a whole.
            let recomputesEntry = state.a == entryState.a && state.x == entryState.x && state.cells == entryState.cells
            graph[id].statements = recomputesEntry && !mayFail ? [] : statements
            var terminator = graph[id].terminator
            if let (original, ifTrue, ifFalse) = terminator.twoWay {
                var test = original
                if case let .compare(condition, .x) = test, let k = table.constant(state.x) { test = .compare(condition, .constant(k)) }
                if ifTrue == ifFalse {
                    terminator = .jump(ifTrue)
                } else if let outcome = state.decide(test, table) {
                    terminator = .jump(outcome ? ifTrue : ifFalse)
                } else {
                    terminator = Terminator(test, ifTrue: ifTrue, ifFalse: ifFalse)
                }
            }
            graph[id].terminator = terminator
            return edgeStates(terminator, state, table)
        }
    }

    /// The state on each outgoing edge, with what the branch taken proves.
    static func edgeStates(_ terminator: Terminator, _ state: MachineState, _ table: ValueTable) -> [(BlockID, MachineState)] {
        if let (test, ifTrue, ifFalse) = terminator.twoWay {
            return [(ifTrue, state.learning(test, true, table)), (ifFalse, state.learning(test, false, table))]
        }
        if case .jump(let target) = terminator { return [(target, state)] }
        return []
    }
}
