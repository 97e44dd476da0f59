/// A classic BPF program: the instructions a filter runs, in order.
///
/// The raw `sock_filter` words are the source of truth, so a program read from text or bytes
/// is written back exactly as it came, unused fields included.
public struct Program: Hashable, Sendable {
    /// The instructions in `sock_filter` form.
    public var rawInstructions: [RawInstruction]

    /// Creates a program from raw instructions, kept exactly as given.
    public init(raw: [RawInstruction]) {
        rawInstructions = raw
    }

    /// Creates a program from typed instructions.
    public init(_ instructions: [Instruction]) {
        rawInstructions = instructions.map(\.raw)
    }

    /// The instructions in typed form.
    public var instructions: [Instruction] {
        rawInstructions.map(Instruction.init)
    }

    /// The number of instructions.
    public var count: Int { rawInstructions.count }
}
