import BPF

/// What the branches taken so far prove about one value: an interval, known bits, and
/// constants it is known not to equal.
///
/// Every fact is a consequence of a comparison that really ran on the path, so a branch it
/// decides would have gone the same way on every packet reaching it.
struct ValueFacts: Hashable, Sendable {
    var low: UInt32 = 0
    var high: UInt32 = .max
    var bitsSet: UInt32 = 0
    var bitsClear: UInt32 = 0
    /// Kept short: a long OR chain of `jeq`s would otherwise grow it quadratically.
    var excluded = SmallSortedSet()
    /// Masks the value is known to share a bit with (`jset #m` succeeded): a later `jset #k`
    /// with `k` covering one of them succeeds too. Kept short.
    var overlappedMasks = SmallSortedSet()
    /// Every value the value can still be, when it is one of a few constants: after
    /// `jeq #0x84`, `jeq #6`, `jeq #0x11` have sent three paths to one block, the protocol is
    /// one of the three, so the next term's same three tests cannot all fail. `nil` when
    /// unknown or more than ``possibleLimit``.
    var possible: SmallSortedSet?

    static let excludedLimit = 8
    static let maskLimit = 4
    static let possibleLimit = 8

    /// The facts of a value that is the constant `k`.
    static func exactly(_ k: UInt32) -> ValueFacts {
        ValueFacts(low: k, high: k, bitsSet: k, bitsClear: ~k, possible: SmallSortedSet(k))
    }

    /// Whether `value condition k` holds.
    static func holds(_ value: UInt32, _ condition: JumpCondition, _ k: UInt32) -> Bool {
        switch condition {
        case .equal: value == k
        case .greater: value > k
        case .greaterOrEqual: value >= k
        case .bitsSet: value & k != 0
        }
    }

    /// The outcome the possible values agree on, if they are known and do.
    private func decideByPossible(_ condition: JumpCondition, _ k: UInt32) -> Bool? {
        guard let possible, let first = possible.first else { return nil }
        let outcome = Self.holds(first, condition, k)
        return possible.allSatisfy { Self.holds($0, condition, k) == outcome } ? outcome : nil
    }

    /// The outcome of `value condition k` when these facts decide it.
    func decide(_ condition: JumpCondition, _ k: UInt32) -> Bool? {
        if let outcome = decideByPossible(condition, k) { return outcome }
        switch condition {
        case .equal:
            if low == k && high == k { return true }
            if k < low || k > high || k & bitsClear != 0 || bitsSet & ~k != 0 { return false }
            if excluded.contains(k) { return false }
            return nil
        case .greater:
            if low > k { return true }
            if high <= k { return false }
            return nil
        case .greaterOrEqual:
            if low >= k { return true }
            if high < k { return false }
            return nil
        case .bitsSet:
            if bitsSet & k != 0 { return true }
            if k & ~bitsClear == 0 { return false }
            if overlappedMasks.contains(where: { $0 & ~k == 0 }) { return true }
            // Every bit of k is above the largest value the interval allows.
            if k != 0, UInt64(high) < (UInt64(1) << UInt64(k.trailingZeroBitCount)) { return false }
            return nil
        }
    }

    /// Whether the value equals one of `constants`, when these facts decide it.
    func decide(oneOf constants: [UInt32]) -> Bool? {
        if let possible, !possible.isEmpty {
            if possible.allSatisfy(constants.contains) { return true }
            if !possible.contains(where: constants.contains) { return false }
        }
        if low == high { return constants.contains(low) }
        return constants.allSatisfy { decide(.equal, $0) == false } ? false : nil
    }

    /// These facts narrowed by learning whether the value equals one of `constants`.
    func learning(oneOf constants: [UInt32], _ outcome: Bool) -> ValueFacts {
        guard let smallest = constants.min(), let largest = constants.max() else { return self }
        var next = self
        if outcome {
            next.low = max(low, smallest)
            next.high = min(high, largest)
            if let possible {
                next.possible = possible.filtered(constants.contains)
            } else if constants.count <= Self.possibleLimit {
                next.possible = constants.reduce(into: SmallSortedSet()) {
                    $0.insert($1, limit: Self.possibleLimit, droppingWhenFull: .largest)
                }
            }
        } else {
            next.possible = possible?.filtered { !constants.contains($0) }
            for k in constants.prefix(Self.excludedLimit) {
                next.excluded.insert(k, limit: Self.excludedLimit, droppingWhenFull: .smallest)
            }
        }
        return next
    }

    /// These facts narrowed by learning that `value condition k` is `outcome`.
    func learning(_ condition: JumpCondition, _ k: UInt32, _ outcome: Bool) -> ValueFacts {
        var next = self
        next.possible = possible?.filtered { Self.holds($0, condition, k) == outcome }
        switch (condition, outcome) {
        case (.equal, true):
            next.low = k; next.high = k; next.bitsSet = k; next.bitsClear = ~k; next.possible = SmallSortedSet(k)
        case (.equal, false):
            next.excluded.insert(k, limit: Self.excludedLimit, droppingWhenFull: .smallest)
        case (.greater, true): if k < .max { next.low = max(low, k + 1) }
        case (.greater, false): next.high = min(high, k)
        case (.greaterOrEqual, true): next.low = max(low, k)
        case (.greaterOrEqual, false): if k > 0 { next.high = min(high, k - 1) }
        case (.bitsSet, true):
            if k.nonzeroBitCount == 1 {
                next.bitsSet |= k
            } else {
                next.overlappedMasks.insert(k, limit: Self.maskLimit, droppingWhenFull: .largest)
            }
        case (.bitsSet, false): next.bitsClear |= k
        }
        return next
    }

    /// The facts true on both of two paths.
    func joined(with other: ValueFacts) -> ValueFacts {
        ValueFacts(low: min(low, other.low), high: max(high, other.high),
                   bitsSet: bitsSet & other.bitsSet, bitsClear: bitsClear & other.bitsClear,
                   excluded: Self.commonExclusions(self, other),
                   overlappedMasks: overlappedMasks.filtered { mask in
                       other.overlappedMasks.contains { $0 & ~mask == 0 } || other.bitsSet & mask != 0
                   },
                   possible: Self.union(possible, other.possible))
    }

    private static func union(_ one: SmallSortedSet?, _ other: SmallSortedSet?) -> SmallSortedSet? {
        guard let one, let other else { return nil }
        return SmallSortedSet.union(one, other, limit: possibleLimit)
    }

    private static func commonExclusions(_ one: ValueFacts, _ other: ValueFacts) -> SmallSortedSet {
        let mine = one.excluded.filtered { other.excluded.contains($0) || other.decide(.equal, $0) == false }
        let theirs = other.excluded.filtered { !one.excluded.contains($0) && one.decide(.equal, $0) == false }
        return SmallSortedSet.largest(of: mine, theirs, limit: excludedLimit)
    }
}
