/// Where a jump goes, before labels are resolved.
enum JumpTarget: Hashable {
    /// A label defined elsewhere in the text (`bpf_asm`).
    case label(String)
    /// An absolute instruction index, as `tcpdump -d` prints targets.
    case index(Int64)
}

/// One parsed instruction whose jump fields may still name labels.
struct AssemblyStatement: Hashable {
    /// The line it was written on.
    var line: Int
    /// The instruction with every field known so far; jump fields are filled by resolution.
    var raw: RawInstruction
    /// The target of `ja`, which becomes `k`.
    var always: JumpTarget?
    /// The target taken when the test holds, which becomes `jt`.
    var ifTrue: JumpTarget?
    /// The target taken when the test fails, which becomes `jf`.
    var ifFalse: JumpTarget?

    init(line: Int, code: UInt16, k: UInt32 = 0) {
        self.line = line
        raw = RawInstruction(code: code, k: k)
    }
}

/// A label and the instruction it marks.
struct LabelDefinition: Hashable {
    var index: Int
    var line: Int
}

/// Turns labels and absolute targets into `bpf_asm`'s encoding: `jt`/`jf` are forward offsets
/// of 0 to 255 (anything else is an error), and `ja`'s `k` is the 32-bit offset, which may wrap
/// backwards exactly as `bpf_asm` computes it.
enum LabelResolution {
    static func resolve(
        _ statements: [AssemblyStatement], labels: [String: LabelDefinition]
    ) throws(AssemblyError) -> [RawInstruction] {
        var result: [RawInstruction] = []
        result.reserveCapacity(statements.count)
        for (pc, statement) in statements.enumerated() {
            var raw = statement.raw
            let from = Int64(pc)
            if let always = statement.always {
                let to = try index(of: always, line: statement.line, labels: labels)
                raw.k = UInt32(truncatingIfNeeded: to &- from &- 1)
            }
            if let ifTrue = statement.ifTrue {
                raw.jt = try offset(from: from, to: index(of: ifTrue, line: statement.line, labels: labels),
                                    line: statement.line)
            }
            if let ifFalse = statement.ifFalse {
                raw.jf = try offset(from: from, to: index(of: ifFalse, line: statement.line, labels: labels),
                                    line: statement.line)
            }
            result.append(raw)
        }
        return result
    }

    private static func index(
        of target: JumpTarget, line: Int, labels: [String: LabelDefinition]
    ) throws(AssemblyError) -> Int64 {
        switch target {
        case .index(let index):
            return index
        case .label(let name):
            guard let definition = labels[name] else { throw AssemblyError(line: line, .undefinedLabel(name)) }
            return Int64(definition.index)
        }
    }

    private static func offset(from: Int64, to: Int64, line: Int) throws(AssemblyError) -> UInt8 {
        let distance = to - from - 1
        guard let offset = UInt8(exactly: distance) else {
            throw AssemblyError(line: line, .jumpOutOfRange(from: Int(from), to: Int(to)))
        }
        return offset
    }
}
