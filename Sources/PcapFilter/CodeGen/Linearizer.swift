import BPF

/// Turns a ``ControlFlowGraph`` into a ``Program`` with forward jumps only.
///
/// Relies on: the graph's invariants (acyclic, statements free of control flow).
/// Guarantees:
/// - blocks are laid out in a topological order (every jump goes forward); among the blocks
///   ready to be placed the one with the highest ``BlockID`` goes first, so a freshly lowered
///   graph comes out in reading order, and the same graph always gives the same program;
/// - blocks that only accept or only reject are not laid out: every edge into them goes to
///   one shared `ret #snaplen` / `ret #0` at the end of the program;
/// - a conditional jump whose target is more than 255 instructions away goes through an
///   unconditional `ja` placed right after it (a trampoline), so no offset is truncated;
/// - the last instruction is a return.
public enum Linearizer {
    /// Lays out the blocks reachable from the entry and encodes them.
    public static func linearize(_ graph: ControlFlowGraph) -> Program {
        let reachable = reachableBlocks(graph)
        let exits = sharedExits(of: graph, reachable: reachable)
        if isSharedExit(graph[graph.entry], exits) {
            // A constant filter: the single return it reaches is the whole program.
            var layout = Layout(graph: graph, order: [], exits: [graph[graph.entry].terminator])
            layout.resolveTrampolines()
            return Program(layout.emit())
        }
        let order = topologicalOrder(graph, reachable: reachable, excluding: exits)
        var layout = Layout(graph: graph, order: order, exits: exits)
        layout.resolveTrampolines()
        return Program(layout.emit())
    }

    /// Terminators of statement-free return blocks, each kept once, accepting ones first.
    private static func sharedExits(of graph: ControlFlowGraph, reachable: [Bool]) -> [Terminator] {
        var accepts: [Terminator] = []
        var rejects = false
        for (index, block) in graph.blocks.enumerated() where reachable[index] && block.statements.isEmpty {
            switch block.terminator {
            case .accept: if !accepts.contains(block.terminator) { accepts.append(block.terminator) }
            case .reject: rejects = true
            default: break
            }
        }
        return accepts + (rejects ? [.reject] : [])
    }

    private static func reachableBlocks(_ graph: ControlFlowGraph) -> [Bool] {
        var reachable = Array(repeating: false, count: graph.blocks.count)
        var stack = [graph.entry]
        while let id = stack.popLast() {
            guard !reachable[id.index] else { continue }
            reachable[id.index] = true
            stack.append(contentsOf: graph[id].terminator.successors)
        }
        return reachable
    }

    private static func isSharedExit(_ block: BasicBlock, _ exits: [Terminator]) -> Bool {
        block.statements.isEmpty && exits.contains(block.terminator)
    }

    /// Kahn's algorithm over the reachable non-exit blocks, highest ready identifier first.
    private static func topologicalOrder(
        _ graph: ControlFlowGraph, reachable: [Bool], excluding exits: [Terminator]
    ) -> [BlockID] {
        var pending = Array(repeating: 0, count: graph.blocks.count)
        for index in graph.blocks.indices where reachable[index] {
            for successor in graph.blocks[index].terminator.successors { pending[successor.index] += 1 }
        }
        var ready: [BlockID] = [graph.entry]
        var order: [BlockID] = []
        while !ready.isEmpty {
            ready.sort()
            guard let next = ready.popLast() else { break }
            if !isSharedExit(graph[next], exits) { order.append(next) }
            for successor in Set(graph[next].terminator.successors).sorted() {
                let edges = graph[next].terminator.successors.filter { $0 == successor }.count
                pending[successor.index] -= edges
                if pending[successor.index] == 0 { ready.append(successor) }
            }
        }
        return order
    }

    /// Instruction positions of the laid-out blocks and of the trampolines they need.
    private struct Layout {
        let graph: ControlFlowGraph
        let order: [BlockID]
        let exits: [Terminator]
        /// Per laid-out block: whether the true / false edge goes through a trampoline.
        var trampolines: [BlockID: (ifTrue: Bool, ifFalse: Bool)] = [:]

