/// What one decoded instruction does, with every choice an opcode's bits encode already
/// made: the execution loop switches over this dense enumeration (a jump table) and never
/// looks at opcode bits.
enum Operation: UInt8 {
    case loadWordAbsolute, loadHalfAbsolute, loadByteAbsolute
    /// An absolute load at `SKF_LL_OFF` or above: metadata or a header-relative offset.
    /// The load size in bytes is kept in `ifTrue`.
    case loadExtension
    case loadWordIndirect, loadHalfIndirect, loadByteIndirect
    case loadConstant, loadLength, loadScratch
    case loadXConstant, loadXLength, loadXScratch, loadXIPHeaderLength
    case store, storeX
    case addConstant, subtractConstant, multiplyConstant, divideConstant, moduloConstant
    case andConstant, orConstant, xorConstant, leftShiftConstant, rightShiftConstant
    case addX, subtractX, multiplyX, divideX, moduloX
    case andX, orX, xorX, leftShiftX, rightShiftX
    case negate, tax, txa
    /// `ja` forward to `ifTrue`.
    case jump
    /// `ja` to `ifTrue` at or before itself: counted, as libpcap master bounds such loops.
    case jumpBackward
    case jumpIfEqualConstant, jumpIfGreaterConstant, jumpIfGreaterOrEqualConstant, jumpIfBitsSetConstant
    case jumpIfEqualX, jumpIfGreaterX, jumpIfGreaterOrEqualX, jumpIfBitsSetX
    case returnConstant, returnAccumulator
    /// Superinstructions: an absolute (or indirect) load at `k` followed by a conditional
    /// jump comparing A with a constant. `pcap_compile` emits this pair more than anything
    /// else, and fusing it halves the dispatches. The jump instruction stays in place after
    /// the fused one, as other jumps may land on it, and holds the constant; the fused one
    /// holds the jump's targets.
    case loadWordAbsoluteJumpIfEqual, loadHalfAbsoluteJumpIfEqual, loadByteAbsoluteJumpIfEqual
    case loadWordAbsoluteJumpIfGreater, loadHalfAbsoluteJumpIfGreater, loadByteAbsoluteJumpIfGreater
    case loadWordAbsoluteJumpIfGreaterOrEqual, loadHalfAbsoluteJumpIfGreaterOrEqual, loadByteAbsoluteJumpIfGreaterOrEqual
    case loadWordAbsoluteJumpIfBitsSet, loadHalfAbsoluteJumpIfBitsSet, loadByteAbsoluteJumpIfBitsSet
    case loadWordIndirectJumpIfEqual, loadHalfIndirectJumpIfEqual, loadByteIndirectJumpIfEqual
    /// `tcp[tcpflags] & … != 0`.
    case loadByteIndirectJumpIfBitsSet
    /// The head of a run of `jeq #k` instructions, each but the last falling through to the
    /// next when false (`host a or host b or …`): compares A with each `k` in a tight loop
    /// instead of dispatching each. Every member but the last keeps its own slot as the
    /// head of the rest of the run; the last stays a `jumpIfEqualConstant`, which ends it.
    case jumpIfEqualChain
    /// An absolute load followed by the head of a `jeq` run (`ldh [12]` before the three
    /// VLAN TPIDs, `ld [26]` before a list of hosts): the load, then the run, in one dispatch.
    case loadWordAbsoluteThenChain, loadHalfAbsoluteThenChain, loadByteAbsoluteThenChain
    /// An opcode `bpf_filter` does not know (1.10.3 aborts; master rejects the packet), or a
    /// jump to itself: returns 0.
    case reject
}

/// One decoded instruction: the operation, its constant, and absolute jump targets.
///
/// Sixteen bytes, so that a jump's target index becomes an address with one shift.
struct CompiledInstruction {
    var operation: Operation
    /// The constant, offset or scratch cell; a constant shift is already reduced mod 32.
    var k: UInt32
    /// The index to continue at when a conditional jump's test holds (or of an `ja`).
    var ifTrue: UInt32
    /// The index to continue at when a conditional jump's test fails.
    var ifFalse: UInt32

    init(_ operation: Operation, k: UInt32 = 0, ifTrue: UInt32 = 0, ifFalse: UInt32 = 0) {
        self.operation = operation
        self.k = k
        self.ifTrue = ifTrue
        self.ifFalse = ifFalse
    }
}
