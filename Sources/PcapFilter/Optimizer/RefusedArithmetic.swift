import BPF

/// The arithmetic libpcap's optimizer refuses: once it knows X is a constant, a shift of an
/// unknown A by X ≥ 32, or a division or modulus by X = 0, stops the compilation with an error
/// instead of leaving an instruction whose result depends on the engine (a shift of a known A
/// is folded to 0). We report the same error.
///
/// Relies on: the graph before optimization. libpcap rewrites statements only after it has
/// folded the branches the path decides, so a block is checked when it is reachable without
/// the edges decided against: `len >> -16 = 0 and 1 = 0` is refused, `1 = 0 and len >> -16 = 0`
/// rejects all packets.
enum RefusedArithmetic {
    /// libpcap's error for the first refused statement on a reachable path, in topological order.
    static func firstError(in graph: ControlFlowGraph) -> FilterError? {
        guard graph.blocks.contains(where: { $0.statements.contains(where: mayBeRefused) }) else { return nil }
        var graph = graph
        var found: FilterError?
        ForwardSweep.run(&graph) { id, entryState, graph, table in
            var state = entryState
            for statement in graph[id].statements {
                if found == nil, case let .alu(operation, .x) = statement, let k = table.constant(state.x) {
                    found = refusal(operation, k, knownA: table.constant(state.a) != nil)
                }
                _ = state.execute(statement, &table)
            }
            var terminator = graph[id].terminator
            if let (test, ifTrue, ifFalse) = terminator.twoWay, let outcome = state.decide(test, table) {
                terminator = .jump(outcome ? ifTrue : ifFalse)
            }
            return PropagateValues.edgeStates(terminator, state, table)
        }
        return found
    }

    private static func mayBeRefused(_ statement: Instruction) -> Bool {
        guard case let .alu(operation, .x) = statement else { return false }
        return [.leftShift, .rightShift, .div, .mod].contains(operation)
    }

    private static func refusal(_ operation: ALUOperation, _ k: UInt32, knownA: Bool) -> FilterError? {
        switch operation {
        case .leftShift, .rightShift: k > 31 && !knownA ? .shiftTooLarge(at: nil) : nil
        case .div: k == 0 ? .divisionByZero(at: nil) : nil
        case .mod: k == 0 ? .modulusByZero(at: nil) : nil
        default: nil
        }
    }
}
