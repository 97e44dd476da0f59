/// Reads the mnemonic formats: `tcpdump -d` listings and the kernel's `bpf_asm` syntax, which
/// one grammar covers (a listing line is an instruction with a `(NNN)` prefix and absolute
/// targets; a `bpf_asm` line is an instruction with optional labels and label targets).
///
/// Unlike `bpf_asm`, which reads a stream of tokens, each line holds at most one instruction,
/// so that errors point at a line; a label may still stand on a line of its own.
enum MnemonicParser {
    static func parse(_ lines: [AssemblyLine]) throws(AssemblyError) -> [RawInstruction] {
        var statements: [AssemblyStatement] = []
        var labels: [String: LabelDefinition] = [:]
        var pendingLabels: [(name: String, line: Int)] = []

        for line in lines {
            var cursor = AssemblyCursor(line)
            try checkListingNumber(&cursor, expected: statements.count)
            while case .identifier(let name) = cursor.peek?.kind, cursor.peek(ahead: 1)?.kind == .punctuation(":") {
                _ = cursor.next()
                _ = cursor.next()
                if let firstLine = labels[name]?.line ?? pendingLabels.first(where: { $0.name == name })?.line {
                    throw AssemblyError(line: line.number, .duplicateLabel(name, firstLine: firstLine))
                }
                pendingLabels.append((name, line.number))
            }
            guard !cursor.isAtEnd else { continue }
            let statement = try InstructionParser.parse(&cursor)
            try cursor.expectEnd()
            for label in pendingLabels {
                labels[label.name] = LabelDefinition(index: statements.count, line: label.line)
            }
            pendingLabels.removeAll()
            statements.append(statement)
        }
        if let dangling = pendingLabels.first {
            throw AssemblyError(line: dangling.line, .labelWithoutInstruction(dangling.name))
        }
        return try LabelResolution.resolve(statements, labels: labels)
    }

    /// A `-d` line starts with its own index, zero-padded decimal (`(008)`, not octal); it must
    /// be the instruction's position.
    private static func checkListingNumber(_ cursor: inout AssemblyCursor, expected: Int) throws(AssemblyError) {
        guard cursor.take("(") else { return }
        let token = cursor.next()
        guard let token, token.text.first?.isASCIIDigit == true else {
            throw AssemblyError(line: cursor.line, .badOperand(
                instruction: "(", expected: "an instruction number", found: AssemblyToken.describe(token)))
        }
        guard cursor.take(")") else {
            throw cursor.badOperand("(\(token.text)", expected: "')'")
        }
        guard token.text.allSatisfy(\.isASCIIDigit), Int(token.text) == expected else {
            throw AssemblyError(line: cursor.line, .instructionNumberMismatch(expected: expected, found: token.text))
        }
    }
}

extension Character {
    /// Whether this is one of `0`…`9`.
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
