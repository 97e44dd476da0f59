/// The record of one traced run: the state before each executed instruction, and the result.
public struct Trace: Hashable, Sendable {
    /// The machine's state before each instruction, in execution order.
    public var steps: [TraceStep]
    /// What the program returned: the number of bytes to keep, 0 to reject.
    public var result: UInt32
}

/// The machine's state just before one instruction runs.
public struct TraceStep: Hashable, Sendable {
    /// The index of the instruction about to run.
    public var pc: Int
    /// The accumulator.
    public var a: UInt32
    /// The index register.
    public var x: UInt32
    /// The scratch cells `M[0]`…`M[15]`.
    public var scratch: [UInt32]
}

/// Collects every step of a run.
struct TraceRecorder: ExecutionObserver {
    var steps: [TraceStep] = []

    mutating func willExecute(pc: Int, a: UInt32, x: UInt32, scratch: UnsafeMutableBufferPointer<UInt32>) {
        steps.append(TraceStep(pc: pc, a: a, x: x, scratch: Array(scratch)))
    }
}
