extension PacketPrinter {
    /// HTTP on ports 80/8080: `: HTTP`, then `: ` and the first line when the payload
    /// starts with a request method or a response status.
    mutating func http(_ data: Bytes, length: Int) {
        layers.append(.http)
        out.write(": HTTP")
        guard looksLikeRequestOrResponse(data, length: length) else { return }
        if options.verbosity > 0 { uncovered() }
        // The line prints only once its end is known: binary data prints nothing.
        var index = 0
        while index < length {
            guard let c = data.byte(index) else {
                truncated("http")
                return
            }
            if c == 0x0a { break }
            if c == 0x0d {
                guard index + 1 < length else { return }
                guard let next = data.byte(index + 1) else {
                    truncated("http")
                    return
                }
                if next == 0x0a { break }
                return
            }
            if (c < 0x20 || c > 0x7e) && c != 0x09 { return }
            index += 1
        }
        out.write(": ")
        for i in 0..<index { out.write(byte: data.byte(i) ?? 0) }
        if index == length { truncated("http") }
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
