extension PacketPrinter {
    /// HTTP on ports 80/8080: `: HTTP`, then `: ` and the first line when the payload
    /// starts with a request method or a response status.
    mutating func http(_ data: Bytes, length: Int) {
        layers.append(.http)
        out.write(": HTTP")
        guard looksLikeRequestOrResponse(data, length: length) else { return }
        if options.verbosity > 0 {
            out.write(", length: ")
            out.decimal(length)
            var start = 0
            while start < min(data.count, length), let next = textLine(data, from: start, length: length, prefix: "\n\t") {
                start = next
            }
            return
        }
        _ = textLine(data, from: 0, length: length, prefix: ": ")
    }

    /// Prints the text line at `start` after `prefix` once its end is known (binary data
    /// prints nothing); returns where the next line starts, or nil when printing stops.
    private mutating func textLine(_ data: Bytes, from start: Int, length: Int, prefix: StaticString) -> Int? {
        var index = start
        var next: Int?
        while index < length {
            guard let c = data.byte(index) else {
                truncated("http")
                return nil
            }
            if c == 0x0a {
                next = index + 1
                break
            }
            if c == 0x0d {
                guard index + 1 < length else { return nil }
                guard let following = data.byte(index + 1) else {
                    truncated("http")
                    return nil
                }
                guard following == 0x0a else { return nil }
                next = index + 2
                break
            }
            if (c < 0x20 || c > 0x7e) && c != 0x09 { return nil }
            index += 1
        }
        out.write(prefix)
        for i in start..<index { out.write(byte: data.byte(i) ?? 0) }
        if next == nil { truncated("http") }
        return next
    }

    private func looksLikeRequestOrResponse(_ data: Bytes, length: Int) -> Bool {
        guard let (first, next) = token(data, from: 0, length: length) else { return false }
        if Self.httpMethods.contains(first.map { $0 >= 0x61 && $0 <= 0x7a ? $0 - 0x20 : $0 }) { return true }
        guard let (second, _) = token(data, from: next, length: length) else { return false }
        return second.count == 3 && second.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A token (up to 128 printable bytes) and the index after the blanks that follow it.
    private func token(_ data: Bytes, from start: Int, length: Int) -> ([UInt8], Int)? {
        var index = start
        var token: [UInt8] = []
        while index < length {
            guard let c = data.byte(index) else { return nil }
            if c >= 0x80 { return nil }
            if c == 0x20 || c == 0x09 || c == 0x0d || c == 0x0a { break }
            if c < 0x20 || c > 0x7e { return nil }
            if token.count + 2 > 129 { return nil }
            token.append(c)
            index += 1
        }
        if token.isEmpty { return nil }
        while index < length, let c = data.byte(index) {
            if c == 0x0d || c == 0x0a || c < 0x20 || c > 0x7e { break }
            if c != 0x20 && c != 0x09 { break }
            index += 1
        }
        return (token, index)
    }

    static let httpMethods: Set<[UInt8]> = Set([
        "GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE", "MKCOL", "TRACE", "LABEL",
        "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS",
        "CHECKIN", "PROPFIND", "CHECKOUT", "CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH",
        "UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL", "BASELINE-CONTROL",
    ].map { Array($0.utf8) })
}
