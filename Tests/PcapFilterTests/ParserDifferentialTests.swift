import TestSupport
import Foundation
import Testing
@testable import PcapFilter

/// Generated expressions, valid and mutated, through our parser and libpcap's
/// `pcap_compile`: both must agree on syntax errors and on the front end's own messages.
@Suite struct ParserDifferentialTests {
    /// Messages only the front end produces; libpcap's code generation has many more.
    static func isFrontEndMessage(_ message: String) -> Bool {
        let prefixes = [
            "can't parse", "syntax error in filter expression", "number ", "bogus ", "invalid IPv4 address",
            "data size must be", "division by zero", "modulus by zero", "shift by more than",
            "illegal port number", "illegal qualifier of", "mask length must be", "non-network bits set",
            "Mask syntax for networks only", "invalid qualifier against IPv6", "ethernet address used in non-ether",
            "illegal link layer address", "aid supported only", "'gateway'", "invalid 802.11", "unknown 802.11", "unknown LLC", "unknown PF",
        ]
        return prefixes.contains { message.hasPrefix($0) }
    }

    enum Verdict: Equatable {
        case agree, skipped
        case disagree(String)
    }

    static func compare(_ text: String) -> Verdict {
        let theirs = LibpcapOracle.error(compiling: text)
        let ours = ourError(parsing: text)
        switch (theirs, ours) {
        case (nil, nil):
            return .agree
        case (nil, let ours?):
            return .disagree("libpcap compiles it, we say: \(ours)")
        case (let theirs?, _) where isFrontEndMessage(theirs):
            return theirs == ours ? .agree : .disagree("libpcap: \(theirs) / ours: \(ours ?? "ok")")
        case (_, let ours?) where ours == LibpcapOracle.parseErrorMessage:
            // libpcap stopped earlier in code generation; the text may well end in a syntax error.
            return .skipped
        case (_, let ours?) where !ours.hasPrefix("can't parse"):
            // Both found a semantic problem; ours may be a later primitive's.
            return .skipped
        default:
            return .skipped
        }
    }

    @Test func generatedAndMutatedExpressionsAgreeWithLibpcap() {
        let seed = SeededGenerator.announcedSeed(for: "generatedAndMutatedExpressionsAgreeWithLibpcap")
        var generator = ExpressionGenerator(seed: seed)
        var failures: [String] = []
        var skipped = 0
        var parseErrors = 0
        let count = 6000
        for index in 0..<count {
            var tokens = generator.expression()
            let mutations = index % 3 == 0 ? 0 : Int.random(in: 1...2, using: &generator.random)
            for _ in 0..<mutations { tokens = generator.mutate(tokens) }
            let text = tokens.joined(separator: " ")
            switch Self.compare(text) {
            case .agree:
                if LibpcapOracle.error(compiling: text) == LibpcapOracle.parseErrorMessage { parseErrors += 1 }
            case .skipped: skipped += 1
            case .disagree(let why): failures.append("\(text)  →  \(why)")
            }
        }
        print("DifferentialTests: \(count) cases, \(parseErrors) parse errors agreed, \(skipped) skipped")
        #expect(failures.isEmpty, "seed \(seed): \(failures.count) disagreements, first: \(failures.prefix(15).joined(separator: "\n"))")
        #expect(skipped < count / 4, "too many cases stopped in libpcap's code generation")
    }
}
