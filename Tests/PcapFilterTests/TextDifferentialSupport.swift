import BPF
import CLibpcap
import Foundation
import PcapFile
import PcapFilter
import TestSupport

/// Packets to judge verdicts on, per link type: generated ones built to hit and just miss
/// the primitives, then the corpus captures of that link type (when the corpus is present).
struct VerdictPackets: Sendable {
    let packets: [LinkLayer: [(bytes: [UInt8], wire: Int)]]

    static let shared = VerdictPackets(seed: 0x7e47_7ab1e, generated: 120, corpusLimit: 150)

    init(seed: UInt64, generated: Int, corpusLimit: Int) {
        var byLink: [LinkLayer: [(bytes: [UInt8], wire: Int)]] = [:]
        for link in LinkLayer.allCases {
            var factory = PacketFactory(random: SeededGenerator(seed: seed ^ UInt64(link.rawValue)))
            byLink[link] = (0..<generated).map { _ in
                let (bytes, wire) = factory.packet(for: link)
                return (bytes, wire)
            }
        }
        for path in Self.corpusFiles {
            guard let reader = try? CaptureFileReader(path: path),
                  let link = LinkLayer(rawValue: reader.linkType.dlt) else { continue }
            var taken = byLink[link]?.count ?? 0
            while taken < generated + corpusLimit, let packet = try? reader.next() {
                byLink[link, default: []].append((packet.data, Int(packet.originalLength)))
                taken += 1
            }
        }
        packets = byLink
    }

    static var corpusFiles: [String] {
        ["libpcap", "tcpdump"].flatMap { directory -> [String] in
            let path = "/work/shared/corpus/\(directory)"
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.sorted().map { "\(path)/\($0)" }
        }
    }
}

/// What comparing one expression on one target found.
struct Comparison {
    var rows = 0, bothCompiled = 0, bothRejected = 0, verdicts = 0, optimizerDisagreements = 0
    /// Packets skipped because libpcap's `protochain` loop does not end on them within 64 jumps.
    var endlessWalks = 0
    /// Rows where libpcap's program, like ours, fails the kernel validator (verdicts undefined).
    var bothKernelInvalid = 0
    /// Packets skipped because libpcap's `protochain` loop goes deeper than our unrolled walk.
    var beyondWalkDepth = 0
    /// 802.11 rows that our optimizer, and not libpcap's, finds accept nothing (deliberate).
    var moreUnsatisfiable: [String] = []
    /// Rows where libpcap's program reads a scratch cell no path has written (ours does not):
    /// `bpf_filter` then reads an uninitialized stack array, so its verdicts are undefined.
    var libpcapReadsUninitialized: [String] = []
    var failures: [String] = []
    /// Rows where libpcap's own 802.11 program is broken, so its verdicts are not the reference.
    var known: [String] = []

    mutating func add(_ other: Comparison) {
        rows += other.rows; bothCompiled += other.bothCompiled; bothRejected += other.bothRejected
        verdicts += other.verdicts; optimizerDisagreements += other.optimizerDisagreements
        endlessWalks += other.endlessWalks; bothKernelInvalid += other.bothKernelInvalid; beyondWalkDepth += other.beyondWalkDepth
        libpcapReadsUninitialized += other.libpcapReadsUninitialized
        moreUnsatisfiable += other.moreUnsatisfiable
        failures += other.failures
        known += other.known
    }
}

