import BPF

/// Emits laid-out blocks one after the other, placing *islands* (copies of returns, shared `ja`
/// trampolines) between them just before a conditional jump would need an offset above 255.
///
/// Relies on: blocks are placed in a topological order, exits are statement-free returns.
/// Guarantees, checked before each block is placed: with `U` distinct targets pending, the
/// earliest deadline of an edge is at least `position + size of the block + U + 2` — or an
/// island is placed first. So an island placed later still fits every edge it resolves
/// (a block adds at most its size and two targets), and the block after an island is still in
/// reach of the edges it resolves itself.
struct IslandEmitter {
    /// What an edge goes to: a laid-out block, or any copy of a shared return.
    private enum Label: Hashable {
        case block(BlockID)
        case exit(Int)
    }

    /// An instruction whose jump offsets are filled in once its targets are placed.
    private enum Item {
        case plain(Instruction)
        case branch(JumpCondition, Operand, ifTrue: Int, ifFalse: Int)
        case always(Int)
    }

    private enum Side { case ifTrue, ifFalse, always }

    /// A jump waiting for its target to be placed; `deadline` is the last address a
    /// conditional jump's byte offset reaches (`ja` has none).
    private struct Edge {
        let label: Label
        let item: Int
        let side: Side
        let deadline: Int?
    }

    /// How far past the horizon an island still takes a block target along, so that a
    /// target due soon after does not force another island.
    private static let lookahead = 8

    private let graph: ControlFlowGraph
    private let exits: [Terminator]
    private let exitOfBlock: [Int?]
    private var items: [Item] = []
    /// The jumps waiting for each label.
    private var pending: [Label: [Edge]] = [:]
    /// For each label with a conditional jump waiting, when the first such jump was added
    /// (labels are considered in that order) and its deadline, the label's earliest: jumps are
    /// added in address order, and all of a label's conditional jumps are resolved together.
    private var firstConditional: [Label: (order: Int, deadline: Int)] = [:]
    private var edgesAdded = 0
    /// The block the previous one continues into without an instruction (a `.jump` to the
    /// block placed next); an island there first needs that `ja` after all.
    private var continuation: BlockID?

    init(graph: ControlFlowGraph, exits: [Terminator]) {
        self.graph = graph
        self.exits = exits
        exitOfBlock = graph.blocks.map { block in
            block.statements.isEmpty ? exits.firstIndex(of: block.terminator) : nil
        }
    }

    /// The index in the shared exits of the return block `id`, if it is one.
    func exitIndex(of id: BlockID) -> Int? { exitOfBlock[id.index] }

    private func label(_ id: BlockID) -> Label { exitIndex(of: id).map(Label.exit) ?? .block(id) }

    /// Appends `id` (an island first if needed); `next` is the block to be placed after it.
    mutating func place(_ id: BlockID, next: BlockID?) {
        let block = graph[id]
        placeIslandIfNeeded(before: id, size: block.statements.count + 1)
        if continuation == id { continuation = nil }
        resolve(.block(id), at: items.count)
        items += block.statements.map(Item.plain)
        let index = items.count
        switch block.terminator {
        case let .branch(condition, operand, ifTrue, ifFalse):
            items.append(.branch(condition, operand, ifTrue: 0, ifFalse: 0))
            let deadline = index + 1 + Int(UInt8.max)
            wait(Edge(label: label(ifTrue), item: index, side: .ifTrue, deadline: deadline))
            wait(Edge(label: label(ifFalse), item: index, side: .ifFalse, deadline: deadline))
        case .jump(let target):
            if let exit = exitIndex(of: target) {
                items.append(.plain(exits[exit].instruction))
            } else if target == next {
                continuation = target
            } else {
                items.append(.always(0))
                wait(Edge(label: .block(target), item: index, side: .always, deadline: nil))
            }
        case .accept, .reject, .returnAccumulator:
            items.append(.plain(block.terminator.instruction))
        case .oneOf:
            preconditionFailure("the linearizer expands constant sets before placing blocks")
        }
    }

    /// Places the returns still waited for, in the order of ``exits``.
    mutating func finish() {
        for exit in exits.indices where pending[.exit(exit)] != nil {
            resolve(.exit(exit), at: items.count)
            items.append(.plain(exits[exit].instruction))
        }
    }

    /// The program, every offset filled in.
    func encode() -> [Instruction] {
        items.enumerated().map { index, item in
            switch item {
            case .plain(let instruction):
                instruction
            case let .branch(condition, operand, ifTrue, ifFalse):
                .jump(condition, operand, ifTrue: UInt8(truncatingIfNeeded: ifTrue - index - 1),
                      ifFalse: UInt8(truncatingIfNeeded: ifFalse - index - 1))
            case .always(let target):
                .jumpAlways(UInt32(truncatingIfNeeded: target - index - 1))
            }
        }
    }

    private mutating func wait(_ edge: Edge) {
        pending[edge.label, default: []].append(edge)
        if let deadline = edge.deadline, firstConditional[edge.label] == nil {
            firstConditional[edge.label] = (edgesAdded, deadline)
        }
        edgesAdded += 1
    }

    private mutating func placeIslandIfNeeded(before id: BlockID, size: Int) {
        let horizon = items.count + size + firstConditional.count + 2
        // Usually nothing is due: answered without ordering anything (the answer does not
        // depend on the dictionary's order).
        guard firstConditional.contains(where: { $0.key != .block(id) && $0.value.deadline < horizon }) else { return }
        // The labels with a conditional jump waiting, in the order their first one was added.
        let labels = firstConditional.sorted { $0.value.order < $1.value.order }.map(\.key)
        let earliest = firstConditional.mapValues(\.deadline)
        if continuation == id {
            wait(Edge(label: .block(id), item: items.count, side: .always, deadline: nil))
            items.append(.always(0))
            continuation = nil
        }
        let exitsFirst = labels.filter { if case .exit = $0 { true } else { false } }.sorted { lhs, rhs in
            if case .exit(let l) = lhs, case .exit(let r) = rhs { return l < r }
            return false
        }
        let blocks = labels.filter { label in
            guard case .block(let target) = label, target != id else { return false }
            return (earliest[label] ?? .max) < horizon + Self.lookahead
        }
        for label in exitsFirst + blocks {
            let address = items.count
            switch label {
            case .exit(let exit):
                items.append(.plain(exits[exit].instruction))
                resolve(label, at: address)
            case .block:
                items.append(.always(0))
                resolve(label, at: address, conditionalOnly: true)
                wait(Edge(label: label, item: address, side: .always, deadline: nil))
            }
        }
    }

    /// Points the pending edges to `label` (only the conditional ones when asked) at `address`.
    private mutating func resolve(_ label: Label, at address: Int, conditionalOnly: Bool = false) {
        var kept: [Edge] = []
        firstConditional[label] = nil
        for edge in pending[label] ?? [] {
            guard !conditionalOnly || edge.deadline != nil else {
                kept.append(edge)
                continue
            }
            switch (items[edge.item], edge.side) {
            case let (.branch(condition, operand, _, ifFalse), .ifTrue):
                items[edge.item] = .branch(condition, operand, ifTrue: address, ifFalse: ifFalse)
            case let (.branch(condition, operand, ifTrue, _), .ifFalse):
                items[edge.item] = .branch(condition, operand, ifTrue: ifTrue, ifFalse: address)
            default:
                items[edge.item] = .always(address)
            }
        }
        pending[label] = kept.isEmpty ? nil : kept
    }
}
