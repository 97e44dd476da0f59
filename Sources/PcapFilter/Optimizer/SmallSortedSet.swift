/// At most eight distinct `UInt32`s, kept sorted and stored inline.
///
/// Value facts hold a few constants each (exclusions, masks, possible values) and are copied
/// with every machine state on every edge; inline storage makes that copy a plain memory copy,
/// with no allocation and no reference counting.
struct SmallSortedSet: Hashable, Sendable, RandomAccessCollection {
    static let capacity = 8

    /// Which end of the order gives way when an insertion would exceed a limit.
    enum End { case smallest, largest }

    private var storage = InlineArray<8, UInt32>(repeating: 0)
    private var length: UInt8 = 0

    init() {}

    init(_ element: UInt32) {
        storage[0] = element
        length = 1
    }

    var startIndex: Int { 0 }
    var endIndex: Int { Int(length) }
    subscript(position: Int) -> UInt32 { storage[position] }

    func contains(_ element: UInt32) -> Bool { indices.contains { storage[$0] == element } }

    /// Inserts `element`; when that would make more than `limit` elements, the one at `end`
    /// (possibly `element` itself) is dropped.
    mutating func insert(_ element: UInt32, limit: Int, droppingWhenFull end: End) {
        guard !contains(element) else { return }
        let position = firstIndex { $0 > element } ?? endIndex
        let limit = Swift.min(limit, Self.capacity)
        guard count >= limit else {
            for index in stride(from: endIndex, to: position, by: -1) { storage[index] = storage[index - 1] }
            storage[position] = element
            length += 1
            return
        }
        switch end {
        case .smallest:
            guard position > 0 else { return }
            for index in 0..<(position - 1) { storage[index] = storage[index + 1] }
            storage[position - 1] = element
        case .largest:
            guard position < endIndex else { return }
            for index in stride(from: endIndex - 1, to: position, by: -1) { storage[index] = storage[index - 1] }
            storage[position] = element
        }
    }

    /// The elements for which `isIncluded` holds.
    func filtered(_ isIncluded: (UInt32) -> Bool) -> SmallSortedSet {
        var result = SmallSortedSet()
        for element in self where isIncluded(element) {
            result.storage[Int(result.length)] = element
            result.length += 1
        }
        return result
    }

    /// Every element of both, or nil when they are more than `limit` together.
    static func union(_ one: SmallSortedSet, _ other: SmallSortedSet, limit: Int) -> SmallSortedSet? {
        var result = one
        for element in other where !one.contains(element) {
            guard result.count < Swift.min(limit, capacity) else { return nil }
            result.insert(element, limit: capacity, droppingWhenFull: .largest)
        }
        return result
    }

    /// The `limit` largest elements of both.
    static func largest(of one: SmallSortedSet, _ other: SmallSortedSet, limit: Int) -> SmallSortedSet {
        var result = one
        for element in other { result.insert(element, limit: limit, droppingWhenFull: .smallest) }
        return result
    }

    static func == (lhs: SmallSortedSet, rhs: SmallSortedSet) -> Bool {
        lhs.length == rhs.length && lhs.indices.allSatisfy { lhs.storage[$0] == rhs.storage[$0] }
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(length)
        for element in self { hasher.combine(element) }
    }
}
