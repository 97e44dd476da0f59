import BPF

/// Compiles a ``SemanticFilter`` to a classic BPF program for a ``CompilationTarget``.
///
/// Stages, each a pure function of the previous one's output:
/// 1. generation: the tree becomes a ``Predicate``, primitives visited in reading order with
///    the ``Encapsulation`` threaded through (see ``predicate(for:target:)``);
/// 2. lowering: the predicate becomes a ``ControlFlowGraph`` (the optimizer's input);
/// 3. linearization: the graph becomes a ``Program`` (``Linearizer``).
public struct FilterCompiler: Sendable {
    /// Creates a compiler.
    public init() {}

    /// The program for `tree`, unoptimized, checked against the kernel's structural rules.
    public func generate(_ tree: SemanticFilter, for target: CompilationTarget) throws(CodeGenerationError) -> Program {
        try linearize(try controlFlowGraph(for: tree, target: target))
    }

    /// The program for `graph`, checked against the kernel's structural rules.
    public func linearize(_ graph: ControlFlowGraph) throws(FilterError) -> Program {
        let program = Linearizer.linearize(graph)
        do {
            try ProgramChecks.check(program)
        } catch {
            throw .programTooLarge(program.count)
        }
        return program
    }

    /// The control-flow graph for `tree`, before any optimization.
    public func controlFlowGraph(for tree: SemanticFilter, target: CompilationTarget) throws(CodeGenerationError)
        -> ControlFlowGraph
    {
        ControlFlowGraph(lowering: try predicate(for: tree, target: target), acceptLength: target.snapLength)
    }

    /// The predicate for `tree`: primitives are generated left to right, each receiving the
    /// encapsulation left by the one before it in reading order — whatever connective joins them.
    public func predicate(for tree: SemanticFilter, target: CompilationTarget) throws(CodeGenerationError) -> Predicate {
        var state = GenerationState(encapsulation: Encapsulation(target: target))
        return try state.generate(tree)
    }
}

/// What flows from one primitive to the next in reading order.
struct GenerationState {
    var encapsulation: Encapsulation
    var scratch = ScratchAllocator()

    mutating func generate(_ tree: SemanticFilter) throws(CodeGenerationError) -> Predicate {
        switch tree {
        case .primitive(let primitive):
            return try generate(primitive)
        case let .and(left, right):
            let l = try generate(left)
            return .and(l, try generate(right))
        case let .or(left, right):
            let l = try generate(left)
            return .or(l, try generate(right))
        case .not(let inner):
            return .not(try generate(inner))
        }
    }

    mutating func generate(_ primitive: SemanticPrimitive) throws(CodeGenerationError) -> Predicate {
        let e = encapsulation
        switch primitive {
        case let .ipv4Host(address, mask, proto, direction):
            return IPv4.host(address: address, mask: mask, proto, direction, e)
        case let .ipv6Host(address, mask, direction):
            return IPv6.host(address: address, mask: mask, direction, e)
        case let .etherHost(mac, direction):
            return try LinkPrimitives.etherHost(mac, direction, e)
        case let .port(proto, direction, low, high, isRange):
            let (lo, hi) = low <= high ? (low, high) : (high, low)
            let v6 = Predicate.and(e.linkProtocol(EtherType.ipv6), .any(proto.numbers.map {
                IPv6.ports($0, direction, low: lo, high: hi, isRange: isRange, e)
            }))
            let v4 = Predicate.and(e.linkProtocol(EtherType.ipv4), .any(proto.numbers.map {
                IPv4.ports($0, direction, low: lo, high: hi, isRange: isRange, e)
            }))
            return .or(v6, v4)
        case .protocolKeyword(let keyword):
            return ProtocolGenerator(e).keyword(keyword)
        case let .networkProtocol(layer, number):
            return ProtocolGenerator(e).network(layer, number)
        case .etherProtocol(let type):
            return e.linkProtocol(type)
        case .broadcast(let layer):
            switch layer {
            case .link: return try LinkPrimitives.broadcast(e)
            case .ip:
                guard e.target.netmask != CompilationTarget.unknownNetmask else { throw .netmaskUnknown }
                return IPv4.broadcast(netmask: e.target.netmask, e)
            case .ip6: throw .notBroadcastLink
            }
        case .multicast(let layer):
            switch layer {
            case .link: return try LinkPrimitives.multicast(e)
            case .ip: return IPv4.multicast(e)
            case .ip6: return IPv6.multicast(e)
            }
        case let .relation(left, relation, right):
            var arithmetic = ArithmeticGenerator(encapsulation: e, scratch: scratch)
            let result = try arithmetic.relation(left, relation, right)
            scratch = arithmetic.scratch
            return result
        case .vlan(let id):
            let (test, next) = try Tunnels.vlan(id, e)
            encapsulation = next
            return test
        case .pppoeDiscovery:
            return Tunnels.pppoeDiscovery(e)
        case .pppoeSession(let id):
            let (test, next) = try Tunnels.pppoeSession(id, e)
            encapsulation = next
            return test
        case .direction(let direction):
            return try LinkPrimitives.direction(direction, e)
        case .interfaceIndex(let index):
            return try LinkPrimitives.interfaceIndex(index, e)
        }
    }
}