enum TextDifferential {
    /// Compiles `ours` with our compiler and `reference` (the same text, or an equivalent one
    /// for names or ``LibpcapByteOperatorFault/equivalentText(_:)``) with libpcap, for a dead handle of `link`; then compares acceptance, the
    /// message, and every verdict on `packets` (libpcap's program and ours through
    /// `bpf_filter`, ours through our interpreter too).
    static func compare(_ ours: String, reference: String? = nil, expectedError: String? = nil,
                        link: LinkLayer, snaplen: UInt32, resolver: any NameResolver,
                        packets: [(bytes: [UInt8], wire: Int)], compareMessages: Bool = true) -> Comparison {
        var result = Comparison()
        result.rows = 1
        let target = CompilationTarget(linkLayer: link, snapLength: snaplen, source: .unattached, netmask: 0)
        let mine: Result<Program, FilterError>
        do { mine = .success(try FilterCompiler().compile(ours, for: target, resolver: resolver, optimize: false)) } catch {
            mine = .failure(error)
        }
        if let expectedError {
            switch mine {
            case .success: result.failures.append("\(ours) on \(link): expected \(expectedError), we compiled")
            case .failure(let error):
                if error.description != expectedError {
                    result.failures.append("\(ours) on \(link): expected \(expectedError), we said \(error)")
                }
                result.bothRejected = 1
            }
            return result
        }
        let text = reference ?? LibpcapByteOperatorFault.equivalentText(ours) ?? ours
        let theirs = LibpcapOracle.compile(text, dlt: link.rawValue, snaplen: snaplen, optimize: false)
        switch (theirs, mine) {
        case let (.error(message), .failure(error)):
            result.bothRejected = 1
            if compareMessages && error.description != message {
                result.failures.append("\(ours) on \(link): libpcap says \(message), we say \(error)")
            }
        case let (.error(message), .success):
            result.failures.append("\(ours) on \(link): libpcap says \(message), we compiled")
        case let (.program, .failure(error)):
            result.failures.append("\(ours) on \(link): we say \(error), libpcap compiled")
        case let (.program(reference), .success(program)):
            result.bothCompiled = 1
            if let problem = verdictProblem(ours, link, program, reference, text: text, snaplen: snaplen,
                                            packets: packets, result: &result) {
                if LibpcapOracle.wirelessOffsetsBroken(reference, link: link) {
                    result.known.append("\(ours) on \(link): libpcap's program overwrites a cell holding an 802.11 "
                                        + "offset with a temporary (it takes those cells on first use), or after pppoes "
                                        + "computes the offsets into one shared cell")
                } else {
                    result.failures.append(problem)
                }
            } else if link.isWireless && !LibpcapOracle.wirelessOffsetsBroken(reference, link: link),
                      let problem = optimizedProblem(ours, text: text, target: target, resolver: resolver,
                                                     unoptimizedReference: reference, packets: packets, result: &result) {
                result.failures.append(problem)
            }
        }
        return result
    }

    private static func verdictProblem(_ ours: String, _ link: LinkLayer, _ program: Program, _ reference: [bpf_insn],
                                       text: String, snaplen: UInt32, packets: [(bytes: [UInt8], wire: Int)],
                                       result: inout Comparison) -> String? {
        let theirs = Program(raw: reference.map { RawInstruction(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) })
        do { try program.validate(.linuxKernel) } catch {
            // libpcap's program for `geneve or …` reads scratch memory that only the Geneve
            // path writes; where libpcap's own program fails the same check, verdicts are
            // undefined (bpf_filter reads an uninitialized stack array) and are not compared.
            if (try? theirs.validate(.linuxKernel)) == nil {
                result.bothKernelInvalid += 1
                return nil
            }
            return "\(ours) on \(link): our program fails the kernel validator: \(error)"
        }
        if link.isWireless && LibpcapOracle.readsUnwrittenCell(reference) {
            result.libpcapReadsUninitialized.append("\(ours) on \(link)")
            return nil
        }
        guard let interpreter = try? Interpreter(program) else { return "\(ours) on \(link): interpreter refused" }
        let mine = LibpcapOracle.instructions(program)
        var optimized: [bpf_insn]?
        if case .program(let p) = LibpcapOracle.compile(text, dlt: link.rawValue, snaplen: snaplen, optimize: true) {
            optimized = p
        }
        // libpcap's `protochain` loop can run forever under `bpf_filter`: such programs are
        // first run in our interpreter (which gives up after 64 backward jumps) and handed to
        // `bpf_filter` only where they end, and only where they end within the depth our
        // unrolled walk covers (ProtocolChainTests checks what happens beyond it).
        let looping = LibpcapOracle.hasBackwardJump(reference)
        let optimizedLoops = optimized.map(LibpcapOracle.hasBackwardJump) ?? false
        if LibpcapOracle.hasBackwardJump(mine) { return "\(ours) on \(link): our program jumps backwards" }
        for (bytes, wire) in packets {
            if looping {
                guard let steps = LibpcapOracle.backwardJumps(reference, bytes, wireLength: wire) else {
                    result.endlessWalks += 1
                    continue
                }
                guard steps <= ProtocolChain.maximumAdvances else {
                    result.beyondWalkDepth += 1
                    continue
                }
            }
            let optimizedEnds = !optimizedLoops
                || optimized.map { LibpcapOracle.backwardJumps($0, bytes, wireLength: wire) != nil } == true
            let expected = LibpcapOracle.run(reference, bytes, wireLength: wire)
            let viaLibpcap = LibpcapOracle.run(mine, bytes, wireLength: wire)
            let viaOurs = interpreter.run(bytes, wireLength: UInt32(wire))
            result.verdicts += 1
            if let optimized, optimizedEnds, LibpcapOracle.run(optimized, bytes, wireLength: wire) != expected {
                result.optimizerDisagreements += 1
            }
            if expected != viaLibpcap || expected != viaOurs {
                return """
                    \(ours) on \(link): libpcap \(expected), ours \(viaLibpcap) (bpf_filter) \(viaOurs) (interpreter) \
                    for \(bytes) wire \(wire)
                    ours:
                    \(LibpcapOracle.dump(mine))
                    libpcap -O:
                    \(LibpcapOracle.dump(reference))
                    """
            }
        }
        return nil
    }
}
