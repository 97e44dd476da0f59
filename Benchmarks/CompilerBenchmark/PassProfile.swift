import PcapFilter

/// Where the optimizer's time goes on one expression: for each round, each pass's time and the
/// graph's block and statement counts after it. For finding what to speed up, not a target.
enum PassProfile {
    static func printProfile(family: Family, terms: Int) {
        let target = CompilationTarget(linkLayer: .ethernet, snapLength: 262_144, source: .unattached, netmask: 0)
        let lowerStart = Measurement.now()
        guard var graph = try? FilterCompiler().controlFlowGraph(family.text(terms), for: target,
                                                                  resolver: FixedNameResolver.empty,
                                                                  forOptimizer: true) else {
            print("\(family.name) \(terms): does not compile")
            return
        }
        print("lowering: \(milliseconds(since: lowerStart)) ms, \(graph.blocks.count) blocks")
        OptimizationPass.removeUnreachableBlocks.run(&graph)
        for round in 1...Optimizer.roundLimit {
            let before = graph
            var line: [String] = []
            for pass in OptimizationPass.allCases {
                let start = Measurement.now()
                pass.run(&graph, cutShort: .asLibpcapOptimizer)
                line.append("\(pass.rawValue) \(milliseconds(since: start))")
            }
            let statements = graph.blocks.reduce(0) { $0 + $1.statements.count }
            print("round \(round): \(line.joined(separator: ", ")); \(graph.blocks.count) blocks, \(statements) statements")
            if graph == before { break }
        }
        let start = Measurement.now()
        let program = try? FilterCompiler().linearize(graph)
        print("linearize: \(milliseconds(since: start)) ms, \(program?.count ?? -1) instructions")
    }

    private static func milliseconds(since start: Double) -> String {
        String(format: "%.1f", (Measurement.now() - start) * 1000)
    }
}
