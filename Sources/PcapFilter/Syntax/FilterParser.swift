/// The filter-expression front end: text to syntax tree, with libpcap 1.10.3's errors.
public enum FilterParser {
    /// Parses a filter expression; blank text is the empty filter, which accepts everything.
    ///
    /// Names are not resolved here; every check libpcap makes before it looks at the link
    /// type or resolves a name is.
    public static func parse(_ text: String) throws(FilterError) -> FilterSyntax {
        var parser = Parser(text)
        return try parser.parseProgram()
    }
}
