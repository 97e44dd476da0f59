/// A fault of libpcap 1.10.3's `gen_byteop`: for `byte N & M` and `byte N | M` it forgets to
/// load the byte and tests whatever the accumulator holds. Differential tests and the length
/// report give libpcap the text that means what the row says.
public enum LibpcapByteOperatorFault {
    /// `text` with each `byte N & M` / `byte N | M` written as `link [ N ] & M != 0`, what ours
    /// compiles them to; only where the relation ends the term as `byte` does, so the two texts
    /// parse alike. `nil` when there is nothing to rewrite.
    public static func equivalentText(_ text: String) -> String? {
        var tokens = text.split(separator: " ").map(String.init)
        let terminators: Set<String> = ["and", "or", "&&", "||", ")"]
        var rewrote = false
        var index = 0
        while index + 3 < tokens.count {
            if tokens[index] == "byte", ["&", "|"].contains(tokens[index + 2]),
               tokens[index + 1].first?.isNumber == true, tokens[index + 3].first?.isNumber == true,
               index + 4 == tokens.count || terminators.contains(tokens[index + 4])
            {
                tokens.replaceSubrange(index..<(index + 4), with: ["link", "[", tokens[index + 1], "]",
                                                                   tokens[index + 2], tokens[index + 3], "!=", "0"])
                rewrote = true
            }
            index += 1
        }
        return rewrote ? tokens.joined(separator: " ") : nil
    }
}
