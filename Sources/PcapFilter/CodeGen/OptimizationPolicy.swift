/// How far a generated program may be optimized, given what libpcap does with the same filter.
enum OptimizationPolicy: Sendable {
    /// Optimized; a filter that can accept nothing is an error, as libpcap reports it.
    case full
    /// Optimized, but never reported as accepting nothing: libpcap leaves programs that compute
    /// the 802.11 payload offset unoptimized (its optimizer cannot follow the branches inside
    /// that computation; ours can), so tcpdump compiles them whatever they match.
    case quiet
    /// Left as generated: libpcap's `geneve` code, which ours follows, reads the inner-offset
    /// cells on paths where geneve failed, so no dataflow over the cells is sound.
    case none

    /// Whose verdicts the optimized program gives packets cut short; nil when not optimized.
    /// Where libpcap optimizes, tcpdump's verdicts are its optimizer's; where it does not, they
    /// are its unoptimized program's.
    var cutShortVerdicts: CutShortVerdicts? {
        switch self {
        case .full: .asLibpcapOptimizer
        case .quiet: .asUnoptimized
        case .none: nil
        }
    }

    /// The stricter of two policies.
    func combined(with other: OptimizationPolicy) -> OptimizationPolicy {
        switch (self, other) {
        case (.none, _), (_, .none): .none
        case (.quiet, _), (_, .quiet): .quiet
        default: .full
        }
    }
}
