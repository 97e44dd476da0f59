import BPF

/// Pass: in a chain of tests that all leave for one common exit, test each loaded value
/// against all its constants together, so each value is loaded once.
///
/// A chain is a head block followed by blocks with no other predecessor, each at most one
/// packet load into A (and arithmetic on A with constants) and a branch on A, each with one
/// edge to the common exit and the other to the next block; the last one's other edge is the
/// chain's fall-through.
/// `host a or host b` gives `[26]=a?, [30]=a?, [26]=b?, [30]=b?`; regrouped it is
/// `[26]=a?, [30]=a?, [30]=b?, [26]=b?` — one load fewer per term.
///
/// Relies on: ``ForwardSweep`` states — every load after the head's must be proven in
/// bounds once the head's statements ran (absolute loads below the proven length, indexed
/// loads that already succeeded with the same X) (so no test can end the program, and the order of
/// the pure comparisons cannot change a verdict), unless the common exit rejects: then a load
/// falling off the packet rejects it just as its test failing would, and a conjunction's
/// order cannot change a verdict either (`llc u and iso` tests `[14]` twice before loading
/// `[16]`, as libpcap's optimizer orders it). With libpcap's ``CutShortVerdicts``, a chain
/// whose tests all leave the same way (all on true, or all on false) is regrouped past loads
/// that may fail too: libpcap's `or_pullup` and `and_pullup` treat every load as one that
/// succeeds, so tcpdump accepts `host 1.2.3.4 or host 10.0.0.1` on a frame cut short after
/// the source address 10.0.0.1, which the unoptimized program rejects. ``Liveness`` — A is
/// dead at the exit and at the fall-through, so which value A holds on leaving does not
/// matter. X and the scratch cells are untouched by the chain.
/// What holds after it: the same tests, each value's tests consecutive in order of the
/// value's first appearance, the head's value first (its load, which may fail, still runs
/// first) — unless A already holds another of the values on entry and the head's load cannot
/// fail (or the chain is regrouped as libpcap does): then that value's tests come first,
/// without a load.
enum RegroupTestChains {
    /// One test of a chain: the load that made its value (if any), the value, and the branch.
    private struct ChainTest {
        var load: [Instruction]
        var value: ValueID
        var condition: JumpCondition
        var operand: Operand
        var exitWhen: Bool
    }

    /// A chain of tests found from a head block.
    private typealias Chain = (blocks: [BlockID], exit: BlockID, fallThrough: BlockID, libpcapOrder: Bool)

    /// Two tests are worth regrouping only when A's value on entry saves the head's load.
    static let minimumLength = 2

    static func run(_ graph: inout ControlFlowGraph, cutShort: CutShortVerdicts = .asUnoptimized) {
        let order = graph.topologicalOrder()
        let liveness = Liveness(graph, order: order)
        let predecessors = graph.predecessorCounts(order: order)
        var (entryStates, table) = ForwardSweep.entryStates(of: graph)
        var inChain = Array(repeating: false, count: graph.blocks.count)
        for head in order where !inChain[head.index] {
            guard entryStates[head.index] != nil else { continue }
            var best: Chain?
            for exitOnTrue in [true, false] {
                if let chain = chain(from: head, exitOnTrue: exitOnTrue, cutShort: cutShort, graph, predecessors,
                                     entryStates, &table),
                   chain.blocks.count > (best?.blocks.count ?? minimumLength - 1) {
                    best = chain
                }
            }
            guard let best, !liveness.liveIn[best.exit.index].contains(.a),
                  !liveness.liveIn[best.fallThrough.index].contains(.a)
            else { continue }
            for id in best.blocks { inChain[id.index] = true }
            regroup(best, &graph, entryStates, &table)
        }
    }

