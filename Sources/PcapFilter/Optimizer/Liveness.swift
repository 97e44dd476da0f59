import BPF

/// A set of machine locations: A, X and the sixteen scratch cells, as bits.
struct Locations: OptionSet, Hashable, Sendable {
    let rawValue: UInt32

    static let a = Locations(rawValue: 1 << 16)
    static let x = Locations(rawValue: 1 << 17)
    static let all = Locations(rawValue: 0x3_ffff)
    static func cell(_ index: UInt32) -> Locations {
        index < 16 ? Locations(rawValue: 1 << index) : []
    }
}

extension Instruction {
    /// The locations this statement reads.
    var reads: Locations {
        switch self {
        case .loadAbsolute, .loadConstant, .loadLength, .loadXConstant, .loadXLength, .loadXIPHeaderLength: []
        case .loadIndirect: .x
        case .loadScratch(let cell), .loadXScratch(let cell): .cell(cell)
        case .store, .negate, .tax, .returnAccumulator: .a
        case .storeX, .txa: .x
        case .alu(_, .constant): .a
        case .alu(_, .x), .jump(_, .x, _, _): [.a, .x]
        case .jump: .a
        case .jumpAlways, .returnConstant: []
        case .unknown: .all
        }
    }

    /// The locations this statement overwrites.
    var writes: Locations {
        switch self {
        case .loadAbsolute, .loadIndirect, .loadConstant, .loadLength, .loadScratch, .alu, .negate, .txa: .a
        case .loadXConstant, .loadXLength, .loadXScratch, .loadXIPHeaderLength, .tax: .x
        case .store(let cell), .storeX(let cell): .cell(cell)
        case .jumpAlways, .jump, .returnConstant, .returnAccumulator: []
        case .unknown: .all
        }
    }
}

extension Terminator {
    /// The locations the terminator reads.
    var reads: Locations {
        switch self {
        case .branch(_, .x, _, _): [.a, .x]
        case .branch, .oneOf, .returnAccumulator: .a
        case .jump, .accept, .reject: []
        }
    }
}

/// Which locations each block may read before writing them (backward dataflow).
struct Liveness {
    private(set) var liveIn: [Locations]

    init(_ graph: ControlFlowGraph, order: [BlockID]) {
        liveIn = Array(repeating: [], count: graph.blocks.count)
        for id in order.reversed() {
            liveIn[id.index] = Self.liveIn(of: graph[id], liveOut: liveOut(of: graph[id].terminator))
        }
    }

    /// The locations live after the block's statements: read by its terminator or later.
    func liveOut(of terminator: Terminator) -> Locations {
        terminator.successors.reduce(terminator.reads) { $0.union(liveIn[$1.index]) }
    }

    /// Records the liveness of a block just appended to the graph, whose successors are known.
    mutating func append(_ block: BasicBlock) {
        liveIn.append(Self.liveIn(of: block, liveOut: liveOut(of: block.terminator)))
    }

    static func liveIn(of block: BasicBlock, liveOut: Locations) -> Locations {
        block.statements.reversed().reduce(liveOut) { $0.subtracting($1.writes).union($1.reads) }
    }
}
