import Testing
@testable import PcapFilter

/// Parser errors point at the right text: `«…»` in the expression marks the range the error
/// must carry (the markers are removed before parsing).
@Suite struct ErrorLocationTests {
    static let marked: [String] = [
        "host 1.2.3.4 «)»",
        "tcp and «80»",
        "«HOST» 1.2.3.4",
        "len > «099»",
        "host «1:2:»3",
        "ether[0:«3»] = 1",
        "len / «0» = 1",
        "port «70000»",
        "ip proto «tcp»",
        "(ip«»",
        "host «1.2.3.4/33»",
        "llc «foo»",
    ]

    @Test(arguments: marked)
    func errorPointsAtMarkedText(_ marked: String) throws {
        let bytes = Array(marked.utf8)
        let open = Array("«".utf8)
        let close = Array("»".utf8)
        guard let start = bytes.firstRange(of: open)?.lowerBound,
            let closeStart = bytes.firstRange(of: close)?.lowerBound
        else {
            Issue.record("no markers in \(marked)")
            return
        }
        let end = closeStart - open.count
        let text = marked.replacingOccurrences(of: "«", with: "").replacingOccurrences(of: "»", with: "")
        do {
            _ = try FilterParser.parse(text)
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.range == SourceRange(start, end), "\(text): \(error) at \(error.range)")
        }
    }
}

/// Deep nesting ends in an error, not a stack overflow; moderate nesting parses as libpcap does.
@Suite struct NestingTests {
    @Test(arguments: [10, 100, 300, 1000, 20000])
    func nestedParentheses(_ depth: Int) {
        let text = String(repeating: "(", count: depth) + "ip" + String(repeating: ")", count: depth)
        let ours = ourError(parsing: text)
        if depth <= 100 {
            #expect(ours == nil)
            #expect(LibpcapOracle.error(compiling: text) == nil)
        } else if depth > FilterParser.maximumDepth {
            #expect(ours == "can't parse filter expression: expression nested too deeply")
        }
        let negations = String(repeating: "not ", count: depth) + "ip"
        if depth > FilterParser.maximumDepth {
            #expect(ourError(parsing: negations) != nil)
        }
        let minuses = String(repeating: "- ", count: depth) + "1 = 1"
        _ = ourError(parsing: minuses)
    }
}
