/// Replaces common instruction sequences with superinstructions (see ``Operation``): runs
/// of `jeq #k`, and a packet load followed by a conditional jump on a constant or by such a
/// run. Every original instruction keeps its slot, so jump targets and the trace's indices
/// are unchanged.
enum Fusion {
    static func fuse(_ code: [CompiledInstruction]) -> [CompiledInstruction] {
        var fused = code
        for index in code.indices {
            let length = equalityChainLength(code, from: index)
            if length >= 2 {
                fused[index].operation = .jumpIfEqualChain
            }
        }
        for index in code.indices.dropLast() {
            let jump = code[index + 1]
            if fused[index + 1].operation == .jumpIfEqualChain {
                guard let operation = chainOperation(load: code[index].operation) else { continue }
                fused[index] = CompiledInstruction(operation, k: code[index].k)
                continue
            }
            guard let operation = fusedOperation(load: code[index].operation, jump: jump.operation) else { continue }
            fused[index] = CompiledInstruction(operation, k: code[index].k, ifTrue: jump.ifTrue, ifFalse: jump.ifFalse)
        }
        return fused
    }

    /// How many `jeq #k` instructions from `start` on form a run that falls through on
    /// false: all but the last continue at the next instruction, which is again a `jeq #k`.
    private static func equalityChainLength(_ code: [CompiledInstruction], from start: Int) -> Int {
        var end = start
        guard code[start].operation == .jumpIfEqualConstant else { return 0 }
        while end + 1 < code.count, code[end].ifFalse == UInt32(end + 1),
              code[end + 1].operation == .jumpIfEqualConstant {
            end += 1
        }
        return end - start + 1
    }

    private static func chainOperation(load: Operation) -> Operation? {
        switch load {
        case .loadWordAbsolute: .loadWordAbsoluteThenChain
        case .loadHalfAbsolute: .loadHalfAbsoluteThenChain
        case .loadByteAbsolute: .loadByteAbsoluteThenChain
        default: nil
        }
    }

    private static func fusedOperation(load: Operation, jump: Operation) -> Operation? {
        switch (load, jump) {
        case (.loadWordAbsolute, .jumpIfEqualConstant): .loadWordAbsoluteJumpIfEqual
        case (.loadHalfAbsolute, .jumpIfEqualConstant): .loadHalfAbsoluteJumpIfEqual
        case (.loadByteAbsolute, .jumpIfEqualConstant): .loadByteAbsoluteJumpIfEqual
        case (.loadWordAbsolute, .jumpIfGreaterConstant): .loadWordAbsoluteJumpIfGreater
        case (.loadHalfAbsolute, .jumpIfGreaterConstant): .loadHalfAbsoluteJumpIfGreater
        case (.loadByteAbsolute, .jumpIfGreaterConstant): .loadByteAbsoluteJumpIfGreater
        case (.loadWordAbsolute, .jumpIfGreaterOrEqualConstant): .loadWordAbsoluteJumpIfGreaterOrEqual
        case (.loadHalfAbsolute, .jumpIfGreaterOrEqualConstant): .loadHalfAbsoluteJumpIfGreaterOrEqual
        case (.loadByteAbsolute, .jumpIfGreaterOrEqualConstant): .loadByteAbsoluteJumpIfGreaterOrEqual
        case (.loadWordAbsolute, .jumpIfBitsSetConstant): .loadWordAbsoluteJumpIfBitsSet
        case (.loadHalfAbsolute, .jumpIfBitsSetConstant): .loadHalfAbsoluteJumpIfBitsSet
        case (.loadByteAbsolute, .jumpIfBitsSetConstant): .loadByteAbsoluteJumpIfBitsSet
        case (.loadWordIndirect, .jumpIfEqualConstant): .loadWordIndirectJumpIfEqual
        case (.loadHalfIndirect, .jumpIfEqualConstant): .loadHalfIndirectJumpIfEqual
        case (.loadByteIndirect, .jumpIfEqualConstant): .loadByteIndirectJumpIfEqual
        case (.loadByteIndirect, .jumpIfBitsSetConstant): .loadByteIndirectJumpIfBitsSet
        default: nil
        }
    }
}
