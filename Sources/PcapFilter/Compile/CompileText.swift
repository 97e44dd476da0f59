import BPF

extension FilterCompiler {
    /// Compiles filter text for a target, as `pcap_compile` does: parse, analyze each
    /// primitive (names through `resolver`), generate, lower, optimize when `optimize` is set,
    /// linearize.
    ///
    /// Blank text accepts every packet. Errors carry libpcap's message; when an expression
    /// has several, the first in reading order is reported, as libpcap reports it. Optimized,
    /// a filter that accepts nothing is ``FilterError/rejectsAllPackets``, as in libpcap, within
    /// the filter's ``OptimizationPolicy``: a filter containing `geneve` is not optimized, and
    /// one reading an 802.11 payload is not reported as accepting nothing.
    public func compile(_ text: String, for target: CompilationTarget, resolver: any NameResolver,
                        optimize: Bool = true) throws(FilterError) -> Program
    {
        let (graph, policy) = try generatedGraph(text, for: target, resolver: resolver)
        return try finish(graph, policy: optimize ? policy : .none)
    }

    /// The unoptimized control-flow graph of filter text for a target.
    public func controlFlowGraph(_ text: String, for target: CompilationTarget, resolver: any NameResolver)
        throws(FilterError) -> ControlFlowGraph
    {
        try generatedGraph(text, for: target, resolver: resolver).graph
    }

    /// The unoptimized graph, and how far the optimizer may go on it.
    private func generatedGraph(_ text: String, for target: CompilationTarget, resolver: any NameResolver)
        throws(FilterError) -> (graph: ControlFlowGraph, policy: OptimizationPolicy)
    {
        let syntax = try FilterParser.parse(text)
        guard let expression = syntax.expression else {
            return (ControlFlowGraph(lowering: .always, acceptLength: target.snapLength), .full)
        }
        var generation = InterleavedGeneration(
            analyzer: SemanticAnalyzer(target: target, resolver: resolver),
            state: GenerationState(target: target))
        let body = try generation.predicate(for: expression)  // before `finishing` reads the state it leaves
        let (predicate, policy) = generation.state.finishing(body)
        return (ControlFlowGraph(lowering: predicate, acceptLength: target.snapLength), policy)
    }
}

/// Analysis and generation one primitive at a time in reading order, so that the first error
/// reported is the one libpcap reports (its grammar actions generate code as they parse:
/// `vlan 1 or ra host 1.2.3.4` on PPP fails on `vlan`, not on `ra`).
private struct InterleavedGeneration {
    let analyzer: SemanticAnalyzer
    var state: GenerationState

    mutating func predicate(for expression: Expression) throws(FilterError) -> Predicate {
        switch expression.kind {
        case let .and(left, right):
            let l = try predicate(for: left)
            return .and(l, try predicate(for: right))
        case let .or(left, right):
            let l = try predicate(for: left)
            return .or(l, try predicate(for: right))
        case .not(let inner):
            return .not(try predicate(for: inner))
        case .primitive(let primitive):
            let tree = try analyzer.analyze(primitive, range: expression.range)
            do {
                return try state.generate(tree)
            } catch {
                // Code generation sees no text: a problem it reports gets the primitive's place
                // (`type mgt` is refused there, because only the encapsulation knows the link type).
                if case .semantic(let problem, nil) = error { throw .semantic(problem, at: expression.range) }
                throw error
            }
        }
    }
}
