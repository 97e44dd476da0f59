/// The filter optimizer: a fixed sequence of passes over a ``ControlFlowGraph``, repeated
/// until the graph stops changing.
///
/// Invariants every pass relies on and keeps (stated again in each pass's header):
/// - the graph is acyclic and its statements contain no control flow;
/// - every packet gets the same verdict from the optimized graph as from the input, including
///   packets cut short by the snapshot length: a statement that may end the program (a packet
///   load not proven in bounds, a division by a value not known non-zero) is never removed
///   unless every path after it rejects anyway, or its value is never read and the
///   ``CutShortVerdicts`` are libpcap's optimizer's; it is never moved, and none is added;
/// - iteration is over block indices and topological orders only; dictionaries are looked up,
///   never iterated, so the same input gives the same output on every run.
public enum Optimizer {
    /// Rounds after which the optimizer stops even if a pass still changes something; each
    /// round is linear-ish in the graph size, so this bounds the total work.
    public static let roundLimit = 16

    /// The optimized graph: same verdict on every packet, fewer and cheaper instructions. The
    /// passes run to a fixed point; then, on small graphs, ``SpecializeSharedTails`` tries
    /// giving paths their own copy of a shared tail, each trial optimized the same way.
    public static func optimize(_ graph: ControlFlowGraph, cutShort: CutShortVerdicts = .asUnoptimized) -> ControlFlowGraph {
        SpecializeSharedTails.run(fixpoint(graph, cutShort: cutShort)) { fixpoint($0, cutShort: cutShort) }
    }

    /// The passes of ``OptimizationPass`` run in order until the graph stops changing.
    static func fixpoint(_ graph: ControlFlowGraph, cutShort: CutShortVerdicts) -> ControlFlowGraph {
        var current = graph
        // Runs of tests become single blocks before any other pass walks the graph: each
        // round then costs what the collapsed graph does, not what the lowered one did.
        CollapseEqualityRuns.run(&current)
        RemoveUnreachableBlocks.run(&current)
        for _ in 0..<roundLimit {
            let before = current
            for pass in OptimizationPass.allCases { pass.run(&current, cutShort: cutShort) }
            if current == before { break }
        }
        return current
    }
}

/// Whose verdicts the optimized program gives a packet cut short by the snapshot length, when
/// a load whose value nobody reads falls off its end.
public enum CutShortVerdicts: Sendable {
    /// The unoptimized program's: such a load stays and rejects the packet.
    case asUnoptimized
    /// libpcap's optimizer's, which is what tcpdump filters with: it deletes every statement
    /// whose value is not read, so such a packet goes on to the tests that follow.
    case asLibpcapOptimizer
}

/// The optimizer's passes, in the order one round runs them.
public enum OptimizationPass: String, CaseIterable, Sendable {
    case collapseEqualityRuns, foldRejectingBlocks, threadJumps, propagateValues, reassociateIndexedLoads, dropOperandShuffles
    case simplifyJumps, applyPeepholes
    case regroupTestChains
    case eliminateDeadStores, shareIndexedTails, mergeIdenticalBlocks, removeUnreachableBlocks

    /// Runs the pass on `graph`.
    public func run(_ graph: inout ControlFlowGraph, cutShort: CutShortVerdicts = .asUnoptimized) {
        switch self {
        case .collapseEqualityRuns: CollapseEqualityRuns.run(&graph)
        case .foldRejectingBlocks: FoldRejectingBlocks.run(&graph)
        case .threadJumps: ThreadJumps.run(&graph)
        case .propagateValues: PropagateValues.run(&graph)
        case .reassociateIndexedLoads: ReassociateIndexedLoads.run(&graph)
        case .dropOperandShuffles: DropOperandShuffles.run(&graph)
        case .simplifyJumps: SimplifyJumps.run(&graph)
        case .regroupTestChains: RegroupTestChains.run(&graph, cutShort: cutShort)
        case .applyPeepholes: ApplyPeepholes.run(&graph)
        case .eliminateDeadStores: EliminateDeadStores.run(&graph, cutShort: cutShort)
        case .shareIndexedTails: ShareIndexedTails.run(&graph)
        case .mergeIdenticalBlocks: MergeIdenticalBlocks.run(&graph)
        case .removeUnreachableBlocks: RemoveUnreachableBlocks.run(&graph)
        }
    }
}
