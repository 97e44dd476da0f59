import PcapFilter

/// Arbitrary bytes as filter text: parsing never traps, and whatever parses prints to text
/// that parses to the same tree (source ranges aside).
public let filterParserFuzzTarget = FuzzTarget(name: "FilterParser") { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    guard let syntax = try? FilterParser.parse(text) else { return }
    let printed = CanonicalPrinter.print(syntax)
    let reparsed: FilterSyntax
    do {
        reparsed = try FilterParser.parse(printed)
    } catch FilterError.nestingTooDeep {
        // The printer may add parentheses, and with them nesting, to text at the limit.
        return
    } catch {
        fatalError("canonical text does not parse (\(error)): \(printed)")
    }
    guard reparsed.withoutRanges == syntax.withoutRanges else {
        fatalError("canonical text parses differently: \(printed)")
    }
}
