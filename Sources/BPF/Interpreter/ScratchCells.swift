/// Where one run keeps the scratch cells `M[0]`…`M[15]`.
///
/// The loop is specialised for each conformance, so that a program that never touches the
/// cells runs without a stack buffer, and so without the stack protector and the frame
/// that a buffer whose address is taken brings.
protocol ScratchCells {
    /// The cell `cell`, which the validator has checked is below 16.
    subscript(cell: UInt32) -> UInt32 { get nonmutating set }
    /// The cells as an observer sees them.
    var cells: UnsafeMutableBufferPointer<UInt32> { get }
}

/// Cells in a buffer of 16 the caller allocated.
struct BufferScratch: ScratchCells {
    let cells: UnsafeMutableBufferPointer<UInt32>

    subscript(cell: UInt32) -> UInt32 {
        @inline(__always) get { cells[Int(cell)] }
        @inline(__always) nonmutating set { cells[Int(cell)] = newValue }
    }
}

/// No cells, for code with no scratch instructions: the accessors are never reached, and
/// behave as a store that is forgotten and zeroed cells (libpcap master's start state).
struct NoScratch: ScratchCells {
    var cells: UnsafeMutableBufferPointer<UInt32> { UnsafeMutableBufferPointer(start: nil, count: 0) }

    subscript(cell: UInt32) -> UInt32 {
        @inline(__always) get { 0 }
        @inline(__always) nonmutating set {}
    }
}
