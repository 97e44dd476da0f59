import Foundation

/// The optimizer report: program lengths over the text table and compile + optimize time,
/// ours against `pcap_compile(…, optimize=1)` side by side in one run.
///
/// Usage (release build: `swift run -c release CompilerBenchmark …`):
/// - `report [--max-terms N] [--libpcap-max N] [--families a,b] [--worst N]`: both tables;
/// - `lengths [--worst N]`: the length table only;
/// - `timing [--max-terms N] [--libpcap-max N] [--families a,b]`: the timing table only;
/// - `passes FAMILY TERMS`: each optimizer pass's time per round on one expression.
/// libpcap's optimizer grows about as n³ (about 49 s at 1,000 hosts), so its side runs only
/// up to `--libpcap-max` terms (default 500).
@main
struct CompilerBenchmark {
    static func option(_ name: String, in arguments: [String]) -> String? {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
        return arguments[index + 1]
    }

    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let mode = arguments.first ?? "report"
        if mode == "measure" {
            // Child: `measure side family terms`, one line on stdout.
            guard arguments.count == 4, let side = Measurement.Side(rawValue: arguments[1]),
                  let family = Family.named(arguments[2]), let terms = Int(arguments[3]) else { exit(2) }
            print(Measurement.run(side, family.text(terms)).line)
            return
        }
        if mode == "passes" {
            guard arguments.count == 3, let family = Family.named(arguments[1]), let terms = Int(arguments[2]) else { exit(2) }
            PassProfile.printProfile(family: family, terms: terms)
            return
        }
        let maxTerms = option("--max-terms", in: arguments).flatMap { Int($0) } ?? 2000
        let libpcapMax = option("--libpcap-max", in: arguments).flatMap { Int($0) } ?? 500
        let worst = option("--worst", in: arguments).flatMap { Int($0) } ?? 15
        let names = option("--families", in: arguments).map { $0.split(separator: ",").map(String.init) }
        let families = names.map { $0.compactMap(Family.named) } ?? Family.all
        let sizes = [10, 50, 100, 200, 500, 1000, 2000, 5000, 10000].filter { $0 <= maxTerms }
        switch mode {
        case "lengths": LengthTable.printTable(worstRows: worst)
        case "timing": TimingTable.printTable(sizes: sizes, families: families, libpcapMax: libpcapMax)
        case "report":
            LengthTable.printTable(worstRows: worst)
            print()
            TimingTable.printTable(sizes: sizes, families: families, libpcapMax: libpcapMax)
        default:
            print("usage: CompilerBenchmark [report|lengths|timing] [--max-terms N] [--libpcap-max N] [--families a,b] [--worst N]")
            exit(2)
        }
    }
}
