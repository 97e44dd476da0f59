/// Why text could not be assembled into a program, and on which line.
public struct AssemblyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line of the text where the problem was found.
    public var line: Int
    /// What is wrong.
    public var problem: Problem

    /// Creates an error for a line.
    public init(line: Int, _ problem: Problem) {
        self.line = line
        self.problem = problem
    }

    /// The things that can be wrong with assembler text.
    public enum Problem: Hashable, Sendable {
        /// A character that starts no token.
        case unexpectedCharacter(Character)
        /// A `/*` comment with no `*/`.
        case unterminatedComment
        /// A token that looks like a number but is not one (`0x`, `12ab`, `09`).
        case malformedNumber(String)
        /// A number too large (or too negative) for the field it fills.
        case numberOutOfRange(String, field: String)
        /// A mnemonic this assembler does not know.
        case unknownInstruction(String)
        /// The operand of an instruction is missing or not one of its forms.
        case badOperand(instruction: String, expected: String, found: String)
        /// Text left over after a complete instruction.
        case unexpectedText(String)
        /// `ldxb` written with a multiplier or mask other than `4*(…&0xf)`.
        case unsupportedHeaderLengthForm
        /// A jump names a label no instruction carries.
        case undefinedLabel(String)
        /// A label defined twice.
        case duplicateLabel(String, firstLine: Int)
        /// A label with no instruction after it.
        case labelWithoutInstruction(String)
        /// A conditional jump whose target is behind it or more than 255 instructions ahead.
        case jumpOutOfRange(from: Int, to: Int)
        /// A `-d` listing line whose `(NNN)` number is not its position in the program.
        case instructionNumberMismatch(expected: Int, found: String)
        /// A `-ddd` count line that disagrees with the number of instruction lines.
        case countMismatch(declared: Int, found: Int)
        /// A `-ddd` or `-dd` line that is not four numbers.
        case malformedNumericLine(expected: String)
    }

    /// The message shown to the user, e.g. `line 3: unknown instruction 'foo'`.
    public var description: String {
        "line \(line): " + problem.description
    }
}

extension AssemblyError.Problem: CustomStringConvertible {
    /// The message without its line number.
    public var description: String {
        switch self {
        case .unexpectedCharacter(let character):
            "unexpected character '\(character)'"
        case .unterminatedComment:
            "unterminated /* comment"
        case .malformedNumber(let text):
            "malformed number '\(text)'"
        case let .numberOutOfRange(text, field):
            "\(text) does not fit in \(field)"
        case .unknownInstruction(let name):
            "unknown instruction '\(name)'"
        case let .badOperand(instruction, expected, found):
            "'\(instruction)' expects \(expected), found \(found)"
        case .unexpectedText(let text):
            "unexpected \(text) after the instruction"
        case .unsupportedHeaderLengthForm:
            "ldxb supports only 4*([k]&0xf)"
        case .undefinedLabel(let name):
            "undefined label '\(name)'"
        case let .duplicateLabel(name, firstLine):
            "label '\(name)' already defined on line \(firstLine)"
        case .labelWithoutInstruction(let name):
            "label '\(name)' is not followed by an instruction"
        case let .jumpOutOfRange(from, to):
            "jump from \(from) to \(to) out of range"
        case let .instructionNumberMismatch(expected, found):
            "instruction number (\(found)) should be (\(CFormat.decimal3(Int32(truncatingIfNeeded: expected))))"
        case let .countMismatch(declared, found):
            "count line says \(declared) instructions, found \(found)"
        case .malformedNumericLine(let expected):
            "expected \(expected)"
        }
    }
}
