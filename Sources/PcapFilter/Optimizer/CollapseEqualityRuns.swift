import BPF

/// Pass: make a run of `jeq`s on one value that share their true target a single
/// ``Terminator/oneOf(_:ifTrue:ifFalse:)`` block.
///
/// `port 1 or port 2 or …` tests one loaded port against a thousand constants: as a thousand
/// blocks, every sweep of every round visits and copies a machine state a thousand times; as
/// one block, once. The linearizer expands the set back into the same `jeq`s.
///
/// Relies on: a block of the run after the head is either empty (A is still the value the
/// block before compared) or runs exactly the head's statements, which set A and X before
/// reading them and touch no scratch cell (``FactorSharedGuards/recomputeTheirValue(_:)``): they
/// give the same values again and cannot fail, having just succeeded.
/// What holds after it: a block testing A for equality with a constant (or one of several)
/// has absorbed each next block on its false edge that has no other predecessor, leaves A
/// as above, tests it for equality too and goes to the same true target. Each absorbed test
/// runs where it ran before, so every packet gets the same verdict.
enum CollapseEqualityRuns {
    static func run(_ graph: inout ControlFlowGraph) {
        for (head, terminator) in collapsedRuns(in: graph) { graph[head].terminator = terminator }
    }

    /// The new terminator of the head of every run.
    private static func collapsedRuns(in graph: ControlFlowGraph) -> [(head: BlockID, terminator: Terminator)] {
        let order = graph.topologicalOrder()
        let predecessors = graph.predecessorCounts(order: order)
        var absorbed = Array(repeating: false, count: graph.blocks.count)
        var result: [(head: BlockID, terminator: Terminator)] = []
        for head in order where !absorbed[head.index] {
            guard let (ifTrue, firstIfFalse) = equalityTargets(graph.blocks[head.index].terminator),
                  continues(from: head, to: firstIfFalse, ifTrue: ifTrue, graph, predecessors)
            else { continue }
            var run = Run(ifTrue: ifTrue)
            run.add(graph.blocks[head.index].terminator)
            var next = firstIfFalse
            while continues(from: head, to: next, ifTrue: ifTrue, graph, predecessors) {
                absorbed[next.index] = true
                let terminator = graph.blocks[next.index].terminator
                run.add(terminator)
                next = equalityTargets(terminator)?.ifFalse ?? next
            }
            result.append((head, run.terminator(ifFalse: next)))
        }
        return result
    }

    /// The constants of a run, each once, in order.
    private struct Run {
        let ifTrue: BlockID
        var constants: [UInt32] = []
        var seen: Set<UInt32> = []  // looked up only: the order is the run's

        init(ifTrue: BlockID) { self.ifTrue = ifTrue }

        mutating func add(_ terminator: Terminator) {
            switch terminator {
            case .branch(_, .constant(let k), _, _): add(k)
            case .oneOf(let more, _, _): for k in more { add(k) }
            default: break
            }
        }

        private mutating func add(_ k: UInt32) {
            if seen.insert(k).inserted { constants.append(k) }
        }

        func terminator(ifFalse: BlockID) -> Terminator {
            .equality(constants, ifTrue: ifTrue, ifFalse: ifFalse)
        }
    }

    /// Whether `next`, on the false edge of a run from `head`, continues it: entered only
    /// from there, an equality test with the same true target, recomputing A as the head left it.
    private static func continues(
        from head: BlockID, to next: BlockID, ifTrue: BlockID, _ graph: ControlFlowGraph, _ predecessors: [Int]
    ) -> Bool {
        guard next != ifTrue, predecessors[next.index] == 1,
              equalityTargets(graph.blocks[next.index].terminator)?.ifTrue == ifTrue
        else { return false }
        let statements = graph.blocks[next.index].statements
        return statements.isEmpty
            || (statements == graph.blocks[head.index].statements
                && FactorSharedGuards.recomputeTheirValue(statements))
    }

    /// The targets of a test of A for equality with a constant, or with one of several.
    private static func equalityTargets(_ terminator: Terminator) -> (ifTrue: BlockID, ifFalse: BlockID)? {
        switch terminator {
        case let .branch(.equal, .constant, ifTrue, ifFalse), let .oneOf(_, ifTrue, ifFalse): (ifTrue, ifFalse)
        default: nil
        }
    }
}
