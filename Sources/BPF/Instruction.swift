/// A classic BPF instruction in typed form: one case for each opcode the Linux kernel accepts.
///
/// Any other opcode, and any instruction built from raw bytes that this enum cannot describe,
/// is kept as ``unknown(_:)`` so that decoding never loses it. Fields an opcode does not use
/// (`jt`/`jf` of a load, `k` of `tax`) are not part of the typed form; ``Program`` keeps the
/// raw words when those must survive byte for byte.
public enum Instruction: Hashable, Sendable {
    /// `ld/ldh/ldb [k]`: A ← the big-endian value at packet offset `k`.
    case loadAbsolute(LoadSize, offset: UInt32)
    /// `ld/ldh/ldb [x + k]`: A ← the big-endian value at packet offset `X + k`.
    case loadIndirect(LoadSize, offset: UInt32)
    /// `ld #k`: A ← k.
    case loadConstant(UInt32)
    /// `ld #len`: A ← the packet's length on the wire.
    case loadLength
    /// `ld M[k]`: A ← scratch cell `k`.
    case loadScratch(cell: UInt32)
    /// `ldx #k`: X ← k.
    case loadXConstant(UInt32)
    /// `ldx #len`: X ← the packet's length on the wire.
    case loadXLength
    /// `ldx M[k]`: X ← scratch cell `k`.
    case loadXScratch(cell: UInt32)
    /// `ldxb 4*([k]&0xf)`: X ← the IPv4 header length found at packet offset `k`.
    case loadXIPHeaderLength(offset: UInt32)
    /// `st M[k]`: scratch cell `k` ← A.
    case store(cell: UInt32)
    /// `stx M[k]`: scratch cell `k` ← X.
    case storeX(cell: UInt32)
    /// `add/sub/…`: A ← A op operand.
    case alu(ALUOperation, Operand)
    /// `neg`: A ← −A.
    case negate
    /// `ja k`: skip `k` instructions.
    case jumpAlways(UInt32)
    /// `jeq/jgt/jge/jset`: skip `ifTrue` or `ifFalse` instructions depending on the test.
    case jump(JumpCondition, Operand, ifTrue: UInt8, ifFalse: UInt8)
    /// `ret #k`: accept `k` bytes of the packet (0 rejects it).
    case returnConstant(UInt32)
    /// `ret a`: accept as many bytes as A says.
    case returnAccumulator
    /// `tax`: X ← A.
    case tax
    /// `txa`: A ← X.
    case txa
    /// An opcode outside the kernel's set, kept as it was read.
    case unknown(RawInstruction)
}

extension Instruction {
    /// Decodes a raw instruction; opcodes the kernel does not know become ``unknown(_:)``.
    public init(_ raw: RawInstruction) {
        self = Self.decode(raw) ?? .unknown(raw)
    }

    private static func decode(_ raw: RawInstruction) -> Instruction? {
        let code = raw.code
        let k = raw.k
        switch OpcodeClass(of: code) {
        case .load:
            guard let size = LoadSize(rawValue: code & LoadSize.mask),
                  let mode = AddressingModeBits(rawValue: code & AddressingModeBits.mask),
                  code & ~(LoadSize.mask | AddressingModeBits.mask | OpcodeClass.mask) == 0
            else { return nil }
            switch (mode, size) {
            case (.absolute, _): return .loadAbsolute(size, offset: k)
            case (.indirect, _): return .loadIndirect(size, offset: k)
            case (.immediate, .word): return .loadConstant(k)
            case (.length, .word): return .loadLength
            case (.memory, .word): return .loadScratch(cell: k)
            default: return nil
            }
        case .loadX:
            switch code {
            case 0x01: return .loadXConstant(k)
            case 0x81: return .loadXLength
            case 0x61: return .loadXScratch(cell: k)
            case 0xb1: return .loadXIPHeaderLength(offset: k)
            default: return nil
            }
        case .store:
            return code == 0x02 ? .store(cell: k) : nil
        case .storeX:
            return code == 0x03 ? .storeX(cell: k) : nil
        case .alu:
            let operationBits = code & ALUOperation.mask
            if operationBits == ALUOperation.negateBits {
                return code == 0x84 ? .negate : nil
            }
            guard let operation = ALUOperation(rawValue: operationBits),
                  code & ~(ALUOperation.mask | Operand.sourceX | OpcodeClass.mask) == 0
            else { return nil }
            return .alu(operation, code & Operand.sourceX != 0 ? .x : .constant(k))
        case .jump:
            let conditionBits = code & JumpCondition.mask
            if conditionBits == JumpCondition.alwaysBits {
                return code == 0x05 ? .jumpAlways(k) : nil
            }
            guard let condition = JumpCondition(rawValue: conditionBits),
                  code & ~(JumpCondition.mask | Operand.sourceX | OpcodeClass.mask) == 0
            else { return nil }
            let operand: Operand = code & Operand.sourceX != 0 ? .x : .constant(k)
            return .jump(condition, operand, ifTrue: raw.jt, ifFalse: raw.jf)
        case .ret:
            switch code {
            case 0x06: return .returnConstant(k)
            case 0x16: return .returnAccumulator
            default: return nil
            }
        case .misc:
            switch code {
            case 0x07: return .tax
            case 0x87: return .txa
            default: return nil
            }
        }
    }

