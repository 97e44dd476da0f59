/// The value each of the sixteen scratch cells holds, where known, stored inline so that
/// copying a machine state allocates nothing.
struct CellValues: Hashable, Sendable {
    static let count = 16

    /// Value index + 1 per cell; 0 when nothing is known.
    private var storage = InlineArray<16, Int32>(repeating: 0)

    /// The value in `cell`, if known; nil for a cell outside the sixteen as well.
    subscript(cell: UInt32) -> ValueID? {
        get {
            guard cell < Self.count, storage[Int(cell)] > 0 else { return nil }
            return ValueID(index: Int(storage[Int(cell)]) - 1)
        }
        set {
            guard cell < Self.count else { return }
            storage[Int(cell)] = newValue.map { Int32($0.index + 1) } ?? 0
        }
    }

    /// The values known on both paths.
    func joined(with other: CellValues) -> CellValues {
        var result = CellValues()
        for cell in 0..<Self.count where storage[cell] == other.storage[cell] { result.storage[cell] = storage[cell] }
        return result
    }

    static func == (lhs: CellValues, rhs: CellValues) -> Bool {
        (0..<count).allSatisfy { lhs.storage[$0] == rhs.storage[$0] }
    }

    func hash(into hasher: inout Hasher) {
        for cell in 0..<Self.count { hasher.combine(storage[cell]) }
    }
}
