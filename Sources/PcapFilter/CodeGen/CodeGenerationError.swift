/// Code generation reports its failures as ``FilterError`` cases, so callers of the compiler
/// see one error type from the lexer to the linearizer; this name remains for the generator's
/// own signatures.
public typealias CodeGenerationError = FilterError
