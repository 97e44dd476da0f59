/// The filter-expression front end: text to syntax tree, with libpcap 1.10.3's errors.
public enum FilterParser {
    /// Parses a filter expression; blank text is the empty filter, which accepts everything.
    ///
    /// Names are not resolved here; every check libpcap makes before it looks at the link
    /// type or resolves a name is.
    public static func parse(_ text: String) throws(FilterError) -> FilterSyntax {
        var parser = Parser(text, reduction: IgnoringPrimitives())
        return try parser.parseProgram()
    }

    /// How deep parentheses, `not`s and unary minuses may nest. Bison's stack holds 10,000
    /// states; this limit keeps our recursion well inside a thread's stack.
    public static let maximumDepth = 400
}

/// What the parser does with each primitive as it completes it, in reading order.
protocol PrimitiveReduction {
    /// Takes a primitive; an error thrown here ends the parse, as libpcap's code generation
    /// ends it from inside a grammar action.
    mutating func reduce(_ primitive: Primitive, range: SourceRange) throws(FilterError)
    /// Takes a packet load (`proto[expr:size]`) as soon as its `]` is read, before the
    /// relation around it is complete: libpcap's gen_load refuses a load it cannot make there.
    mutating func reduceLoad(_ load: Arithmetic) throws(FilterError)
}

/// Parsing alone: primitives are only checked as far as the grammar's own actions check them.
struct IgnoringPrimitives: PrimitiveReduction {
    func reduce(_ primitive: Primitive, range: SourceRange) {}
    func reduceLoad(_ load: Arithmetic) {}
}
