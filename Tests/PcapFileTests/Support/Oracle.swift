import CLibpcap
import Glibc
import PcapFile

/// One packet as compared between readers: timestamp normalized to nanoseconds.
struct ComparablePacket: Hashable, CustomStringConvertible {
    var seconds: Int64
    var nanoseconds: Int64
    var captureLength: UInt32
    var originalLength: UInt32
    var data: [UInt8]

    var description: String {
        "\(seconds).\(nanoseconds) caplen \(captureLength) len \(originalLength) \(data.prefix(16).map { String($0, radix: 16) })"
    }

    init(seconds: Int64, nanoseconds: Int64, captureLength: UInt32, originalLength: UInt32, data: [UInt8]) {
        // Fold out-of-range fractions into seconds the way our Timestamp does.
        let total = nanoseconds.quotientAndRemainder(dividingBy: 1_000_000_000)
        let borrow: Int64 = total.remainder < 0 ? 1 : 0
        self.seconds = seconds &+ total.quotient &- borrow
        self.nanoseconds = total.remainder + borrow * 1_000_000_000
        self.captureLength = captureLength
        self.originalLength = originalLength
        self.data = data
    }

    init(_ packet: CapturedPacket) {
        self.init(seconds: packet.timestamp.seconds, nanoseconds: Int64(packet.timestamp.nanoseconds),
                  captureLength: UInt32(packet.data.count), originalLength: packet.originalLength, data: packet.data)
    }
}

/// What a reader made of a file: the packets before any failure, and the failure text
/// (nil for a clean end).
struct ReadOutcome: Equatable, CustomStringConvertible {
    var packets: [ComparablePacket]
    var error: String?
    var linkTypeDLT: Int32?
    var snapshotLength: Int32?

    var description: String {
        "\(packets.count) packets, dlt \(linkTypeDLT.map(String.init) ?? "-"), snap \(snapshotLength.map(String.init) ?? "-"), error: \(error ?? "none")"
    }
}

/// Reads bytes with libpcap 1.10.3 (pcap_fopen_offline + pcap_next_ex) at nanosecond precision.
///
/// With `unsignedTimeFields`, pcap record time fields that libpcap sign-extended are read
/// back as the unsigned numbers they are, to check that that is the only difference.
func libpcapRead(_ bytes: [UInt8], unsignedTimeFields: Bool = false) -> ReadOutcome {
    var copy = bytes
    let file: UnsafeMutablePointer<FILE>? = copy.isEmpty
        ? fopen("/dev/null", "rb")
        : copy.withUnsafeMutableBytes { fmemopen($0.baseAddress, $0.count, "rb") }
    let microseconds = bytes.count >= 4 && [0xa1b2_c3d4, 0xa1b2_cd34].contains(
        bytes[0..<4].withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
    return withExtendedLifetime(copy) {
        libpcapRead(file: file, unsignedTimeFields: unsignedTimeFields ? (microseconds ? 1000 : 1) : nil)
    }
}

/// Reads the file at `path` with libpcap.
func libpcapRead(path: String, unsignedTimeFields: Bool = false) -> ReadOutcome {
    if unsignedTimeFields, let bytes = readFile(path) { return libpcapRead(bytes, unsignedTimeFields: true) }
    return libpcapRead(file: fopen(path, "rb"))
}

private func libpcapRead(file: UnsafeMutablePointer<FILE>?, unsignedTimeFields scale: Int64? = nil) -> ReadOutcome {
    guard let file else { return ReadOutcome(packets: [], error: "cannot open") }
    var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE) + 1)
    guard let handle = pcap_fopen_offline_with_tstamp_precision(file, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errorBuffer)
    else {
        fclose(file)
        return ReadOutcome(packets: [], error: String(decoding: errorBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    defer { pcap_close(handle) }
    var outcome = ReadOutcome(packets: [], error: nil, linkTypeDLT: pcap_datalink(handle),
                              snapshotLength: pcap_snapshot(handle))
    var header: UnsafeMutablePointer<pcap_pkthdr>?
    var data: UnsafePointer<UInt8>?
    while true {
        let status = pcap_next_ex(handle, &header, &data)
        if status == 1, let header, let data {
            let h = header.pointee
            var seconds = Int64(h.ts.tv_sec), fraction = Int64(h.ts.tv_usec)
            if let scale {
                if seconds < 0 { seconds += 1 << 32 }
                if fraction < 0 { fraction = (fraction / scale + (1 << 32)) * scale }
            }
            outcome.packets.append(ComparablePacket(
                seconds: seconds, nanoseconds: fraction, captureLength: h.caplen,
                originalLength: h.len, data: Array(UnsafeBufferPointer(start: data, count: Int(h.caplen)))))
        } else if status == PCAP_ERROR_BREAK {
            return outcome
        } else {
            outcome.error = String(cString: pcap_geterr(handle))
            return outcome
        }
    }
}

/// Reads bytes with our CaptureFileReader.
func ourRead(_ bytes: [UInt8]) -> ReadOutcome {
    ourRead { () throws(CaptureFileError) in try CaptureFileReader(bytes: bytes) }
}

/// Reads the file at `path` with our CaptureFileReader.
func ourRead(path: String) -> ReadOutcome {
    ourRead { () throws(CaptureFileError) in try CaptureFileReader(path: path) }
}

private func ourRead(_ open: () throws(CaptureFileError) -> CaptureFileReader) -> ReadOutcome {
    let reader: CaptureFileReader
    do { reader = try open() } catch { return ReadOutcome(packets: [], error: error.description) }
    var outcome = ReadOutcome(packets: [], error: nil, linkTypeDLT: Int32(bitPattern: reader.linkType.dlt),
                              snapshotLength: Int32(bitPattern: reader.snapshotLength))
    do {
        while let packet = try reader.next() { outcome.packets.append(ComparablePacket(packet)) }
    } catch {
        outcome.error = error.description
    }
    return outcome
}

/// The file header libpcap's pcap_dump_open writes for a DLT_ and snapshot length.
func libpcapDumpHeader(dlt: Int32, snapshotLength: Int32) -> [UInt8]? {
    let path = "/tmp/swiftdump-dump-\(getpid())-\(dlt).pcap"
    defer { unlink(path) }
    guard let handle = pcap_open_dead(dlt, snapshotLength) else { return nil }
    defer { pcap_close(handle) }
    guard let dumper = pcap_dump_open(handle, path) else { return nil }
    pcap_dump_close(dumper)
    return readFile(path)
}
