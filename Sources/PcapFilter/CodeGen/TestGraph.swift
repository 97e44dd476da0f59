import BPF

/// A small acyclic graph of tests whose nodes may be shared, with a true and a false exit.
///
/// A ``Predicate`` is a tree, so it cannot say "both of these paths continue with the same
/// code". libpcap's programs need that in a few places: a header walk (`protochain`) whose
/// steps are reached from several header kinds, a value chosen by a branch and then tested
/// once (live `vlan ID`), offsets computed with a branch in the middle (`geneve`). Such code is
/// written as a graph and embedded in a predicate with ``Predicate/graph(_:)``.
///
/// Invariant (checked by ``init(nodes:entry:)``): a node only ever continues to nodes with a
/// larger index, so the graph is acyclic and lowering stays forward-only.
public struct TestGraph: Hashable, Sendable {
    /// Where control goes from a node.
    public enum Target: Hashable, Sendable {
        /// The node with this index.
        case node(Int)
        /// The graph's verdict: its true or false exit.
        case exit(Bool)
    }

    /// How a node ends.
    public enum Continuation: Hashable, Sendable {
        /// `A condition operand` chooses between two targets.
        case branch(JumpCondition, Operand, ifTrue: Target, ifFalse: Target)
        /// Always the same target.
        case jump(Target)
    }

    /// Straight-line statements and how control leaves them.
    public struct Node: Hashable, Sendable {
        /// Instructions run in order; no jumps or returns among them.
        public var statements: [Instruction]
        /// Where control goes afterwards.
        public var continuation: Continuation

        /// Creates a node.
        public init(_ statements: [Instruction], _ continuation: Continuation) {
            self.statements = statements
            self.continuation = continuation
        }
    }

    /// The nodes; each continues only to nodes with a larger index.
    public let nodes: [Node]
    /// Where the graph starts.
    public let entry: Target

    /// Creates a graph, or returns nil when a node continues to itself, to an earlier node, or
    /// to a node that does not exist.
    public init?(nodes: [Node], entry: Target) {
        func valid(_ target: Target, after index: Int) -> Bool {
            if case .node(let n) = target { return n > index && n < nodes.count }
            return true
        }
        guard valid(entry, after: -1) else { return nil }
        for (index, node) in nodes.enumerated() {
            switch node.continuation {
            case let .branch(_, _, t, f):
                guard valid(t, after: index), valid(f, after: index) else { return nil }
            case .jump(let t):
                guard valid(t, after: index) else { return nil }
            }
        }
        self.nodes = nodes
        self.entry = entry
    }
}

/// Builds a ``TestGraph`` node by node; code generation's helpers use it so node numbers are
/// assigned in one place.
struct TestGraphBuilder {
    private(set) var nodes: [TestGraph.Node?] = []

    /// Reserves a node whose contents are set later with ``set(_:_:)``.
    mutating func reserve() -> Int {
        nodes.append(nil)
        return nodes.count - 1
    }

    mutating func set(_ index: Int, _ node: TestGraph.Node) { nodes[index] = node }

    /// The finished graph; every reserved node must have been set and point forward.
    func build(entry: TestGraph.Target) -> TestGraph? {
        let complete = nodes.compactMap { $0 }
        guard complete.count == nodes.count else { return nil }
        return TestGraph(nodes: complete, entry: entry)
    }
}