    /// The instruction in `sock_filter` form, with unused fields zero.
    public var raw: RawInstruction {
        let load = OpcodeClass.load.rawValue
        let loadX = OpcodeClass.loadX.rawValue
        switch self {
        case let .loadAbsolute(size, offset):
            return RawInstruction(code: load | size.rawValue | AddressingModeBits.absolute.rawValue, k: offset)
        case let .loadIndirect(size, offset):
            return RawInstruction(code: load | size.rawValue | AddressingModeBits.indirect.rawValue, k: offset)
        case let .loadConstant(k):
            return RawInstruction(code: load | AddressingModeBits.immediate.rawValue, k: k)
        case .loadLength:
            return RawInstruction(code: load | AddressingModeBits.length.rawValue)
        case let .loadScratch(cell):
            return RawInstruction(code: load | AddressingModeBits.memory.rawValue, k: cell)
        case let .loadXConstant(k):
            return RawInstruction(code: loadX | AddressingModeBits.immediate.rawValue, k: k)
        case .loadXLength:
            return RawInstruction(code: loadX | AddressingModeBits.length.rawValue)
        case let .loadXScratch(cell):
            return RawInstruction(code: loadX | AddressingModeBits.memory.rawValue, k: cell)
        case let .loadXIPHeaderLength(offset):
            return RawInstruction(
                code: loadX | LoadSize.byte.rawValue | AddressingModeBits.msh.rawValue, k: offset)
        case let .store(cell):
            return RawInstruction(code: OpcodeClass.store.rawValue, k: cell)
        case let .storeX(cell):
            return RawInstruction(code: OpcodeClass.storeX.rawValue, k: cell)
        case let .alu(operation, operand):
            let code = OpcodeClass.alu.rawValue | operation.rawValue
            switch operand {
            case .constant(let k): return RawInstruction(code: code, k: k)
            case .x: return RawInstruction(code: code | Operand.sourceX)
            }
        case .negate:
            return RawInstruction(code: OpcodeClass.alu.rawValue | ALUOperation.negateBits)
        case let .jumpAlways(offset):
            return RawInstruction(code: OpcodeClass.jump.rawValue | JumpCondition.alwaysBits, k: offset)
        case let .jump(condition, operand, ifTrue, ifFalse):
            let code = OpcodeClass.jump.rawValue | condition.rawValue
            switch operand {
            case .constant(let k): return RawInstruction(code: code, jt: ifTrue, jf: ifFalse, k: k)
            case .x: return RawInstruction(code: code | Operand.sourceX, jt: ifTrue, jf: ifFalse)
            }
        case let .returnConstant(k):
            return RawInstruction(code: OpcodeClass.ret.rawValue, k: k)
        case .returnAccumulator:
            return RawInstruction(code: OpcodeClass.ret.rawValue | 0x10)
        case .tax:
            return RawInstruction(code: OpcodeClass.misc.rawValue)
        case .txa:
            return RawInstruction(code: OpcodeClass.misc.rawValue | 0x80)
        case let .unknown(raw):
            return raw
        }
    }
}
