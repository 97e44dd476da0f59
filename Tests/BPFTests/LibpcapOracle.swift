import CLibpcap
import Foundation
import Synchronization
import BPF

/// libpcap's own text for instructions, the oracle the dump formats are compared with.
enum LibpcapOracle {
    /// `bpf_image` writes into one static buffer, so concurrent tests must take turns.
    private static let imageLock = Mutex(())

    /// libpcap's `bpf_image(insn, pc)`.
    static func image(of raw: RawInstruction, at pc: Int) -> String {
        var insn = bpf_insn(code: raw.code, jt: raw.jt, jf: raw.jf, k: raw.k)
        return imageLock.withLock { _ in
            String(cString: bpf_image(&insn, Int32(truncatingIfNeeded: pc)))
        }
    }
}

/// A small, fast, seedable generator (SplitMix64) so that every random test can be replayed
/// from the seed it prints.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A seed from `BPF_TEST_SEED` when set (to replay a failure), otherwise a fresh one;
    /// printed either way.
    static func announcedSeed(for test: String) -> UInt64 {
        let seed: UInt64
        if let text = ProcessInfo.processInfo.environment["BPF_TEST_SEED"], let value = UInt64(text) {
            seed = value
        } else {
            seed = UInt64.random(in: 0...UInt64.max)
        }
        print("\(test): seed \(seed) (replay with BPF_TEST_SEED=\(seed))")
        return seed
    }
}
