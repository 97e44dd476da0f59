/// The ``ValueFacts`` of a machine state, per value, sorted by value.
///
/// A state holds facts for a handful of values and is copied on every edge of every sweep: a
/// sorted array of plain values copies as one block of memory, where a dictionary would
/// rehash and reference-count its entries.
struct FactTable: Hashable, Sendable {
    private struct Entry: Hashable, Sendable {
        let value: ValueID
        var facts: ValueFacts
    }

    private var entries: [Entry] = []

    /// Where `value`'s entry is, or would be inserted.
    private func position(of value: ValueID) -> (index: Int, found: Bool) {
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].value < value { low = middle + 1 } else { high = middle }
        }
        return (low, low < entries.count && entries[low].value == value)
    }

    subscript(value: ValueID) -> ValueFacts? {
        get {
            let (index, found) = position(of: value)
            return found ? entries[index].facts : nil
        }
        set {
            let (index, found) = position(of: value)
            switch (newValue, found) {
            case let (facts?, true): entries[index].facts = facts
            case let (facts?, false):
                // Usually into a copy just made for one edge's state: sized exactly, where
                // `insert` would double the capacity of every state on every edge.
                var grown: [Entry] = []
                grown.reserveCapacity(entries.count + 1)
                grown += entries[..<index]
                grown.append(Entry(value: value, facts: facts))
                grown += entries[index...]
                entries = grown
            case (nil, true): entries.remove(at: index)
            case (nil, false): break
            }
        }
    }

    /// The facts true on both paths: for values both know something about, what both agree on.
    func joined(with other: FactTable) -> FactTable {
        var result = FactTable()
        var mine = 0, theirs = 0
        while mine < entries.count && theirs < other.entries.count {
            let one = entries[mine], two = other.entries[theirs]
            if one.value < two.value {
                mine += 1
            } else if two.value < one.value {
                theirs += 1
            } else {
                result.entries.append(Entry(value: one.value, facts: one.facts.joined(with: two.facts)))
                mine += 1
                theirs += 1
            }
        }
        return result
    }
}
