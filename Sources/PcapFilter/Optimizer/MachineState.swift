import BPF

/// What the optimizer knows about the machine at one point of the program: the value in
/// each register and scratch cell, facts the branches taken have proven, and which loads are
/// known to succeed.
///
/// A state describes *every* packet reaching its point; a join keeps only what holds on all
/// incoming paths.
struct MachineState: Hashable, Sendable {
    var a: ValueID
    var x: ValueID
    var cells = CellValues()
    /// Facts about values, keyed by value.
    var facts = FactTable()
    /// The captured length is at least this: a load ending here already succeeded on every path.
    var provenLength: UInt32 = 0
    /// Indexed loads (by value) that already succeeded on every path; sorted.
    var succeededLoads: [ValueID] = []

    /// The state on entry to a filter: A and X are zero (libpcap and the kernel clear them),
    /// scratch cells hold nothing a program may rely on.
    static func entry(_ table: inout ValueTable) -> MachineState {
        let zero = table.intern(.constant(0))
        return MachineState(a: zero, x: zero)
    }

    /// The facts known for `value`, including those of its being a constant.
    func facts(for value: ValueID, _ table: ValueTable) -> ValueFacts {
        if let k = table.constant(value) { return .exactly(k) }
        return facts[value] ?? ValueFacts()
    }

    /// The outcome of `test` on A if this state decides it.
    func decide(_ test: BranchTest, _ table: ValueTable) -> Bool? {
        switch test {
        case let .compare(condition, operand):
            guard let k = constantOperand(operand, table) else {
                guard a == x else { return nil }
                switch condition {
                case .equal, .greaterOrEqual: return true
                case .greater: return false
                case .bitsSet: return nil
                }
            }
            return facts(for: a, table).decide(condition, k)
        case .oneOf(let constants):
            return facts(for: a, table).decide(oneOf: constants)
        }
    }

    func constantOperand(_ operand: Operand, _ table: ValueTable) -> UInt32? {
        switch operand {
        case .constant(let k): k
        case .x: table.constant(x)
        }
    }

    /// The outcome of `test` on A if this state decides it, with the state after the branch
    /// went that way: ``decide(_:_:)`` then ``learning(_:_:_:)``, looking the facts of A up once.
    func deciding(_ test: BranchTest, _ table: ValueTable) -> (outcome: Bool, next: MachineState)? {
        let known = facts(for: a, table)
        let outcome: Bool?
        switch test {
        case let .compare(condition, operand):
            guard let k = constantOperand(operand, table) else { return decide(test, table).map { ($0, self) } }
            outcome = known.decide(condition, k)
        case .oneOf(let constants):
            outcome = known.decide(oneOf: constants)
        }
        guard let outcome else { return nil }
        guard table.constant(a) == nil else { return (outcome, self) }
        return (outcome, learning(test, outcome, known, table))
    }

    /// This state after a branch on `test` went the `outcome` way.
    func learning(_ test: BranchTest, _ outcome: Bool, _ table: ValueTable) -> MachineState {
        guard table.constant(a) == nil else { return self }
        return learning(test, outcome, facts(for: a, table), table)
    }

    /// This state after a branch on `test` went the `outcome` way, A's facts being `known`.
    private func learning(_ test: BranchTest, _ outcome: Bool, _ known: ValueFacts, _ table: ValueTable) -> MachineState {
        switch test {
        case let .compare(condition, operand):
            guard let k = constantOperand(operand, table) else { return self }
            return replacingFactsOfA(known, with: known.learning(condition, k, outcome))
        case .oneOf(let constants):
            return replacingFactsOfA(known, with: known.learning(oneOf: constants, outcome))
        }
    }

    /// This state with `learned` as A's facts instead of `known`.
    private func replacingFactsOfA(_ known: ValueFacts, with learned: ValueFacts) -> MachineState {
        // A branch the facts already decide usually teaches nothing: keep sharing the table.
        guard learned != known else { return self }
        var next = self
        next.facts[a] = learned
        return next
    }

    /// The state true on both paths; registers that disagree become an unknown unique to
    /// (`block`, register).
    func joined(with other: MachineState, at block: Int, _ table: inout ValueTable) -> MachineState {
        func merge(_ one: ValueID, _ two: ValueID, slot: Int) -> ValueID {
            one == two ? one : table.intern(.unknown(block: block, slot: slot))
        }
        var result = MachineState(
            a: merge(a, other.a, slot: 16), x: merge(x, other.x, slot: 17),
            cells: cells.joined(with: other.cells), facts: facts.joined(with: other.facts))
        result.provenLength = min(provenLength, other.provenLength)
        result.succeededLoads = succeededLoads.filter { other.succeededLoads.contains($0) }
        return result
    }
}

/// The effect of one statement on a ``MachineState``.
struct StatementEffect {
    /// The statement as it may be rewritten with what the state knows (same length, never
    /// one that can fail where the original could not).
    var rewritten: Instruction
    /// The statement leaves every register and cell as it was: it can be dropped.
    var isRedundant: Bool
    /// The statement may end the program (a load past the captured bytes, a division by zero).
    var canFail: Bool
}

extension MachineState {
    /// Runs a block's `statements` symbolically, for the state they leave.
    mutating func execute(_ statements: [Instruction], _ table: inout ValueTable) {
        for statement in statements { _ = execute(statement, &table) }
    }

