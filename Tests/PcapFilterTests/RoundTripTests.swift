import TestSupport
import Testing
@testable import PcapFilter

/// parse → print → parse gives the same tree, and the canonical text is a fixed point,
/// over generated expressions (every one that parses, mutated ones included).
@Suite struct RoundTripTests {
    @Test func canonicalTextReparsesToTheSameTree() throws {
        let seed = SeededGenerator.announcedSeed(for: "canonicalTextReparsesToTheSameTree")
        var generator = ExpressionGenerator(seed: seed)
        var checked = 0
        for index in 0..<20_000 {
            var tokens = generator.expression(depth: 4)
            if index % 2 == 1 { tokens = generator.mutate(tokens) }
            let text = tokens.joined(separator: " ")
            guard let syntax = try? FilterParser.parse(text) else { continue }
            checked += 1
            let printed = CanonicalPrinter.print(syntax)
            let reparsed = try FilterParser.parse(printed)
            #expect(reparsed.withoutRanges == syntax.withoutRanges, "seed \(seed): \(text) printed as \(printed)")
            #expect(CanonicalPrinter.print(reparsed) == printed)
        }
        #expect(checked > 2000)
    }

    @Test func inheritedHeadsSurviveParentheses() throws {
        let syntax = try FilterParser.parse("host (1.2.3.4 or not 5.6.7.8) and 9.9.9.9")
        let printed = CanonicalPrinter.print(syntax)
        #expect(printed == "host (1.2.3.4 or not 5.6.7.8) and 9.9.9.9")
        guard case .and(_, let last)? = syntax.expression?.kind,
            case .primitive(.qualified(let value)) = last.kind
        else {
            Issue.record("unexpected shape")
            return
        }
        #expect(value.inherited && value.head == Head(kind: .host))
    }
}
