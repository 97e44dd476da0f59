import Foundation

/// Compile + optimize time, length and peak memory, ours against `pcap_compile(…, optimize=1)`,
/// each measured in its own child process, and the growth exponent of each side's time.
enum TimingTable {
    static func milliseconds(_ seconds: Double) -> String {
        seconds >= 1 ? String(format: "%.0f", seconds * 1000) : String(format: "%.2f", seconds * 1000)
    }

    static func megabytes(_ kilobytes: Int) -> String { String(format: "%.1f", Double(kilobytes) / 1024) }

    /// The least-squares slope of log(time) over log(terms), from 100 terms up (below, fixed
    /// costs dominate): 1 is linear, 3 cubic.
    static func exponent(_ points: [(terms: Int, seconds: Double)]) -> String {
        let used = points.filter { $0.terms >= 100 && $0.seconds > 0 }
        guard used.count >= 2 else { return "-" }
        let xs = used.map { log(Double($0.terms)) }, ys = used.map { log($0.seconds) }
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        var num = 0.0, den = 0.0
        for (x, y) in zip(xs, ys) { num += (x - mx) * (y - my); den += (x - mx) * (x - mx) }
        return String(format: "%.2f", num / den)
    }

    static func printTable(sizes: [Int], families: [Family], libpcapMax: Int) {
        let baseline = Measurement.inChild(.ours, family: "hosts", terms: 0).map { megabytes($0.peakKilobytes) } ?? "?"
        print("Compile + optimize on Ethernet, fastest of repeated runs (libpcap: one run, up to \(libpcapMax) terms);")
        print("peak = max RSS of the child process that compiled (a child compiling the empty filter peaks at \(baseline) MB)")
        print("| family | terms | ours ms | ours len | attachable | ours peak MB | libpcap ms | libpcap len | libpcap peak MB | speedup |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        var growth: [String] = []
        for family in families {
            var oursPoints: [(Int, Double)] = [], theirPoints: [(Int, Double)] = []
            for n in sizes {
                guard let mine = Measurement.inChild(.ours, family: family.name, terms: n) else {
                    print("| \(family.name) | \(n) | failed | | | | | | | |")
                    continue
                }
                oursPoints.append((n, mine.seconds))
                var theirs = "-", theirLength = "-", theirPeak = "-", speedup = "-"
                if n <= libpcapMax, let reference = Measurement.inChild(.libpcap, family: family.name, terms: n) {
                    theirPoints.append((n, reference.seconds))
                    theirs = milliseconds(reference.seconds)
                    theirLength = "\(reference.length)"
                    theirPeak = megabytes(reference.peakKilobytes)
                    speedup = String(format: "%.0f×", reference.seconds / max(mine.seconds, 1e-9))
                }
                print("| \(family.name) | \(n) | \(milliseconds(mine.seconds)) | \(mine.length) | \(mine.attachable ? "yes" : "no") | \(megabytes(mine.peakKilobytes)) | \(theirs) | \(theirLength) | \(theirPeak) | \(speedup) |")
                fflush(nil)
            }
            growth.append("\(family.name): ours n^\(exponent(oursPoints)), libpcap n^\(exponent(theirPoints))")
        }
        print("\nGrowth exponent of time (least squares, 100 terms and up): " + growth.joined(separator: "; "))
    }
}