    /// Runs `statement` symbolically, updating the state, and says what it did.
    mutating func execute(_ statement: Instruction, _ table: inout ValueTable) -> StatementEffect {
        var effect = StatementEffect(rewritten: statement, isRedundant: false, canFail: false)
        switch statement {
        case let .loadAbsolute(size, offset):
            // Offsets from 2^31 up are the kernel's ancillary and header-relative loads: they
            // neither prove nor are proven by the captured length.
            let end = offset < Self.specialOffsets ? offset + size.byteCount : nil
            effect.canFail = end.map { $0 > provenLength } ?? true
            effect.isRedundant = assignA(table.intern(.packet(size, offset: offset)))
            if let end { provenLength = max(provenLength, end) }
        case let .loadIndirect(size, offset):
            if let base = table.constant(x), base &+ offset >= base,
               base &+ offset < AncillaryField.linkHeaderBaseOffset {
                // [x + k] with X known is [c + k]: the same bounds check, one register fewer.
                // Below the kernel's header-relative and ancillary offsets an absolute load
                // reads what the indexed one reads; from 2^31 up both fail.
                effect = execute(.loadAbsolute(size, offset: base &+ offset), &table)
                effect.rewritten = effect.isRedundant ? statement : .loadAbsolute(size, offset: base &+ offset)
                return effect
            }
            let value = table.intern(.packetIndexed(size, offset: offset, index: x))
            effect.canFail = !succeededLoads.contains(value)
            effect.isRedundant = assignA(value)
            if effect.canFail { succeededLoads.append(value); succeededLoads.sort() }
        case .loadConstant(let k):
            effect.isRedundant = assignA(table.intern(.constant(k)))
        case .loadLength:
            effect.isRedundant = assignA(table.intern(.wireLength))
        case .loadScratch(let cell):
            let value = cellValue(cell, slot: 0, &table)
            if let k = table.constant(value) { effect.rewritten = .loadConstant(k) } else if value == x { effect.rewritten = .txa }
            effect.isRedundant = assignA(value)
        case .loadXConstant(let k):
            effect.isRedundant = assignX(table.intern(.constant(k)))
        case .loadXLength:
            effect.isRedundant = assignX(table.intern(.wireLength))
        case .loadXScratch(let cell):
            let value = cellValue(cell, slot: 1, &table)
            if let k = table.constant(value) { effect.rewritten = .loadXConstant(k) } else if value == a { effect.rewritten = .tax }
            effect.isRedundant = assignX(value)
        case .loadXIPHeaderLength(let offset):
            let end = offset < Self.specialOffsets ? offset + 1 : nil
            effect.canFail = end.map { $0 > provenLength } ?? true
            effect.isRedundant = assignX(table.intern(.ipHeaderLength(offset: offset)))
            if let end { provenLength = max(provenLength, end) }
        case .store(let cell):
            effect.isRedundant = assignCell(cell, a)
        case .storeX(let cell):
            effect.isRedundant = assignCell(cell, x)
        case let .alu(operation, operand):
            let right: ValueID
            switch operand {
            case .constant(let k): right = table.intern(.constant(k))
            case .x: right = x
            }
            let k = table.constant(right)
            effect.canFail = (operation == .div || operation == .mod) && (k ?? 0) == 0
            if case .x = operand, let k, !effect.canFail, Self.constantOperandAllowed(operation, k) {
                effect.rewritten = .alu(operation, .constant(k))
            }
            let result = table.intern(.alu(operation, a, right))
            if let folded = table.constant(result), !effect.canFail { effect.rewritten = .loadConstant(folded) }
            effect.isRedundant = !effect.canFail && assignA(result)
            if effect.canFail { a = result }
        case .negate:
            let result = table.intern(.negate(a))
            if let folded = table.constant(result) { effect.rewritten = .loadConstant(folded) }
            effect.isRedundant = assignA(result)
        case .tax:
            if let k = table.constant(a) { effect.rewritten = .loadXConstant(k) }
            effect.isRedundant = assignX(a)
        case .txa:
            if let k = table.constant(x) { effect.rewritten = .loadConstant(k) }
            effect.isRedundant = assignA(x)
        case .jumpAlways, .jump, .returnConstant, .returnAccumulator, .unknown:
            // Not a statement; forget everything rather than guess.
            effect.canFail = true
            a = table.intern(.unknown(block: -1 - table.values.count, slot: 16))
            x = table.intern(.unknown(block: -1 - table.values.count, slot: 17))
            cells = CellValues()
        }
        return effect
    }

    /// Where the Linux kernel's special load offsets (`SKF_LL_OFF`, `SKF_NET_OFF`, `SKF_AD_OFF`) begin.
    static let specialOffsets: UInt32 = 0x8000_0000

    /// The kernel refuses constant shifts of 32 or more and constant division by zero.
    static func constantOperandAllowed(_ operation: ALUOperation, _ k: UInt32) -> Bool {
        switch operation {
        case .leftShift, .rightShift: k < 32
        case .div, .mod: k != 0
        default: true
        }
    }

    private mutating func assignA(_ value: ValueID) -> Bool {
        defer { a = value }
        return a == value
    }

    private mutating func assignX(_ value: ValueID) -> Bool {
        defer { x = value }
        return x == value
    }

    private mutating func assignCell(_ cell: UInt32, _ value: ValueID) -> Bool {
        guard cell < CellValues.count else { return false }
        defer { cells[cell] = value }
        return cells[cell] == value
    }

    /// The value in `cell`; a cell nothing is known about gets a fresh unknown, remembered so
    /// that reading it again gives the same value.
    private mutating func cellValue(_ cell: UInt32, slot: Int, _ table: inout ValueTable) -> ValueID {
        if let value = cells[cell] { return value }
        let fresh = table.intern(.unknown(block: -1 - table.values.count, slot: slot))
        cells[cell] = fresh
        return fresh
    }
}
