/// Pass: remove jumps that do nothing and join blocks that always run one after the other.
///
/// Relies on: nothing beyond the graph's invariants; conditions have no side effects.
/// What holds after it:
/// - a branch whose two edges go to the same block is a `jump` (the comparison has no effect);
/// - no edge (nor the entry) leads to a statement-free block that only jumps: it goes where
///   that block would have sent it;
/// - a block that jumps to a statement-free return takes that return itself (`ret` costs what
///   `ja` costs and ends the path sooner);
/// - a block that jumps to a block with no other predecessor has absorbed it.
enum SimplifyJumps {
    static func run(_ graph: inout ControlFlowGraph) {
        for index in graph.blocks.indices {
            if let (_, ifTrue, ifFalse) = graph.blocks[index].terminator.twoWay, ifTrue == ifFalse {
                graph.blocks[index].terminator = .jump(ifTrue)
            }
        }
        // Where an empty jump block finally leads; chains are followed with their length bounded
        // by the graph size, which the acyclic invariant guarantees.
        func resolve(_ id: BlockID) -> BlockID {
            var current = id
            for _ in 0..<graph.blocks.count {
                guard graph[current].statements.isEmpty, case .jump(let next) = graph[current].terminator else { break }
                current = next
            }
            return current
        }
        graph.entry = resolve(graph.entry)
        for index in graph.blocks.indices {
            graph.blocks[index].terminator = graph.blocks[index].terminator.mapTargets(resolve)
        }
        let order = graph.topologicalOrder()
        let predecessors = graph.predecessorCounts(order: order)
        for id in order {
            while case .jump(let target) = graph[id].terminator, target != id {
                let next = graph[target]
                if next.statements.isEmpty, next.terminator.successors.isEmpty {
                    graph[id].terminator = next.terminator
                } else if predecessors[target.index] == 1 {
                    graph[id].statements += next.statements
                    graph[id].terminator = next.terminator
                } else {
                    break
                }
            }
        }
    }
}
