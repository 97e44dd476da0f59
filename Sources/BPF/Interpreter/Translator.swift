/// Turns a validated program into ``CompiledInstruction``s once, so that running it does no
/// decoding.
enum Translator {
    /// Expects a program that passed the libpcap profile: every jump target is in range.
    static func translate(_ program: [RawInstruction]) -> [CompiledInstruction] {
        program.enumerated().map { pc, raw in translate(raw, at: UInt32(truncatingIfNeeded: pc)) }
    }

    private static func translate(_ raw: RawInstruction, at pc: UInt32) -> CompiledInstruction {
        let next = pc &+ 1
        switch Instruction(raw) {
        case let .loadAbsolute(size, offset):
            if offset >= AncillaryField.linkHeaderBaseOffset {
                return CompiledInstruction(.loadExtension, k: offset, ifTrue: size.byteCount)
            }
            switch size {
            case .word: return CompiledInstruction(.loadWordAbsolute, k: offset)
            case .half: return CompiledInstruction(.loadHalfAbsolute, k: offset)
            case .byte: return CompiledInstruction(.loadByteAbsolute, k: offset)
            }
        case let .loadIndirect(size, offset):
            switch size {
            case .word: return CompiledInstruction(.loadWordIndirect, k: offset)
            case .half: return CompiledInstruction(.loadHalfIndirect, k: offset)
            case .byte: return CompiledInstruction(.loadByteIndirect, k: offset)
            }
        case .loadConstant(let k): return CompiledInstruction(.loadConstant, k: k)
        case .loadLength: return CompiledInstruction(.loadLength)
        case .loadScratch(let cell): return CompiledInstruction(.loadScratch, k: cell)
        case .loadXConstant(let k): return CompiledInstruction(.loadXConstant, k: k)
        case .loadXLength: return CompiledInstruction(.loadXLength)
        case .loadXScratch(let cell): return CompiledInstruction(.loadXScratch, k: cell)
        case .loadXIPHeaderLength(let offset): return CompiledInstruction(.loadXIPHeaderLength, k: offset)
        case .store(let cell): return CompiledInstruction(.store, k: cell)
        case .storeX(let cell): return CompiledInstruction(.storeX, k: cell)
        case let .alu(operation, .constant(k)): return translateConstantALU(operation, k)
        case let .alu(operation, .x): return CompiledInstruction(xOperation(operation))
        case .negate: return CompiledInstruction(.negate)
        case .tax: return CompiledInstruction(.tax)
        case .txa: return CompiledInstruction(.txa)
        case .jumpAlways(let k):
            // libpcap adds the offset in 32 bits and then moves by it sign-extended; the
            // validator guaranteed the wrapped target is inside the program.
            let target = next &+ k
            if Int32(bitPattern: k) == -1 { return CompiledInstruction(.reject) }
            if Int32(bitPattern: k) < 0 { return CompiledInstruction(.jumpBackward, ifTrue: target) }
            return CompiledInstruction(.jump, ifTrue: target)
        case let .jump(condition, operand, ifTrue, ifFalse):
            return CompiledInstruction(
                jumpOperation(condition, operand), k: operand.constant,
                ifTrue: next &+ UInt32(ifTrue), ifFalse: next &+ UInt32(ifFalse))
        case .returnConstant(let k): return CompiledInstruction(.returnConstant, k: k)
        case .returnAccumulator: return CompiledInstruction(.returnAccumulator)
        case .unknown: return CompiledInstruction(.reject)
        }
    }

    private static func translateConstantALU(_ operation: ALUOperation, _ k: UInt32) -> CompiledInstruction {
        switch operation {
        case .add: CompiledInstruction(.addConstant, k: k)
        case .sub: CompiledInstruction(.subtractConstant, k: k)
        case .mul: CompiledInstruction(.multiplyConstant, k: k)
        // A constant divisor of 0 never gets here: the validator rejects it.
        case .div: CompiledInstruction(.divideConstant, k: k)
        case .mod: CompiledInstruction(.moduloConstant, k: k)
        case .and: CompiledInstruction(.andConstant, k: k)
        case .or: CompiledInstruction(.orConstant, k: k)
        case .xor: CompiledInstruction(.xorConstant, k: k)
        // libpcap 1.10.3 shifts by the constant in C, which x86 reduces mod 32; measured on
        // this machine, `lsh #33` shifts by 1.
        case .leftShift: CompiledInstruction(.leftShiftConstant, k: k & 31)
        case .rightShift: CompiledInstruction(.rightShiftConstant, k: k & 31)
        }
    }

    private static func xOperation(_ operation: ALUOperation) -> Operation {
        switch operation {
        case .add: .addX
        case .sub: .subtractX
        case .mul: .multiplyX
        case .div: .divideX
        case .mod: .moduloX
        case .and: .andX
        case .or: .orX
        case .xor: .xorX
        case .leftShift: .leftShiftX
        case .rightShift: .rightShiftX
        }
    }

    private static func jumpOperation(_ condition: JumpCondition, _ operand: Operand) -> Operation {
        switch (condition, operand) {
        case (.equal, .constant): .jumpIfEqualConstant
        case (.greater, .constant): .jumpIfGreaterConstant
        case (.greaterOrEqual, .constant): .jumpIfGreaterOrEqualConstant
        case (.bitsSet, .constant): .jumpIfBitsSetConstant
        case (.equal, .x): .jumpIfEqualX
        case (.greater, .x): .jumpIfGreaterX
        case (.greaterOrEqual, .x): .jumpIfGreaterOrEqualX
        case (.bitsSet, .x): .jumpIfBitsSetX
        }
    }
}

extension Operand {
    /// The constant, or 0 for X.
    fileprivate var constant: UInt32 {
        switch self {
        case .constant(let k): k
        case .x: 0
        }
    }
}
