import BPF

/// Orders and counts over a ``ControlFlowGraph`` that every pass needs.
///
/// All of them depend only on the graph's structure and the order of each terminator's
/// successors, never on hashing, so every pass built on them is deterministic.
extension ControlFlowGraph {
    /// The blocks reachable from the entry, each before every block it jumps to (reverse
    /// post-order of a depth-first walk that visits the true edge first). Iterative, so a
    /// 2,000-term chain does not exhaust the stack.
    func topologicalOrder() -> [BlockID] {
        var visited = Array(repeating: false, count: blocks.count)
        var postOrder: [BlockID] = []
        var stack: [(BlockID, Int)] = [(entry, 0)]
        visited[entry.index] = true
        while let (id, next) = stack.popLast() {
            let successors = self[id].terminator.successors
            if next < successors.count {
                stack.append((id, next + 1))
                let successor = successors[next]
                if !visited[successor.index] {
                    visited[successor.index] = true
                    stack.append((successor, 0))
                }
            } else {
                postOrder.append(id)
            }
        }
        return postOrder.reversed()
    }

    /// For every block, how many edges from reachable blocks lead to it (the entry counts one more).
    func predecessorCounts(order: [BlockID]) -> [Int] {
        var counts = Array(repeating: 0, count: blocks.count)
        counts[entry.index] += 1
        for id in order {
            for successor in self[id].terminator.successors { counts[successor.index] += 1 }
        }
        return counts
    }

    /// Whether the program always returns 0: its entry is a bare `ret #0`.
    public var rejectsEverything: Bool {
        self[entry].statements.isEmpty && self[entry].terminator == .reject
    }
}

extension Terminator {
    /// The same terminator with every successor passed through `transform`.
    func mapTargets(_ transform: (BlockID) -> BlockID) -> Terminator {
        switch self {
        case let .branch(condition, operand, ifTrue, ifFalse):
            .branch(condition, operand, ifTrue: transform(ifTrue), ifFalse: transform(ifFalse))
        case let .oneOf(constants, ifTrue, ifFalse):
            .oneOf(constants, ifTrue: transform(ifTrue), ifFalse: transform(ifFalse))
        case .jump(let target): .jump(transform(target))
        case .accept, .reject, .returnAccumulator: self
        }
    }

    /// A two-way terminator as its test and targets; nil for the others.
    var twoWay: (test: BranchTest, ifTrue: BlockID, ifFalse: BlockID)? {
        switch self {
        case let .branch(condition, operand, ifTrue, ifFalse): (.compare(condition, operand), ifTrue, ifFalse)
        case let .oneOf(constants, ifTrue, ifFalse): (.oneOf(constants), ifTrue, ifFalse)
        case .jump, .accept, .reject, .returnAccumulator: nil
        }
    }

    /// The test of A for equality with one of `constants` (a plain `jeq` for one).
    static func equality(_ constants: [UInt32], ifTrue: BlockID, ifFalse: BlockID) -> Terminator {
        constants.count == 1
            ? .branch(.equal, .constant(constants[0]), ifTrue: ifTrue, ifFalse: ifFalse)
            : .oneOf(constants, ifTrue: ifTrue, ifFalse: ifFalse)
    }

    /// The two-way terminator going to `ifTrue` when `test` holds, else to `ifFalse`.
    init(_ test: BranchTest, ifTrue: BlockID, ifFalse: BlockID) {
        switch test {
        case let .compare(condition, operand): self = .branch(condition, operand, ifTrue: ifTrue, ifFalse: ifFalse)
        case .oneOf(let constants): self = .oneOf(constants, ifTrue: ifTrue, ifFalse: ifFalse)
        }
    }
}

/// What a two-way terminator tests A against.
enum BranchTest: Hashable, Sendable {
    /// `A condition operand`.
    case compare(JumpCondition, Operand)
    /// A equals one of the constants.
    case oneOf([UInt32])
}
