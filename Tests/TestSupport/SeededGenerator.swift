import Foundation

/// A small, fast, seedable generator (SplitMix64), so every randomized test can be replayed
/// from the seed it prints.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A seed from `TEST_SEED` when set (to replay a failure), otherwise a fresh one; printed
    /// either way, with the test's name.
    public static func announcedSeed(for test: String) -> UInt64 {
        let seed = ProcessInfo.processInfo.environment["TEST_SEED"].flatMap { UInt64($0) }
            ?? UInt64.random(in: 0...UInt64.max)
        print("\(test): seed \(seed) (replay with TEST_SEED=\(seed))")
        return seed
    }
}
