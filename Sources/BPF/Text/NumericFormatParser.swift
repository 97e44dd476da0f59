/// Reads the numeric dump formats, which keep all four `sock_filter` fields as written.
enum NumericFormatParser {
    /// `tcpdump -ddd`: a count line, then one `code jt jf k` line per instruction, in decimal.
    /// Records may also be separated by commas (`bpf_asm`'s and `tc`'s `4,40 0 0 12,…`).
    static func parseDecimal(_ lines: [AssemblyLine]) throws(AssemblyError) -> [RawInstruction] {
        var records: [(line: Int, numbers: [SignedNumber])] = []
        for line in lines {
            var cursor = AssemblyCursor(line)
            var numbers: [SignedNumber] = []
            while !cursor.isAtEnd {
                if cursor.take(",") {
                    records.append((line.number, numbers))
                    numbers = []
                    continue
                }
                guard case .number(_, radix: 10) = cursor.peek?.kind, let number = try cursor.takeSignedNumber() else {
                    throw AssemblyError(line: line.number, .malformedNumericLine(
                        expected: "decimal numbers, found \(AssemblyToken.describe(cursor.peek))"))
                }
                numbers.append(number)
            }
            records.append((line.number, numbers))
        }
        // A trailing comma (as bpf_asm prints) leaves an empty record.
        records.removeAll { $0.numbers.isEmpty }
        guard let countRecord = records.first else { return [] }
        guard countRecord.numbers.count == 1, let declared = countRecord.numbers.first else {
            throw AssemblyError(line: countRecord.line, .malformedNumericLine(expected: "the instruction count alone"))
        }
        var instructions: [RawInstruction] = []
        for record in records.dropFirst() {
            guard record.numbers.count == 4 else {
                throw AssemblyError(line: record.line, .malformedNumericLine(expected: "four numbers 'code jt jf k'"))
            }
            instructions.append(try instruction(record.numbers, line: record.line))
        }
        guard declared.magnitude == UInt64(instructions.count) else {
            let line = records.last?.line ?? countRecord.line
            let count = Int(exactly: declared.magnitude) ?? Int.max
            throw AssemblyError(line: line, .countMismatch(declared: count, found: instructions.count))
        }
        return instructions
    }

    /// `tcpdump -dd`: `{ code, jt, jf, k },` initializers with C integer literals.
    static func parseCArray(_ lines: [AssemblyLine]) throws(AssemblyError) -> [RawInstruction] {
        let expected = "{ code, jt, jf, k },"
        var instructions: [RawInstruction] = []
        for line in lines {
            var cursor = AssemblyCursor(line)
            while !cursor.isAtEnd {
                var numbers: [SignedNumber] = []
                guard cursor.take("{") else {
                    throw AssemblyError(line: line.number, .malformedNumericLine(expected: expected))
                }
                for index in 0..<4 {
                    if index > 0, !cursor.take(",") {
                        throw AssemblyError(line: line.number, .malformedNumericLine(expected: expected))
                    }
                    guard case .number = cursor.peek?.kind, let number = try cursor.takeSignedNumber() else {
                        throw AssemblyError(line: line.number, .malformedNumericLine(expected: expected))
                    }
                    numbers.append(number)
                }
                guard cursor.take("}") else {
                    throw AssemblyError(line: line.number, .malformedNumericLine(expected: expected))
                }
                _ = cursor.take(",")
                instructions.append(try instruction(numbers, line: line.number))
            }
        }
        return instructions
    }

    /// Fits four numbers to `sock_filter`'s field widths.
    private static func instruction(_ numbers: [SignedNumber], line: Int) throws(AssemblyError) -> RawInstruction {
        guard numbers.count == 4 else { throw AssemblyError(line: line, .malformedNumericLine(expected: "four numbers")) }
        let code = try numbers[0].unsigned(bits: 16, field: "code (16 bits)", line: line)
        let jt = try numbers[1].unsigned(bits: 8, field: "jt (8 bits)", line: line)
        let jf = try numbers[2].unsigned(bits: 8, field: "jf (8 bits)", line: line)
        let k = try numbers[3].unsigned(bits: 32, field: "k (32 bits)", line: line)
        return RawInstruction(code: UInt16(code), jt: UInt8(jt), jf: UInt8(jf), k: UInt32(k))
    }
}
