/// One line of libpcap's `bpf_image`: the instruction at `pc` as `tcpdump -d` prints it,
/// without the newline.
///
/// The text depends only on the raw words, exactly as libpcap 1.10.3 reads them: a signed `k`
/// prints as a negative number where libpcap uses `%d`, jump targets are absolute
/// (`pc + 1 + offset`, with C's `int` wrap-around), opcodes libpcap does not name print as
/// `unimp 0x…` (that includes `ldx #len`, 0x81, which the kernel accepts), and every opcode of
/// the jump class except `ja` gets the `jt`/`jf` columns, known or not.
public func image(of raw: RawInstruction, at pc: Int) -> String {
    let n = Int32(truncatingIfNeeded: pc)
    let (mnemonic, operand) = mnemonicAndOperand(of: raw, at: n)
    let head = "(" + CFormat.decimal3(n) + ") " + CFormat.leftAligned(mnemonic, width: 8) + " "
    let isConditionalJump = OpcodeClass(of: raw.code) == .jump
        && raw.code & JumpCondition.mask != JumpCondition.alwaysBits
    guard isConditionalJump else { return head + operand }
    let ifTrue = n &+ 1 &+ Int32(raw.jt)
    let ifFalse = n &+ 1 &+ Int32(raw.jf)
    return head + CFormat.leftAligned(operand, width: 16)
        + " jt " + CFormat.decimal(ifTrue) + "\tjf " + CFormat.decimal(ifFalse)
}

/// The mnemonic and operand columns of `bpf_image` for one instruction.
private func mnemonicAndOperand(of raw: RawInstruction, at n: Int32) -> (String, String) {
    let k = raw.k
    let signedK = CFormat.decimal(Int32(bitPattern: k))
    let hexK = "#0x" + CFormat.hex(k)
    let unimplemented = ("unimp", "0x" + CFormat.hex(raw.code))
    switch Instruction(raw) {
    case let .loadAbsolute(size, _):
        let operand = AncillaryNames.name(forOffset: k).map { "[" + $0 + "]" } ?? "[" + signedK + "]"
        return (loadMnemonic(size), operand)
    case let .loadIndirect(size, _):
        return (loadMnemonic(size), "[x + " + signedK + "]")
    case .loadConstant:
        return ("ld", hexK)
    case .loadLength:
        return ("ld", "#pktlen")
    case .loadScratch:
        return ("ld", "M[" + signedK + "]")
    case .loadXConstant:
        return ("ldx", hexK)
    case .loadXLength:
        // The kernel accepts `ldx #len` (0x81), but libpcap's bpf_image has no case for it.
        return unimplemented
    case .loadXScratch:
        return ("ldx", "M[" + signedK + "]")
    case .loadXIPHeaderLength:
        return ("ldxb", "4*([" + signedK + "]&0xf)")
    case .store:
        return ("st", "M[" + signedK + "]")
    case .storeX:
        return ("stx", "M[" + signedK + "]")
    case let .alu(operation, operand):
        let text: String
        switch operand {
        case .x: text = "x"
        case .constant: text = aluPrintsHex(operation) ? hexK : "#" + signedK
        }
        return (aluMnemonic(operation), text)
    case .negate:
        return ("neg", "")
    case .jumpAlways:
        // libpcap adds the unsigned k to the int pc, so the sum wraps as a 32-bit value.
        let target = UInt32(bitPattern: n) &+ 1 &+ k
        return ("ja", CFormat.decimal(Int32(bitPattern: target)))
    case let .jump(condition, operand, _, _):
        let text: String
        switch operand {
        case .x: text = "x"
        case .constant: text = hexK
        }
        return (jumpMnemonic(condition), text)
    case .returnConstant:
        return ("ret", "#" + signedK)
    case .returnAccumulator:
        return ("ret", "")
    case .tax:
        return ("tax", "")
    case .txa:
        return ("txa", "")
    case .unknown:
        return unimplemented
    }
}

/// The mnemonic of a packet load of the given size.
func loadMnemonic(_ size: LoadSize) -> String {
    switch size {
    case .word: "ld"
    case .half: "ldh"
    case .byte: "ldb"
    }
}

/// The mnemonic of an ALU operation.
func aluMnemonic(_ operation: ALUOperation) -> String {
    switch operation {
    case .add: "add"
    case .sub: "sub"
    case .mul: "mul"
    case .div: "div"
    case .or: "or"
    case .and: "and"
    case .leftShift: "lsh"
    case .rightShift: "rsh"
    case .mod: "mod"
    case .xor: "xor"
    }
}

/// Whether libpcap prints the constant of this operation in hex (bit operations) rather than
/// as a signed decimal (arithmetic and shifts).
private func aluPrintsHex(_ operation: ALUOperation) -> Bool {
    switch operation {
    case .and, .or, .xor: true
    case .add, .sub, .mul, .div, .mod, .leftShift, .rightShift: false
    }
}

/// The mnemonic of a conditional jump.
func jumpMnemonic(_ condition: JumpCondition) -> String {
    switch condition {
    case .equal: "jeq"
    case .greater: "jgt"
    case .greaterOrEqual: "jge"
    case .bitsSet: "jset"
    }
}
