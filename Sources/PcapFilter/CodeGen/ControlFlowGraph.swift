import BPF

/// The identity of a block inside one ``ControlFlowGraph``: its index in ``ControlFlowGraph/blocks``.
public struct BlockID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The index of the block in its graph.
    public let index: Int

    /// Creates an identifier for the block at `index`.
    public init(_ index: Int) { self.index = index }

    /// Identifiers order by index.
    public static func < (lhs: BlockID, rhs: BlockID) -> Bool { lhs.index < rhs.index }

    /// `B<index>`, as in a dump of the graph.
    public var description: String { "B\(index)" }
}

/// How control leaves a basic block: the typed edges of the graph.
public enum Terminator: Hashable, Sendable {
    /// Go to `ifTrue` when `A condition operand` holds, else to `ifFalse`.
    case branch(JumpCondition, Operand, ifTrue: BlockID, ifFalse: BlockID)
    /// Go to `ifTrue` when A equals one of the constants (distinct, at least two), else to
    /// `ifFalse`: a run of `jeq`s sharing their true target, held as one block so that the
    /// optimizer's passes cross a chain of a thousand ports in one step. The linearizer
    /// expands it back into one `jeq` per constant, in this order.
    case oneOf([UInt32], ifTrue: BlockID, ifFalse: BlockID)
    /// Go to the block unconditionally.
    case jump(BlockID)
    /// Accept the packet, keeping `snapLength` bytes (`ret #snaplen`).
    case accept(snapLength: UInt32)
    /// Reject the packet (`ret #0`).
    case reject
    /// Accept as many bytes as A holds (`ret a`).
    case returnAccumulator

    /// The blocks control can reach next, true edge first.
    public var successors: Successors {
        switch self {
        case let .branch(_, _, ifTrue, ifFalse), let .oneOf(_, ifTrue, ifFalse): Successors(ifTrue, ifFalse, count: 2)
        case let .jump(target): Successors(target, target, count: 1)
        case .accept, .reject, .returnAccumulator: Successors(BlockID(0), BlockID(0), count: 0)
        }
    }
}

/// The zero, one or two successors of a terminator. Every pass asks for them on every block,
/// so they are held inline rather than in an allocated array.
public struct Successors: RandomAccessCollection, Sendable {
    private let first: BlockID
    private let second: BlockID
    public let count: Int

    fileprivate init(_ first: BlockID, _ second: BlockID, count: Int) {
        (self.first, self.second, self.count) = (first, second, count)
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { count }
    public subscript(position: Int) -> BlockID { position == 0 ? first : second }
}

/// Straight-line statements (no jumps, no returns) and the terminator that ends them.
public struct BasicBlock: Hashable, Sendable {
    /// The instructions run in order on entry.
    public var statements: [Instruction]
    /// Where control goes afterwards.
    public var terminator: Terminator

    /// Creates a block.
    public init(statements: [Instruction] = [], terminator: Terminator) {
        self.statements = statements
        self.terminator = terminator
    }
}

/// A filter as a directed acyclic graph of basic blocks: the form the optimizer works on.
///
/// Invariants every producer keeps and every consumer may rely on:
/// - every ``BlockID`` in a terminator names a block of ``blocks``;
/// - the graph is acyclic (classic BPF has no backward jumps);
/// - statements contain no jump or return instruction — control flow is only in terminators.
///
/// Lowering additionally guarantees that every edge goes from a block to one with a *smaller*
/// index, so decreasing index order is a topological order that follows the filter's reading
/// order; the linearizer does not rely on this, it sorts for itself.
public struct ControlFlowGraph: Hashable, Sendable {
    /// All blocks, indexed by ``BlockID``; unreachable ones may remain after a rewrite.
    public var blocks: [BasicBlock]
    /// The block the program starts in.
    public var entry: BlockID

    /// Creates a graph from its blocks and entry.
    public init(blocks: [BasicBlock], entry: BlockID) {
        self.blocks = blocks
        self.entry = entry
    }

    /// The block with identifier `id`.
    public subscript(id: BlockID) -> BasicBlock {
        get { blocks[id.index] }
        set { blocks[id.index] = newValue }
    }

    /// Lowers a predicate with short-circuit evaluation: a packet satisfying it reaches
    /// `ret #acceptLength`, any other reaches `ret #0`.
    ///
    /// Each ``Test`` becomes exactly one block; constants and connectives become edges only.
    /// Tests run in the predicate's left-to-right order, and no test runs unless its result
    /// can still change the verdict.
    public init(lowering predicate: Predicate, acceptLength: UInt32) {
        var builder = Builder()
        let accept = builder.add(BasicBlock(terminator: .accept(snapLength: acceptLength)))
        let reject = builder.add(BasicBlock(terminator: .reject))
        let entry = builder.lower(predicate, ifTrue: accept, ifFalse: reject)
        self.init(blocks: builder.blocks, entry: entry)
    }

    /// Appends blocks while lowering; a block is always added after the blocks it jumps to.
    private struct Builder {
        var blocks: [BasicBlock] = []

        mutating func add(_ block: BasicBlock) -> BlockID {
            blocks.append(block)
            return BlockID(blocks.count - 1)
        }

        /// Returns the entry of the code for `predicate` whose exits are `ifTrue` / `ifFalse`.
        /// The right operand of a connective is lowered first because its entry is an exit of
        /// the left one; this is what makes every edge point to a smaller index.
        mutating func lower(_ predicate: Predicate, ifTrue: BlockID, ifFalse: BlockID) -> BlockID {
            switch predicate {
            case .constant(let value):
                return value ? ifTrue : ifFalse
            case .test(let test):
                return add(BasicBlock(
                    statements: test.statements,
                    terminator: .branch(test.condition, test.operand, ifTrue: ifTrue, ifFalse: ifFalse)))
            case let .and(left, right):
                let rightEntry = lower(right, ifTrue: ifTrue, ifFalse: ifFalse)
                return lower(left, ifTrue: rightEntry, ifFalse: ifFalse)
            case let .or(left, right):
                let rightEntry = lower(right, ifTrue: ifTrue, ifFalse: ifFalse)
                return lower(left, ifTrue: ifTrue, ifFalse: rightEntry)
            case .not(let inner):
                return lower(inner, ifTrue: ifFalse, ifFalse: ifTrue)
            case .graph(let graph):
                return lower(graph, ifTrue: ifTrue, ifFalse: ifFalse)
            }
        }

        /// Nodes are added last to first: each continues only to later nodes, which then
        /// already have blocks, so edges still point to smaller indices.
        mutating func lower(_ graph: TestGraph, ifTrue: BlockID, ifFalse: BlockID) -> BlockID {
            var ids = Array(repeating: ifFalse, count: graph.nodes.count)
            func block(_ target: TestGraph.Target) -> BlockID {
                switch target {
                case .node(let index): ids[index]
                case .exit(let verdict): verdict ? ifTrue : ifFalse
                }
            }
            for index in graph.nodes.indices.reversed() {
                let node = graph.nodes[index]
                let terminator: Terminator
                switch node.continuation {
                case let .branch(condition, operand, t, f):
                    terminator = .branch(condition, operand, ifTrue: block(t), ifFalse: block(f))
                case .jump(let t):
                    if node.statements.isEmpty { ids[index] = block(t); continue }
                    terminator = .jump(block(t))
                }
                ids[index] = add(BasicBlock(statements: node.statements, terminator: terminator))
            }
            return block(graph.entry)
        }
    }
}