    /// The longest chain from `head` whose first test exits on `exitOnTrue`.
    private static func chain(
        from head: BlockID, exitOnTrue: Bool, cutShort: CutShortVerdicts, _ graph: ControlFlowGraph, _ predecessors: [Int],
        _ entryStates: [MachineState?], _ table: inout ValueTable
    ) -> Chain? {
        guard case let .branch(_, _, ifTrue, ifFalse) = graph[head].terminator, ifTrue != ifFalse,
              isTestBlock(graph[head]), var state = entryStates[head.index]
        else { return nil }
        state.execute(graph[head].statements, &table)
        let exit = exitOnTrue ? ifTrue : ifFalse
        let exitRejects = graph[exit] == BasicBlock(terminator: .reject)
        var next = exitOnTrue ? ifFalse : ifTrue
        var blocks = [head]
        // libpcap's `or_pullup`/`and_pullup` regroup a chain whose tests all exit the same way
        // as if no load could fail: with its cut-short verdicts, so may we.
        var uniform = cutShort == .asLibpcapOptimizer
        var passesFailingLoads = false
        while predecessors[next.index] == 1, case let .branch(_, _, t, f) = graph[next].terminator,
              t != f, t == exit || f == exit, isTestBlock(graph[next]) {
            uniform = uniform && (t == exit) == exitOnTrue
            if exitRejects || cannotFail(graph[next].statements, after: state, &table) {
                guard uniform || !passesFailingLoads else { break }
            } else {
                guard uniform else { break }
                passesFailingLoads = true
            }
            blocks.append(next)
            next = t == exit ? f : t
        }
        return (blocks, exit, next, uniform)
    }

    /// Whether none of `statements` can end the program once the head's statements ran
    /// (absolute loads within the proven length, indirect loads that already succeeded with
    /// the same X: chain blocks never change X).
    private static func cannotFail(_ statements: [Instruction], after state: MachineState, _ table: inout ValueTable) -> Bool {
        var state = state
        return statements.allSatisfy { !state.execute($0, &table).canFail }
    }

    /// At most one packet load into A (absolute or indexed by X) and arithmetic on A with
    /// constants, then a branch.
    private static func isTestBlock(_ block: BasicBlock) -> Bool {
        guard let first = block.statements.first else { return true }
        switch first {
        case .loadAbsolute, .loadIndirect: break
        default: return false
        }
        return block.statements.dropFirst().allSatisfy {
            if case .alu(_, .constant) = $0 { true } else { false }
        }
    }

    private static func regroup(
        _ chain: Chain, _ graph: inout ControlFlowGraph, _ entryStates: [MachineState?], _ table: inout ValueTable
    ) {
        let (blocks, exit, fallThrough) = (chain.blocks, chain.exit, chain.fallThrough)
        guard var state = entryStates[blocks[0].index] else { return }
        var tests: [ChainTest] = []
        for id in blocks {
            let block = graph[id]
            state.execute(block.statements, &table)
            guard case let .branch(condition, operand, ifTrue, _) = block.terminator else { return }
            tests.append(ChainTest(load: block.statements, value: state.a, condition: condition,
                                   operand: operand, exitWhen: ifTrue == exit))
        }
        // Groups in order of first appearance; the dictionary is only looked up.
        var groupOf: [ValueID: Int] = [:]
        var groups: [[ChainTest]] = []
        for test in tests {
            if let index = groupOf[test.value] {
                groups[index].append(test)
                if groups[index][0].load.isEmpty { groups[index][0].load = test.load }
            } else {
                groupOf[test.value] = groups.count
                groups.append([test])
            }
        }
        // When A already holds one of the values on entry (`… or [30] = a` then `[26] = b or
        // [30] = b`) and the head's load cannot fail (or libpcap's order is allowed: `llc u or
        // iso` tests [14] again before loading [16]), that value's tests go first, unloaded.
        var headStatements = graph[blocks[0]].statements
        if let entry = entryStates[blocks[0].index], let reused = groupOf[entry.a], reused > 0,
           chain.libpcapOrder || cannotFail(headStatements, after: entry, &table) {
            groups.insert(groups.remove(at: reused), at: 0)
            headStatements = []
        }
        // Every group after the first needs a load to produce its value.
        guard groups.dropFirst().allSatisfy({ !$0[0].load.isEmpty }) else { return }
        let ordered = groups.enumerated().flatMap { index, group in
            group.enumerated().map { position, test in
                (test, position == 0 ? (index == 0 ? headStatements : test.load) : [])
            }
        }
        for (slot, (test, statements)) in ordered.enumerated() {
            let continuation = slot + 1 < blocks.count ? blocks[slot + 1] : fallThrough
            graph[blocks[slot]] = BasicBlock(
                statements: statements,
                terminator: .branch(test.condition, test.operand,
                                    ifTrue: test.exitWhen ? exit : continuation,
                                    ifFalse: test.exitWhen ? continuation : exit))
        }
    }
}
