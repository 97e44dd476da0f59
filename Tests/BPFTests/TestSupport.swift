import BPF
import CLibpcap
import Foundation

/// A small, fast, seedable generator (SplitMix64) so every random test can be replayed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The seed of a randomized test: `BPF_TEST_SEED` when set, else a fresh one; printed so a
/// failure can be replayed.
func testSeed(_ testName: String) -> UInt64 {
    let seed = ProcessInfo.processInfo.environment["BPF_TEST_SEED"].flatMap { UInt64($0) }
        ?? UInt64.random(in: 0...UInt64.max)
    print("\(testName): seed \(seed) (replay with BPF_TEST_SEED=\(seed))")
    return seed
}

/// libpcap 1.10.3, the oracle.
enum Libpcap {
    static func instructions(_ program: Program) -> [bpf_insn] {
        program.rawInstructions.map { bpf_insn(code: $0.code, jt: $0.jt, jf: $0.jf, k: $0.k) }
    }

    /// Whether `bpf_validate` accepts the program.
    static func validates(_ program: Program) -> Bool {
        instructions(program).withUnsafeBufferPointer {
            bpf_validate($0.baseAddress, Int32(clamping: $0.count)) != 0
        }
    }

    /// `bpf_filter`'s verdict. Only for programs `bpf_validate` accepts, with no opcode
    /// `bpf_filter` does not know and no backward jump (1.10.3 aborts or may loop on those).
    static func filter(_ instructions: [bpf_insn], packet: [UInt8], wireLength: UInt32) -> UInt32 {
        instructions.withUnsafeBufferPointer { code in
            packet.withUnsafeBufferPointer { bytes in
                bpf_filter(code.baseAddress, bytes.baseAddress, wireLength, UInt32(bytes.count))
            }
        }
    }
}

/// Values at the edges of 32-bit arithmetic, which random tests favour.
let arithmeticBoundaries: [UInt32] = [0, 1, 2, 3, 4, 31, 32, 33, 255, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFE, 0xFFFF_FFFF]

extension RandomNumberGenerator {
    /// A 32-bit value: often a boundary constant, often small, otherwise anything.
    mutating func interestingUInt32() -> UInt32 {
        switch UInt8.random(in: 0..<4, using: &self) {
        case 0: arithmeticBoundaries.randomElement(using: &self) ?? 0
        case 1: UInt32.random(in: 0...80, using: &self)
        case 2: UInt32.random(in: 0...0xFFFF, using: &self)
        default: UInt32.random(in: 0...UInt32.max, using: &self)
        }
    }

    /// A packet offset, mostly near the ends of packets the tests generate.
    mutating func packetOffset() -> UInt32 {
        switch UInt8.random(in: 0..<8, using: &self) {
        case 0: arithmeticBoundaries.randomElement(using: &self) ?? 0
        case 1: UInt32.random(in: 0...0xFFFF, using: &self)
        default: UInt32.random(in: 0...80, using: &self)
        }
    }
}
