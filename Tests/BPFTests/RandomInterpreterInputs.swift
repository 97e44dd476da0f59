import BPF

/// Random programs that libpcap 1.10.3's `bpf_filter` can run: known opcodes, forward jumps
/// in range, scratch cells written (in a prologue every path runs) before they are read.
struct ValidProgramGenerator<Generator: RandomNumberGenerator> {
    var random: Generator

    mutating func program() -> Program {
        var instructions: [Instruction] = []
        // Half the programs touch no scratch cell, as most `pcap_compile` output does: the
        // interpreter runs those in a loop of their own.
        let usesScratch = Bool.random(using: &random)
        let written = usesScratch ? (0..<16).filter { _ in Bool.random(using: &random) }.map(UInt32.init) : []
        for cell in written {
            instructions.append(.loadConstant(random.interestingUInt32()))
            instructions.append(Bool.random(using: &random) ? .store(cell: cell) : .tax)
            if case .tax = instructions.last { instructions.append(.storeX(cell: cell)) }
        }
        let bodyLength = Int.random(in: 0...24, using: &random)
        for index in 0..<bodyLength {
            instructions.append(
                bodyInstruction(remaining: bodyLength - index, readable: written, usesScratch: usesScratch))
        }
        instructions.append(
            Bool.random(using: &random) ? .returnAccumulator : .returnConstant(random.interestingUInt32()))
        return Program(instructions)
    }

    /// One instruction with `remaining` instructions (the final `ret` included) after it.
    private mutating func bodyInstruction(remaining: Int, readable: [UInt32], usesScratch: Bool) -> Instruction {
        let size = LoadSize.allCases.randomElement(using: &random) ?? .word
        switch UInt8.random(in: 0..<20, using: &random) {
        case 0, 1: return .loadAbsolute(size, offset: random.packetOffset())
        case 2: return .loadIndirect(size, offset: random.packetOffset())
        case 3: return .loadXIPHeaderLength(offset: random.packetOffset())
        case 4: return .loadConstant(random.interestingUInt32())
        case 5: return .loadXConstant(random.interestingUInt32())
        case 6: return Bool.random(using: &random) ? .loadLength : .loadXLength
        case 7:
            guard let cell = readable.randomElement(using: &random) else { return .tax }
            return Bool.random(using: &random) ? .loadScratch(cell: cell) : .loadXScratch(cell: cell)
        case 8:
            guard usesScratch else { return .txa }
            let cell = UInt32.random(in: 0..<16, using: &random)
            return Bool.random(using: &random) ? .store(cell: cell) : .storeX(cell: cell)
        case 9, 10, 11:
            let operation = ALUOperation.allCases.randomElement(using: &random) ?? .add
            var k = random.interestingUInt32()
            if k == 0 && (operation == .div || operation == .mod) { k = 1 }
            return .alu(operation, .constant(k))
        case 12, 13:
            return .alu(ALUOperation.allCases.randomElement(using: &random) ?? .add, .x)
        case 14:
            return [Instruction.negate, .tax, .txa].randomElement(using: &random) ?? .tax
        case 15, 16, 17:
            let limit = min(remaining - 1, 255)
            let condition = JumpCondition.allCases.randomElement(using: &random) ?? .equal
            let operand: Operand = Bool.random(using: &random) ? .x : .constant(random.interestingUInt32())
            return .jump(condition, operand,
                         ifTrue: UInt8(Int.random(in: 0...limit, using: &random)),
                         ifFalse: UInt8(Int.random(in: 0...limit, using: &random)))
        case 18:
            return .jumpAlways(UInt32.random(in: 0...UInt32(remaining - 1), using: &random))
        default:
            return Bool.random(using: &random) ? .returnAccumulator : .returnConstant(random.interestingUInt32())
        }
    }
}

/// Random packets: lengths from 0 up, bytes biased so that IPv4 header lengths and common
/// values appear, and a wire length at least the captured length.
struct PacketGenerator<Generator: RandomNumberGenerator> {
    var random: Generator

    mutating func packet() -> (bytes: [UInt8], wireLength: UInt32) {
        let length = Bool.random(using: &random) ? Int.random(in: 0...8, using: &random) : Int.random(in: 0...80, using: &random)
        let bytes = (0..<length).map { _ -> UInt8 in
            switch UInt8.random(in: 0..<4, using: &random) {
            case 0: 0
            case 1: 0xFF
            default: UInt8.random(in: 0...255, using: &random)
            }
        }
        let wireLength: UInt32 = switch UInt8.random(in: 0..<4, using: &random) {
        case 0: UInt32(length) + UInt32.random(in: 1...1500, using: &random)
        case 1: arithmeticBoundaries.randomElement(using: &random).map { max($0, UInt32(length)) } ?? UInt32(length)
        default: UInt32(length)
        }
        return (bytes, wireLength)
    }
}

/// Arbitrary programs, mostly invalid: random opcodes, jumps anywhere, any scratch index,
/// division by 0, empty programs.
struct ArbitraryProgramGenerator<Generator: RandomNumberGenerator> {
    var random: Generator
    /// Every opcode the kernel knows, so that random programs are sometimes valid.
    static var knownCodes: [UInt16] {
        (0...0xFF).map(UInt16.init).filter {
            if case .unknown = Instruction(RawInstruction(code: $0)) { return false }
            return true
        }
    }

    mutating func program(knownCodes: [UInt16]) -> Program {
        let count = Int.random(in: 0...10, using: &random)
        let raw = (0..<count).map { index -> RawInstruction in
            let code: UInt16 = switch UInt8.random(in: 0..<10, using: &random) {
            case 0: UInt16.random(in: 0...UInt16.max, using: &random)
            case 1, 2: UInt16.random(in: 0...0xFF, using: &random)
            case 3: UInt16(0x06 | (UInt16.random(in: 0...0x1F, using: &random) << 3))
            default: knownCodes.randomElement(using: &random) ?? 0x06
            }
            let k: UInt32 = switch UInt8.random(in: 0..<5, using: &random) {
            case 0: UInt32.random(in: 0...20, using: &random)
            case 1: UInt32(count - index) &- UInt32.random(in: 0...3, using: &random)
            case 2: UInt32.max &- UInt32.random(in: 0...UInt32(index + 1), using: &random)
            case 3: AncillaryField.baseOffset &+ UInt32.random(in: 0...70, using: &random)
            default: random.interestingUInt32()
            }
            let jumpRange = UInt8(clamping: count - index + 1)
            return RawInstruction(
                code: code,
                jt: Bool.random(using: &random) ? UInt8.random(in: 0...jumpRange, using: &random) : UInt8.random(in: 0...255, using: &random),
                jf: UInt8.random(in: 0...jumpRange, using: &random),
                k: k)
        }
        return Program(raw: raw)
    }
}
