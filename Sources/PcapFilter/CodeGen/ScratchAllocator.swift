/// One of the sixteen scratch memory cells `M[0]`…`M[15]`.
public struct ScratchCell: Hashable, Sendable {
    /// The cell number.
    public let index: UInt32
}

/// Hands out scratch cells for one compilation; a value threaded through code generation.
///
/// Cells are given lowest-free first and returned as soon as their value has been consumed,
/// so an expression needs as many cells as values it holds at once.
public struct ScratchAllocator: Hashable, Sendable {
    private var inUse: [Bool] = Array(repeating: false, count: Int(ProgramChecks.scratchCells))

    /// An allocator with every cell free.
    public init() {}

    /// Takes the lowest free cell.
    public mutating func allocate() throws(CodeGenerationError) -> ScratchCell {
        guard let index = inUse.firstIndex(of: false) else { throw .tooManyRegisters }
        inUse[index] = true
        return ScratchCell(index: UInt32(index))
    }

    /// Takes `cell` for the whole compilation, before any other is handed out.
    mutating func reserve(_ cell: ScratchCell) {
        inUse[Int(cell.index)] = true
    }

    /// Returns a cell for reuse.
    public mutating func free(_ cell: ScratchCell) {
        inUse[Int(cell.index)] = false
    }
}
