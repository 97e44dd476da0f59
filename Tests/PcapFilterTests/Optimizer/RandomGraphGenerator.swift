import TestSupport
import BPF
import PcapFilter

/// Random control-flow graphs fed straight to the optimizer: shapes and statement mixes the
/// code generator never makes (shared tails, `ret a`, arithmetic on X, scratch traffic,
/// indexed loads, divisions that can fail).
///
/// Offsets, constants and cells come from small pools so that the same loads and comparisons
/// recur along paths, which is what gives the optimizer's passes something to do.
struct RandomGraphGenerator {
    var random: SeededGenerator

    static let offsets: [UInt32] = [0, 1, 2, 12, 13, 14, 20, 23, 26, 30, 40, 60]
    static let constants: [UInt32] = [0, 1, 2, 3, 6, 0x11, 0x800, 0x86dd, 0xff, 0x1fff, 0xffff, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff]
    static let cells: [UInt32] = [0, 1, 2, 3]

    mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }

    mutating func statement() -> Instruction {
        let size = pick(LoadSize.allCases)
        switch random.next() % 16 {
        case 0, 1, 2: return .loadAbsolute(size, offset: pick(Self.offsets))
        case 3: return .loadIndirect(size, offset: pick(Self.offsets))
        case 4: return .loadConstant(pick(Self.constants))
        case 5: return .loadLength
        case 6: return .loadScratch(cell: pick(Self.cells))
        case 7: return chance(50) ? .loadXConstant(pick([0, 1, 4, 14, 20])) : .loadXScratch(cell: pick(Self.cells))
        case 8: return .loadXIPHeaderLength(offset: pick(Self.offsets))
        case 9: return chance(50) ? .store(cell: pick(Self.cells)) : .storeX(cell: pick(Self.cells))
        case 10, 11:
            let operation = pick(ALUOperation.allCases)
            if chance(30) { return .alu(operation, .x) }
            var k = pick(Self.constants)
            switch operation {
            case .leftShift, .rightShift: k %= 32
            case .div, .mod: k = max(k, 1)
            default: break
            }
            return .alu(operation, .constant(k))
        case 12: return .negate
        case 13: return .tax
        case 14: return .txa
        default: return .loadAbsolute(.half, offset: 12)
        }
    }

    mutating func condition() -> JumpCondition { pick(JumpCondition.allCases) }

    /// A graph of about `size` blocks whose edges all go to smaller indices; the entry stores
    /// every scratch cell first so that no path reads one before writing it.
    mutating func graph(size: Int) -> ControlFlowGraph {
        var blocks: [BasicBlock] = [
            BasicBlock(terminator: .accept(snapLength: 0xffff)),
            BasicBlock(terminator: .reject),
            BasicBlock(terminator: .returnAccumulator),
            BasicBlock(terminator: .accept(snapLength: 96)),
        ]
        for _ in 0..<size {
            if chance(12) {
                appendEqualityRun(to: &blocks)
                continue
            }
            let count = Int(random.next() % 4)
            let statements = (0..<count).map { _ in statement() }
            let limit = UInt64(blocks.count)
            let first = BlockID(Int(random.next() % limit))
            let second = BlockID(Int(random.next() % limit))
            let terminator: Terminator
            switch random.next() % 10 {
            case 0: terminator = .jump(first)
            case 1: terminator = pick([.reject, .returnAccumulator, .accept(snapLength: 0xffff)])
            default:
                let operand: Operand = chance(15) ? .x : .constant(pick(Self.constants))
                terminator = .branch(condition(), operand, ifTrue: first, ifFalse: second)
            }
            blocks.append(BasicBlock(statements: statements, terminator: terminator))
        }
        let prologue = Self.cells.flatMap { [Instruction.loadConstant($0 &* 7), .store(cell: $0)] }
        blocks.append(BasicBlock(statements: prologue, terminator: .jump(BlockID(blocks.count - 1))))
        return ControlFlowGraph(blocks: blocks, entry: BlockID(blocks.count - 1))
    }

    /// Appends a run of equality tests sharing their true target, head last (it is the one
    /// entered): what ``CollapseEqualityRuns`` gathers into one block. Each block after the head
    /// has no statements or the head's; those statements may load a value again (`ldh [12]`),
    /// or change it (`add #1`, which must not be gathered); some blocks are already sets.
    mutating func appendEqualityRun(to blocks: inout [BasicBlock]) {
        let limit = UInt64(blocks.count)
        let common = BlockID(Int(random.next() % limit))
        var next = BlockID(Int(random.next() % limit))
        let headStatements: [Instruction] = pick([
            [.loadAbsolute(.half, offset: pick(Self.offsets))],
            [.loadXConstant(pick([0, 1, 14])), .loadIndirect(.byte, offset: pick(Self.offsets))],
            [.alu(.add, .constant(1))],
            [],
        ])
        let length = 2 + Int(random.next() % 6)
        for position in 0..<length {
            let isHead = position == length - 1
            let statements = isHead || chance(40) ? headStatements : []
            let terminator: Terminator
            if chance(20) {
                var constants: [UInt32] = []
                for k in (0..<3).map({ _ in pick(Self.constants) }) where !constants.contains(k) { constants.append(k) }
                terminator = constants.count > 1
                    ? .oneOf(constants, ifTrue: common, ifFalse: next)
                    : .branch(.equal, .constant(constants[0]), ifTrue: common, ifFalse: next)
            } else {
                terminator = .branch(.equal, .constant(pick(Self.constants)), ifTrue: common, ifFalse: next)
            }
            blocks.append(BasicBlock(statements: statements, terminator: terminator))
            next = BlockID(blocks.count - 1)
        }
    }

    /// A packet of up to 70 bytes drawn from bytes the constants are made of, so that
    /// comparisons go both ways and loads fall off the end.
    mutating func packet() -> (bytes: [UInt8], wireLength: Int) {
        let count = Int(random.next() % 71)
        let bytes = (0..<count).map { _ in pick([0, 0, 1, 2, 3, 6, 8, 0x11, 0x1f, 0x45, 0x7f, 0x80, 0x86, 0xdd, 0xff]) as UInt8 }
        return (bytes, count + (chance(20) ? Int(random.next() % 40) : 0))
    }
}
