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
        let (predicate, policy) = try generatedPredicate(text, for: target, resolver: resolver)
        return try finish(predicate, acceptLength: target.snapLength, policy: optimize ? policy : .none)
    }

    /// The control-flow graph of filter text for a target, before any optimization; or, with
    /// `forOptimizer`, as the optimizer receives it (shared guards factored out).
    public func controlFlowGraph(_ text: String, for target: CompilationTarget, resolver: any NameResolver,
                                 forOptimizer: Bool = false) throws(FilterError) -> ControlFlowGraph
    {
        let (predicate, policy) = try generatedPredicate(text, for: target, resolver: resolver)
        guard forOptimizer, let cutShort = policy.cutShortVerdicts else {
            return ControlFlowGraph(lowering: predicate, acceptLength: target.snapLength)
        }
        return Self.lowering(predicate, acceptLength: target.snapLength, optimizingFor: cutShort)
    }

    /// The generated predicate, and how far the optimizer may go on it.
    private func generatedPredicate(_ text: String, for target: CompilationTarget, resolver: any NameResolver)
        throws(FilterError) -> (predicate: Predicate, policy: OptimizationPolicy)
    {
        let generation = InterleavedGeneration(
            analyzer: SemanticAnalyzer(target: target, resolver: resolver),
            state: GenerationState(target: target))
        var parser = Parser(text, reduction: generation)
        let syntax = try parser.parseProgram()
        guard let expression = syntax.expression else { return (.always, .full) }
        var assembly = PredicateAssembly(primitives: parser.reduction.predicates)
        let body = try assembly.predicate(for: expression)
        return parser.reduction.state.finishing(body)
    }
}

/// Analysis and generation one primitive at a time, as the parser completes each, so that the
/// first error reported is the one libpcap reports: its grammar actions generate code as they
/// parse (`vlan 1 or ra host 1.2.3.4` on PPP fails on `vlan`, not on `ra`; `mpls 32 or
/// 1:2:3:4:5:6` on LINUX_SLL2 on `mpls`, before the parser's check of the MAC address).
private struct InterleavedGeneration: PrimitiveReduction {
    let analyzer: SemanticAnalyzer
    var state: GenerationState
    /// Each primitive's predicate, in reading order.
    var predicates: [Predicate] = []

    mutating func reduce(_ primitive: Primitive, range: SourceRange) throws(FilterError) {
        predicates.append(try Self.generate(primitive, range: range, analyzer: analyzer, state: &state))
    }

    /// Generates a relation on the load, on a copy of the state, only for its errors: the
    /// relation's own generation, when it is complete, produces the code.
    func reduceLoad(_ load: Arithmetic) throws(FilterError) {
        var probe = state
        let test = Relation(op: .equal, lhs: load, rhs: Arithmetic(kind: .number(0), range: load.range))
        _ = try Self.generate(.relation(test), range: load.range, analyzer: analyzer, state: &probe)
    }

    private static func generate(_ primitive: Primitive, range: SourceRange, analyzer: SemanticAnalyzer,
                                 state: inout GenerationState) throws(FilterError) -> Predicate
    {
        let tree = try analyzer.analyze(primitive, range: range)
        do {
            return try state.generate(tree)
        } catch {
            // Code generation sees no text: a problem it reports gets the primitive's place
            // (`type mgt` is refused there, because only the encapsulation knows the link type).
            if case .semantic(let problem, nil) = error { throw .semantic(problem, at: range) }
            throw error
        }
    }
}

/// The expression's predicate, built from its primitives' predicates, which the parser
/// generated in the order they are read here.
private struct PredicateAssembly {
    let primitives: [Predicate]
    var next = 0

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
        case .primitive:
            guard next < primitives.count else { throw .compilerFault("a primitive the parser did not generate") }
            defer { next += 1 }
            return primitives[next]
        }
    }
}
