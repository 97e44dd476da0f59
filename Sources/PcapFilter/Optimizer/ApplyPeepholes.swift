import BPF

/// Pass: rewrite a block's last statement and its branch into one equivalent branch.
///
/// Relies on: ``Liveness`` — each rewrite changes what A holds when the block is left, so it is
/// made only when neither successor reads A before writing it.
/// What holds after it (k, j constants, A dead on both edges):
/// - `and #k; jeq #0` is `jset #k` with the edges swapped (libpcap keeps both);
/// - `and #k; jgt #0` and `and #k; jge #1` are `jset #k`;
/// - `and #k; jset #j` is `jset #(k & j)`;
/// - `sub #k; jeq #j` is `jeq #(j + k)`, and `add #k; jeq #j` is `jeq #(j - k)` (wrapping
///   arithmetic makes both exact).
/// None of the removed statements can fail, so verdicts on every packet are unchanged.
enum ApplyPeepholes {
    static func run(_ graph: inout ControlFlowGraph) {
        let order = graph.topologicalOrder()
        let liveness = Liveness(graph, order: order)
        for id in order {
            guard case let .branch(condition, .constant(j), ifTrue, ifFalse) = graph[id].terminator,
                  case let .alu(operation, .constant(k))? = graph[id].statements.last,
                  !liveness.liveIn[ifTrue.index].contains(.a), !liveness.liveIn[ifFalse.index].contains(.a)
            else { continue }
            let replacement: Terminator?
            switch (operation, condition, j) {
            case (.and, .equal, 0):
                replacement = .branch(.bitsSet, .constant(k), ifTrue: ifFalse, ifFalse: ifTrue)
            case (.and, .greater, 0), (.and, .greaterOrEqual, 1):
                replacement = .branch(.bitsSet, .constant(k), ifTrue: ifTrue, ifFalse: ifFalse)
            case (.and, .bitsSet, _):
                replacement = .branch(.bitsSet, .constant(k & j), ifTrue: ifTrue, ifFalse: ifFalse)
            case (.sub, .equal, _):
                replacement = .branch(.equal, .constant(j &+ k), ifTrue: ifTrue, ifFalse: ifFalse)
            case (.add, .equal, _):
                replacement = .branch(.equal, .constant(j &- k), ifTrue: ifTrue, ifFalse: ifFalse)
            default:
                replacement = nil
            }
            guard let replacement else { continue }
            graph[id].statements.removeLast()
            graph[id].terminator = replacement
        }
    }
}
