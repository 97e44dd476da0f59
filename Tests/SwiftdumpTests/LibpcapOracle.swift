import CLibpcap
import Foundation

/// A packet as libpcap's file reader delivers it.
struct OraclePacket: Equatable {
    /// The time stamp in microseconds, or nil where libpcap's reading is not a valid time.
    ///
    /// libpcap 1.10.3 sign-extends a record's time fields in native-order files and passes
    /// sub-second values of a second or more through, where our reader reads them unsigned
    /// and carries the excess into the seconds (PcapFileTests names each case). Such
    /// records have no libpcap time to compare with.
    var microseconds: UInt64?
    var wireLength: UInt32
    var data: [UInt8]

    init(seconds: Int, fraction: Int, wireLength: UInt32, data: [UInt8]) {
        if (0..<1_000_000).contains(fraction), seconds >= 0 {
            // A pcap record holds 32 bits of seconds: what tcpdump -w writes of a later time.
            microseconds = UInt64(UInt32(truncatingIfNeeded: seconds)) * 1_000_000 + UInt64(fraction)
        }
        self.wireLength = wireLength
        self.data = data
    }

    /// Equal bytes and lengths, and equal times wherever libpcap's time is valid.
    func matches(_ expected: OraclePacket) -> Bool {
        data == expected.data && wireLength == expected.wireLength
            && (expected.microseconds == nil || microseconds == expected.microseconds)
    }
}

/// libpcap 1.10.3 used as the oracle: its reader, its compiler and its `bpf_filter`.
enum LibpcapOracle {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads every packet of a file with libpcap; the error text if it fails part-way.
    static func read(_ path: String, filter: String? = nil) throws -> (packets: [OraclePacket], error: String?) {
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let handle = pcap_open_offline(path, &errorBuffer) else {
            throw Failure(description: String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        defer { pcap_close(handle) }
        var program = bpf_program()
        if let filter {
            guard pcap_compile(handle, &program, filter, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
                throw Failure(description: String(cString: pcap_geterr(handle)))
            }
        }
        defer { if filter != nil { pcap_freecode(&program) } }
        var packets: [OraclePacket] = []
        while true {
            var header: UnsafeMutablePointer<pcap_pkthdr>?
            var data: UnsafePointer<UInt8>?
            let status = pcap_next_ex(handle, &header, &data)
            if status == PCAP_ERROR_BREAK { return (packets, nil) }
            if status < 0 { return (packets, String(cString: pcap_geterr(handle))) }
            guard let header, let data else { continue }
            let bytes = Array(UnsafeBufferPointer(start: data, count: Int(header.pointee.caplen)))
            if filter != nil, pcap_offline_filter(&program, header, data) == 0 { continue }
            packets.append(OraclePacket(seconds: header.pointee.ts.tv_sec, fraction: header.pointee.ts.tv_usec,
                                        wireLength: header.pointee.len, data: bytes))
        }
    }

    /// libpcap's program for `expression` on the link type of the file at `path`, as `-ddd`
    /// text; `nil` when libpcap cannot compile it there.
    static func compileForFile(_ path: String, _ expression: String) -> String? {
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let handle = pcap_open_offline(path, &errorBuffer) else { return nil }
        defer { pcap_close(handle) }
        var program = bpf_program()
        guard pcap_compile(handle, &program, expression, 1, PCAP_NETMASK_UNKNOWN) == 0 else { return nil }
        defer { pcap_freecode(&program) }
        var text = "\(program.bf_len)\n"
        for index in 0..<Int(program.bf_len) {
            let instruction = program.bf_insns[index]
            text += "\(instruction.code) \(instruction.jt) \(instruction.jf) \(instruction.k)\n"
        }
        return text
    }
}
