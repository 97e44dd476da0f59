import BPF

extension FilterCompiler {
    /// Compiles filter text for a target, as `pcap_compile` does with optimization off:
    /// parse, analyze each primitive (names through `resolver`), generate, lower, linearize.
    ///
    /// Blank text accepts every packet. Errors carry libpcap's message; when an expression
    /// has several, the first in reading order is reported, as libpcap reports it.
    public func compile(_ text: String, for target: CompilationTarget, resolver: any NameResolver)
        throws(FilterError) -> Program
    {
        let graph = try controlFlowGraph(text, for: target, resolver: resolver)
        // The optimizer's seam: passes that rewrite `graph` run here, before linearization.
        return try linearize(graph)
    }

    /// The unoptimized control-flow graph of filter text for a target.
    public func controlFlowGraph(_ text: String, for target: CompilationTarget, resolver: any NameResolver)
        throws(FilterError) -> ControlFlowGraph
    {
        let syntax = try FilterParser.parse(text)
        guard let expression = syntax.expression else {
            return ControlFlowGraph(lowering: .always, acceptLength: target.snapLength)
        }
        var generation = InterleavedGeneration(
            analyzer: SemanticAnalyzer(target: target, resolver: resolver),
            state: GenerationState(encapsulation: Encapsulation(target: target)))
        let predicate = try generation.predicate(for: expression)
        return ControlFlowGraph(lowering: predicate, acceptLength: target.snapLength)
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
            return try state.generate(try analyzer.analyze(primitive, range: expression.range))
        }
    }
}
