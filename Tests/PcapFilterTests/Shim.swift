@testable import PcapFilter

/// One place where tests reach the parser, so helpers need not import it everywhere.
enum FilterParserShim {
    static func parse(_ text: String) throws(FilterError) -> FilterSyntax {
        try FilterParser.parse(text)
    }
}
