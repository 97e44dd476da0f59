import BPF

/// Compiles a ``SemanticFilter`` to a classic BPF program for a ``CompilationTarget``.
///
/// Stages, each a pure function of the previous one's output:
/// 1. generation: the tree becomes a ``Predicate``, primitives visited in reading order with
///    the ``Encapsulation`` threaded through (see ``predicate(for:target:)``);
/// 2. lowering: the predicate becomes a ``ControlFlowGraph`` (the optimizer's input);
/// 2½. optimization, when asked for (``Optimizer``);
/// 3. linearization: the graph becomes a ``Program`` (``Linearizer``).
public struct FilterCompiler: Sendable {
    /// Creates a compiler.
    public init() {}

    /// The program for `tree`, checked against the kernel's structural rules; optimized when
    /// `optimize` is set, in which case a filter that can accept nothing is an error, as in libpcap.
    /// The ``OptimizationPolicy`` of the filter may hold either back: a filter containing
    /// `geneve` is never optimized, and one reading an 802.11 payload is never reported as
    /// rejecting everything (libpcap's `no_optimize`).
    public func generate(_ tree: SemanticFilter, for target: CompilationTarget, optimize: Bool = false)
        throws(FilterError) -> Program
    {
        let (predicate, policy) = try generation(for: tree, target: target)
        return try finish(predicate, acceptLength: target.snapLength, policy: optimize ? policy : .none)
    }

    /// The program for a generated predicate, optimized as `policy` allows: failing with libpcap's
    /// error for arithmetic its optimizer refuses (``RefusedArithmetic``), or with
    /// ``FilterError/rejectsAllPackets`` when the optimized graph accepts nothing.
    func finish(_ predicate: Predicate, acceptLength: UInt32, policy: OptimizationPolicy) throws(FilterError) -> Program {
        guard let cutShort = policy.cutShortVerdicts else {
            return try linearize(ControlFlowGraph(lowering: predicate, acceptLength: acceptLength))
        }
        let graph = Self.lowering(predicate, acceptLength: acceptLength, optimizingFor: cutShort)
        if policy == .full, let refusal = RefusedArithmetic.firstError(in: graph) { throw refusal }
        let optimized = Optimizer.optimize(graph, cutShort: cutShort)
        if policy == .full, optimized.rejectsEverything { throw .rejectsAllPackets }
        return try linearize(optimized)
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

    /// The graph of `predicate` as the optimizer receives it: with the guards an OR chain's
    /// terms share factored out first (``FactorSharedGuards``), which keeps every verdict.
    static func lowering(_ predicate: Predicate, acceptLength: UInt32, optimizingFor cutShort: CutShortVerdicts)
        -> ControlFlowGraph
    {
        ControlFlowGraph(lowering: FactorSharedGuards.run(predicate, cutShort: cutShort), acceptLength: acceptLength)
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
        try generation(for: tree, target: target).predicate
    }

    /// The predicate for `tree` with its prologue, and how far it may be optimized.
    func generation(for tree: SemanticFilter, target: CompilationTarget) throws(CodeGenerationError)
        -> (predicate: Predicate, policy: OptimizationPolicy)
    {
        var state = GenerationState(target: target)
        let body = try state.generate(tree)  // before `finishing` reads the state it leaves
        return state.finishing(body)
    }
}

/// What flows from one primitive to the next in reading order.
struct GenerationState {
    var encapsulation: Encapsulation
    var scratch = ScratchAllocator()
    /// The cells a live `vlan` keeps the link-payload and link-type offsets' variable parts in.
    var vlanOffsetCells: (payload: ScratchCell, type: ScratchCell)?
    /// Whether a `geneve` primitive was generated (its code defeats the optimizer).
    var generatedGeneve = false
    /// On 802.11, the cells of the run-time link offsets, reserved for the whole program.
    let wirelessCells: WirelessOffsetCells?

    /// The state at the start of an expression for `target`.
    init(target: CompilationTarget) {
        encapsulation = Encapsulation(target: target)
        wirelessCells = WirelessOffsetCells(target.linkLayer)
        for cell in wirelessCells?.all ?? [] { scratch.reserve(cell) }
    }

    /// The program's predicate for the generated `body`: after the prologue that computes the
    /// variable offsets the body reads (libpcap's `insert_compute_vloffsets`, which puts this
    /// at the start of the program whatever comes first in the expression); and how far the
    /// optimizer may go on it.
    func finishing(_ body: Predicate) -> (predicate: Predicate, policy: OptimizationPolicy) {
        let policy: OptimizationPolicy = generatedGeneve ? .none : .full
        if let cells = wirelessCells {
            let usesPayload = body.uses(cells.payload)
            let usesHeader = cells.radiotapLength.map { body.uses($0) } ?? false
            guard let prologue = Wireless.prologue(cells, usesHeader: usesHeader, usesPayload: usesPayload) else {
                return (body, policy)
            }
            return (.and(.graph(prologue), body), usesPayload ? policy.combined(with: .quiet) : policy)
        }
        // The variable parts of the offsets a live `vlan` may grow start at 0.
        guard let cells = vlanOffsetCells else { return (body, policy) }
        let prologue = TestGraph.Node([.loadConstant(0), .store(cell: cells.payload.index), .store(cell: cells.type.index)],
                                      .jump(.exit(true)))
        guard let start = TestGraph(nodes: [prologue], entry: .node(0)) else { return (body, policy) }
        return (.and(.graph(start), body), policy)
    }

