import CLibpcap
import Foundation

/// libpcap 1.10.3 as the reference: compiles an expression for a dead Ethernet handle
/// (snaplen 262144, unoptimized) and returns its error message, or nil if it compiled.
enum Libpcap {
    private static let lock = NSLock()

    static func error(compiling text: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        guard let handle = pcap_open_dead(DLT_EN10MB, 262_144) else { return "pcap_open_dead failed" }
        defer { pcap_close(handle) }
        var program = bpf_program()
        if pcap_compile(handle, &program, text, 0, PCAP_NETMASK_UNKNOWN) != 0 {
            return String(cString: pcap_geterr(handle))
        }
        pcap_freecode(&program)
        return nil
    }

    static let parseErrorMessage = "can't parse filter expression: syntax error"
}

/// Our parser's verdict in the same terms: nil when it parsed, else the message.
func ourError(parsing text: String) -> String? {
    do {
        _ = try FilterParserShim.parse(text)
        return nil
    } catch {
        return error.description
    }
}
