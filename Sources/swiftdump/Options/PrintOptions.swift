import ArgumentParser
import PacketPrinter
import PcapFile
#if canImport(Glibc)
import Glibc
#endif

/// How packet lines look (tcpdump's `-n`, `-e`, `-q`, `-t…`, `-x…`, `-X…`, `-A`, `-v`).
struct PrintingOptions: ParsableArguments {
    @Flag(name: .customShort("n"), help: "Don't convert addresses to names (-nn: nor port numbers).")
    var numeric: Int

    @Flag(name: .customShort("e"), help: "Print the link-level header on each line.")
    var linkHeader = false

    @Flag(name: .customShort("q"), help: "Quick output: less protocol information.")
    var quiet = false

    @Flag(name: .customShort("t"), help: "-t: no time stamp; -tt: epoch seconds; -ttt: delta to previous; -tttt: date; -ttttt: delta to first.")
    var timestampFlags: Int

    @Flag(name: .customShort("x"), help: "Print each packet in hex (-xx: with its link header).")
    var hex: Int

    @Flag(name: .customShort("X"), help: "Print each packet in hex and ASCII (-XX: with its link header).")
    var hexAndASCII: Int

    @Flag(name: .customShort("A"), help: "Print each packet in ASCII.")
    var ascii = false

    @Flag(name: .customShort("v"), help: "Verbose output (IP header fields).")
    var verbosity: Int

    /// The printer's options; `precision` comes from the input options.
    func printOptions(precision: TimestampPrecision) -> PrintOptions {
        let dump: PayloadDump
        if hexAndASCII > 0 {
            dump = .hexAndASCII(includingLinkHeader: hexAndASCII > 1 || hex > 1)
        } else if hex > 0 {
            dump = ascii ? .hexAndASCII(includingLinkHeader: hex > 1) : .hex(includingLinkHeader: hex > 1)
        } else if ascii {
            dump = .ascii
        } else {
            dump = .none
        }
        return PrintOptions(numeric: numeric, linkHeader: linkHeader, quiet: quiet,
                            timestamps: TimestampStyle(count: timestampFlags), dump: dump, verbosity: verbosity,
                            precision: precision)
    }

    /// Where names come from: this host's interfaces (tcpdump names SLL2 interfaces even
    /// with `-n`), `/etc/services` and `/etc/protocols` (asked only without `-n`); never DNS.
    func resolver() -> any PrinterNameResolver {
        LocalNames(servicesText: (try? FileContents.read("/etc/services")) ?? "",
                                               protocolsText: (try? FileContents.read("/etc/protocols")) ?? "")
    }
}

/// Port names from the services file and interface names from this host, as tcpdump shows
/// them without `-nn`; hosts are never looked up.
struct LocalNames: PrinterNameResolver {
    let services: ServiceNames

    init(servicesText: String, protocolsText: String) {
        services = ServiceNames(servicesText: servicesText, protocolsText: protocolsText)
    }

    func protocolName(number: UInt8) -> String? { services.protocolName(number: number) }

    func hostName(ipv4: UInt32) -> String? { nil }
    func hostName(ipv6: [UInt8]) -> String? { nil }
    func serviceName(port: UInt16, transport: TransportProtocol) -> String? {
        services.serviceName(port: port, transport: transport)
    }

    func interfaceName(index: UInt32) -> String? {
        var name = [CChar](repeating: 0, count: Int(IF_NAMESIZE) + 1)
        guard if_indextoname(index, &name) != nil else { return nil }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