    /// Takes an encapsulating primitive's test and hands the encapsulation it leaves to every
    /// primitive after it in reading order.
    private mutating func entering(_ result: (test: Predicate, next: Encapsulation)) -> Predicate {
        encapsulation = result.next
        return result.test
    }

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
            return try IPv4.host(address: address, mask: mask, proto, direction, e)
        case let .ipv6Host(address, mask, direction):
            return try IPv6.host(address: address, mask: mask, direction, e)
        case let .etherHost(mac, direction):
            return try LinkPrimitives.etherHost(mac, direction, e)
        case let .port(proto, direction, low, high, isRange):
            let (lo, hi) = low <= high ? (low, high) : (high, low)
            let v6 = Predicate.and(try e.linkProtocol(EtherType.ipv6), .any(proto.numbers.map {
                IPv6.ports($0, direction, low: lo, high: hi, isRange: isRange, e)
            }))
            let v4 = Predicate.and(try e.linkProtocol(EtherType.ipv4), .any(proto.numbers.map {
                IPv4.ports($0, direction, low: lo, high: hi, isRange: isRange, e)
            }))
            return .or(v6, v4)
        case .protocolKeyword(let keyword):
            return try ProtocolGenerator(e).keyword(keyword)
        case let .networkProtocol(layer, number):
            return try ProtocolGenerator(e).network(layer, number)
        case .etherProtocol(let type):
            return try e.linkProtocol(type)
        case .broadcast(let layer):
            switch layer {
            case .link: return try LinkPrimitives.broadcast(e)
            case .ip:
                guard e.target.netmask != CompilationTarget.unknownNetmask else { throw .netmaskUnknown }
                return try IPv4.broadcast(netmask: e.target.netmask, e)
            case .ip6: throw .notBroadcastLink
            }
        case .multicast(let layer):
            switch layer {
            case .link: return try LinkPrimitives.multicast(e)
            case .ip: return try IPv4.multicast(e)
            case .ip6: return try IPv6.multicast(e)
            }
        case let .relation(left, relation, right):
            var arithmetic = ArithmeticGenerator(encapsulation: e, scratch: scratch)
            let result = try arithmetic.relation(left, relation, right)
            scratch = arithmetic.scratch
            return result
        case let .decnetHost(address, direction):
            return try DECnet.host(address, direction, e)
        case .osiProtocol(let number):
            return try ProtocolGenerator(e).osi(number)
        case .isisPDU(let type):
            return try ProtocolGenerator(e).isisPDU(type)
        case let .linkByte(offset, op, value):
            return LinkPrimitives.byte(at: offset, op, value, e)
        case .vlan(let id) where Tunnels.usesTagMetadata(e) && e.mplsDepth == 0 && e.linkLayer == .ethernet:
            let cells: (payload: ScratchCell, type: ScratchCell)
            if let existing = vlanOffsetCells {
                cells = existing
            } else {
                let payload = try scratch.allocate()
                cells = (payload, try scratch.allocate())
                vlanOffsetCells = cells
            }
            return entering(try Tunnels.liveVLAN(id, e, cells: cells))
        case .vlan(let id):
            return entering(try Tunnels.vlan(id, e))
        case .pppoeDiscovery:
            return try Tunnels.pppoeDiscovery(e)
        case .pppoeSession(let id):
            return entering(try Tunnels.pppoeSession(id, e))
        case .mpls(let label):
            return entering(try MPLSAndGeneve.mpls(label, e))
        case .geneve(let vni):
            generatedGeneve = true
            return entering(try MPLSAndGeneve.geneve(vni, e, &scratch))
        case .llc(let kind):
            return try LLC.frame(kind, e)
        case let .protochain(layer, number):
            return try ProtocolChain.walk(layer, number, e, &scratch)
        case .gateway:
            throw .gatewayPrimitiveUnsupported
        case .direction(let direction):
            return try LinkPrimitives.direction(direction, e)
        case .interfaceIndex(let index):
            return try LinkPrimitives.interfaceIndex(index, e)
        case let .wirelessFrameType(value, mask):
            return try Wireless.frameType(value, mask: mask, e)
        case .wirelessDirection(let value):
            return try Wireless.direction(value, e)
        case let .wirelessAddress(mac, field):
            return try Wireless.address(mac, field, e)
        }
    }
}
