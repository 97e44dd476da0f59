import TestSupport
import BPF
import PcapFilter
import Testing

/// OR chains of many terms — what `FactorSharedGuards` rewrites and `CollapseEqualityRuns`
/// gathers, which the tables' short rows barely reach — on every link type, optimized: the same
/// verdict as unoptimized on every generated and corpus packet (or, on a packet cut short, the
/// one libpcap's optimizer gives), a program the kernel accepts whenever the unoptimized one
/// is, and on average not much longer than libpcap's optimized program (lengths printed).
///
/// One difference is counted, not failed: on a packet cut short, the unoptimized program
/// rejected only because a load fell off the captured bytes, and ours, having tested without
/// that load what libpcap's optimizer tests with it, accepts. Ours treats such a load as libpcap's
/// `or_pullup` does — as one that succeeds — in places where libpcap's other passes happened to
/// keep it (`OptimizerRegressionTests.deadLoadBeforeSameTargetBranchGoesWhereLibpcapKeepsIt`
/// shows one). The packets need a snapshot length that cuts the headers the filter reads.
///
/// Terms take their values from the packet factory's pools, so that they hit as well as miss.
@Suite struct LongChainDifferentialTests {
    static let chainsPerLink = 24

    /// One term of the kind `kind`, with values drawn from the packet pools.
    static func term(_ kind: Int, _ random: inout SeededGenerator) -> String {
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        let ipv4 = pick(PacketFactory.ipv4Pool).map(String.init).joined(separator: ".")
        let port = pick(PacketFactory.portPool)
        switch kind {
        case 0: return "\(pick(["", "src ", "dst ", "ip ", "src or dst "]))host \(ipv4)"
        case 1: return "\(pick(["", "tcp ", "udp ", "sctp "]))\(pick(["", "src ", "dst "]))port \(port)"
        case 2: return "net \(ipv4)/\(pick([8, 16, 24, 32]))"
        case 3: return "\(pick(["ip ", "ip6 ", ""]))proto \(pick(PacketFactory.transportPool))"
        case 4: return "portrange \(port)-\(port &+ pick([0, 1, 100]))"
        case 5: return "ether proto \(pick(PacketFactory.etherTypePool))"
        default: return pick(["tcp", "udp", "icmp", "arp", "ip6 host ::1", "host fe80::1", "less 60", "vlan"])
        }
    }

    /// A chain of `count` terms, all of one kind or (with `kind` past the kinds) of any.
    static func chain(count: Int, kind: Int, _ random: inout SeededGenerator) -> String {
        (0..<count).map { _ in term(kind < 7 ? kind : Int(random.next() % 7), &random) }.joined(separator: " or ")
    }

    /// A long chain alone or inside the shapes people write (`tcp and (…) and not (…)`).
    static func expression(_ random: inout SeededGenerator) -> String {
        let count = 8 + Int(random.next() % 40)
        let kind = Int(random.next() % 9)
        let first = chain(count: count, kind: kind, &random)
        switch random.next() % 4 {
        case 0: return "tcp and (\(first)) and not (\(chain(count: count / 2 + 1, kind: 0, &random)))"
        case 1: return "not (\(first))"
        case 2: return "(\(first)) and (\(chain(count: count / 3 + 1, kind: kind, &random)))"
        default: return first
        }
    }

    /// Whether `program` rejects a packet cut short because a load fell off its captured bytes
    /// (its last instruction run is a load, not a return).
    static func endsOnShortLoad(_ program: Program, _ interpreter: Interpreter, _ bytes: [UInt8], wire: Int) -> Bool {
        guard bytes.count < wire, let last = interpreter.trace(bytes, wireLength: UInt32(wire)).steps.last,
              program.instructions.indices.contains(last.pc)
        else { return false }
        switch program.instructions[last.pc] {
        case .loadAbsolute, .loadIndirect, .loadXIPHeaderLength: return true
        default: return false
        }
    }

    @Test(arguments: LinkLayer.allCases)
    func longChainsAgreeAndAreNoLonger(link: LinkLayer) throws {
        let seed = SeededGenerator.announcedSeed(for: "longChainsAgreeAndAreNoLonger \(link)")
        var random = SeededGenerator(seed: seed)
        let packets = VerdictPackets.shared.packets[link] ?? []
        var failures: [String] = [], compiled = 0, asLibpcapOptimizer = 0, lengths = LengthReport()
        var acceptedPastShortLoad = 0, longer: [String] = []
        for _ in 0..<Self.chainsPerLink {
            let expression = Self.expression(&random)
            let snaplen = TextTable.snapLengths[Int(random.next() % UInt64(TextTable.snapLengths.count))]
            let target = CompilationTarget(linkLayer: link, snapLength: snaplen, source: .unattached, netmask: 0)
            guard let pair = try OptimizedPair.compile(expression, for: target, packets: packets, failures: &failures)
            else { continue }
            let (plain, optimized, reference) = (pair.plain, pair.optimized, pair.reference)
            let theirs = LibpcapOracle.compile(expression, dlt: link.rawValue, snaplen: snaplen, optimize: true)
            compiled += 1
            let interpreter = try Interpreter(optimized)
            for (bytes, wire) in packets {
                let expected = reference.run(bytes, wireLength: UInt32(wire))
                let actual = interpreter.run(bytes, wireLength: UInt32(wire))
                guard expected != actual else { continue }
                if case .program(let libpcapProgram) = theirs {
                    let libpcapVerdict = LibpcapOracle.runIfTerminating(libpcapProgram, bytes, wireLength: wire)
                    if libpcapVerdict == actual {
                        asLibpcapOptimizer += 1
                        continue
                    }
                    if expected == 0, libpcapVerdict == 0, Self.endsOnShortLoad(plain, reference, bytes, wire: wire) {
                        acceptedPastShortLoad += 1
                        continue
                    }
                }
                failures.append("\(expression) (snaplen \(snaplen)): unoptimized \(expected), optimized \(actual) on \(bytes) wire \(wire)")
                break
            }
            guard case .program(let libpcapProgram) = theirs else { continue }
            lengths.add(ours: optimized.count, theirs: libpcapProgram.count)
            if optimized.count > libpcapProgram.count {
                longer.append("\(optimized.count)/\(libpcapProgram.count) \(expression.prefix(60))…")
            }
        }
        print("""
            LongChainDifferential seed \(seed) \(link): \(compiled) chains compiled, \(asLibpcapOptimizer) verdicts on \
            short packets as libpcap's optimizer gives them, \(acceptedPastShortLoad) accepted where a load past the \
            captured bytes rejected it; lengths \(lengths.summary); longer: \(longer.prefix(4))
            """)
        // A few dozen rows per link type: the mean moves a little from seed to seed; chains of
        // `proto` terms on either IP version are the ones still longer than libpcap's.
        #expect(lengths.geometricMean <= 1.1, "\(link): longer than libpcap's programs on average")
        for failure in failures.prefix(10) { Issue.record(Comment(rawValue: "seed \(seed): \(failure)")) }
        #expect(failures.isEmpty, "seed \(seed): \(failures.count) failures on \(link)")
        #expect(compiled >= Self.chainsPerLink / 6, "too few chains compiled on \(link)")
    }
}