        init(graph: ControlFlowGraph, order: [BlockID], exits: [Terminator]) {
            self.graph = graph
            self.order = order
            self.exits = exits
        }

        /// The start of every laid-out block and shared exit, in order.
        func positions() -> (blocks: [BlockID: Int], exits: [Int]) {
            var position = 0
            var starts: [BlockID: Int] = [:]
            for (slot, id) in order.enumerated() {
                starts[id] = position
                position += graph[id].statements.count + terminatorSize(id, slot: slot)
            }
            return (starts, exits.indices.map { position + $0 })
        }

        func terminatorSize(_ id: BlockID, slot: Int) -> Int {
            switch graph[id].terminator {
            case .branch:
                let extra = trampolines[id].map { ($0.ifTrue ? 1 : 0) + ($0.ifFalse ? 1 : 0) } ?? 0
                return 1 + extra
            case .jump(let target):
                return isNext(target, after: slot) ? 0 : 1
            case .accept, .reject, .returnAccumulator:
                return 1
            }
        }

        /// Whether `target` is laid out immediately after the block in `slot`.
        func isNext(_ target: BlockID, after slot: Int) -> Bool {
            if slot + 1 < order.count { return order[slot + 1] == target }
            return exits.first.map { graph[target].statements.isEmpty && graph[target].terminator == $0 } ?? false
        }

        func address(of target: BlockID, _ starts: (blocks: [BlockID: Int], exits: [Int])) -> Int {
            if let start = starts.blocks[target] { return start }
            let index = exits.firstIndex(of: graph[target].terminator) ?? 0
            return starts.exits[index]
        }

        /// Adds trampolines until every conditional offset fits in a byte; adding one only
        /// lengthens other jumps, so this reaches a fixed point.
        mutating func resolveTrampolines() {
            var changed = true
            while changed {
                changed = false
                let starts = positions()
                for id in order {
                    guard case let .branch(_, _, ifTrue, ifFalse) = graph[id].terminator,
                          let start = starts.blocks[id] else { continue }
                    let jump = start + graph[id].statements.count
                    var need = trampolines[id] ?? (false, false)
                    let trueDistance = address(of: ifTrue, starts) - jump - 1
                    let falseDistance = address(of: ifFalse, starts) - jump - 1
                    if !need.ifTrue && trueDistance > Int(UInt8.max) { need.ifTrue = true; changed = true }
                    if !need.ifFalse && falseDistance > Int(UInt8.max) { need.ifFalse = true; changed = true }
                    trampolines[id] = need
                }
            }
        }

        func emit() -> [Instruction] {
            let starts = positions()
            var program: [Instruction] = []
            for (slot, id) in order.enumerated() {
                let block = graph[id]
                program += block.statements
                switch block.terminator {
                case let .branch(condition, operand, ifTrue, ifFalse):
                    let jump = program.count
                    let need = trampolines[id] ?? (false, false)
                    let trueAddress = address(of: ifTrue, starts)
                    let falseAddress = address(of: ifFalse, starts)
                    let jt = need.ifTrue ? 0 : trueAddress - jump - 1
                    let jf = need.ifFalse ? (need.ifTrue ? 1 : 0) : falseAddress - jump - 1
                    program.append(.jump(condition, operand, ifTrue: UInt8(truncatingIfNeeded: jt),
                                         ifFalse: UInt8(truncatingIfNeeded: jf)))
                    if need.ifTrue { program.append(.jumpAlways(UInt32(truncatingIfNeeded: trueAddress - program.count - 1))) }
                    if need.ifFalse { program.append(.jumpAlways(UInt32(truncatingIfNeeded: falseAddress - program.count - 1))) }
                case .jump(let target):
                    if !isNext(target, after: slot) {
                        program.append(.jumpAlways(UInt32(truncatingIfNeeded: address(of: target, starts) - program.count - 1)))
                    }
                case .accept(let length): program.append(.returnConstant(length))
                case .reject: program.append(.returnConstant(0))
                case .returnAccumulator: program.append(.returnAccumulator)
                }
            }
            for exit in exits {
                switch exit {
                case .accept(let length): program.append(.returnConstant(length))
                default: program.append(.returnConstant(0))
                }
            }
            return program
        }
    }
}
