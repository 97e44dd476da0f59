import TestSupport

/// Grammar-driven random filter expressions as token lists, valid or close to valid.
/// Only names that need no DNS appear where libpcap would resolve them.
struct ExpressionGenerator {
    var random: SeededGenerator

    static let numbers = ["0", "1", "2", "7", "13", "80", "443", "4095", "4096", "65535", "65536", "70000",
                          "1048576", "0x10", "010", "0xffffffff", "4294967295", "31", "32"]
    static let ipv4 = ["1.2.3.4", "10.1", "10.1.2", "192.168.0.1", "10.0.0.0", "1.2.3.256", "255.255.255.255"]
    static let ipv6 = ["::1", "fe80::1", "::ffff:1.2.3.4", "2001:db8::", "::", "1:2:3:4:5:6:7:8"]
    static let macs = ["1:2:3:4:5:6", "01-02-03-04-05-06", "0102.0304.0506", "aabbccddeeff", "a.b.c.d.e.f"]
    static let names = ["localhost", "http", "domain", "\\tcp", "\\udp", "\\arp", "\\ip", "80-90", "http-https"]
    static let protocols = ["ip", "ip6", "arp", "rarp", "ether", "tcp", "udp", "sctp", "icmp", "icmp6", "igmp",
                            "link", "pim", "vrrp", "ah", "esp", "stp", "ipx", "decnet", "iso", "atalk"]
    static let directions = ["src", "dst", "src or dst", "dst or src", "src and dst", "dst and src"]
    static let kinds = ["host", "net", "port", "portrange", "proto", "protochain", "gateway"]
    static let arithmeticOperators = ["+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>"]
    static let relations = [">", ">=", "=", "==", "<", "<=", "!="]
    static let connectives = ["and", "or", "&&", "||"]
    static let noise = ["(", ")", "not", "!", "and", "or", "[", "]", ":", "099", "0x123456789", "1:2:3",
                        "::1.2.3.256", "@", "$1", "mask", "/", "8", "24", "-", "len", "host", "port", "vlan",
                        "1.2.3.4", "80", "tcp", "=", "\\", "HOST", "type", "subtype", "llc"]

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    mutating func pick(_ choices: [String]) -> String { choices.randomElement(using: &random) ?? "" }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    /// An expression of up to `depth` levels.
    mutating func expression(depth: Int = 3) -> [String] {
        var tokens = term(depth: depth)
        let more = Int.random(in: 0...2, using: &random)
        for _ in 0..<more {
            tokens.append(pick(Self.connectives))
            if chance(35) {
                tokens += bareValue()
            } else {
                tokens += term(depth: depth - 1)
            }
        }
        return tokens
    }

    mutating func term(depth: Int) -> [String] {
        switch Int.random(in: 0..<10, using: &random) {
        case 0 where depth > 0: return ["not"] + term(depth: depth - 1)
        case 1 where depth > 0: return ["("] + expression(depth: depth - 1) + [")"]
        case 2: return [pick(Self.protocols)]
        case 3: return arithmetic(depth: 2) + [pick(Self.relations)] + arithmetic(depth: 2)
        case 4: return other()
        default: return head() + valueGroup(depth: depth)
        }
    }

    mutating func head() -> [String] {
        var parts: [String] = []
        if chance(50) { parts.append(pick(Self.protocols)) }
        let kind = pick(Self.kinds)
        if chance(30) && !["proto", "protochain", "gateway"].contains(kind) {
            parts += pick(Self.directions).split(separator: " ").map(String.init)
        }
        if parts.isEmpty || chance(80) { parts.append(kind) }
        if parts.isEmpty { parts = ["host"] }
        return parts
    }

    mutating func valueGroup(depth: Int) -> [String] {
        if depth > 0 && chance(15) {
            var tokens = ["("] + bareValue()
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                tokens.append(pick(Self.connectives))
                if chance(20) { tokens.append("not") }
                tokens += bareValue()
            }
            return tokens + [")"]
        }
        return bareValue()
    }

    mutating func bareValue() -> [String] {
        switch Int.random(in: 0..<9, using: &random) {
        case 0, 1: return [pick(Self.numbers)]
        case 2: return [pick(Self.ipv4)]
        case 3: return [pick(Self.ipv4), "/", pick(["8", "16", "24", "32", "33", "0"])]
        case 4: return [pick(Self.ipv4), "mask", pick(["255.0.0.0", "255.255.0.0", "255.255"])]
        case 5: return [pick(Self.ipv6)] + (chance(40) ? ["/", pick(["64", "128", "129", "16"])] : [])
        case 6: return [pick(Self.macs)]
        case 7: return ["(", pick(Self.numbers), ")"]
        default: return [pick(Self.names)]
        }
    }

    mutating func arithmetic(depth: Int) -> [String] {
        switch Int.random(in: 0..<7, using: &random) {
        case 0 where depth > 0: return arithmetic(depth: depth - 1) + [pick(Self.arithmeticOperators)] + arithmetic(depth: depth - 1)
        case 1 where depth > 0: return ["("] + arithmetic(depth: depth - 1) + [")"]
        case 2 where depth > 0: return ["-"] + arithmetic(depth: depth - 1)
        case 3 where depth > 0:
            let size = chance(50) ? [":", pick(["1", "2", "4", "3"])] : []
            return [pick(["ether", "ip", "tcp", "udp", "ip6", "icmp", "arp", "radio"]), "["] + arithmetic(depth: depth - 1) + size + ["]"]
        case 4: return [pick(["len", "length"])]
        default: return [pick(Self.numbers)]
        }
    }

    mutating func other() -> [String] {
        switch Int.random(in: 0..<15, using: &random) {
        case 0: return ["vlan"] + (chance(50) ? [pick(Self.numbers)] : [])
        case 1: return ["mpls"] + (chance(50) ? [pick(Self.numbers)] : [])
        case 2: return ["pppoes"] + (chance(50) ? [pick(Self.numbers)] : [])
        case 3: return ["pppoed"]
        case 4: return [pick(["less", "greater"]), pick(Self.numbers)]
        case 5: return [pick(["ether", "ip", "ip6"]), pick(["broadcast", "multicast"])]
        case 6: return ["llc"] + (chance(60) ? [pick(["i", "s", "u", "rr", "ui", "RNR", "foo", "rnr"])] : [])
        case 7: return ["geneve"] + (chance(50) ? [pick(Self.numbers)] : [])
        case 8: return ["byte", pick(Self.numbers), pick(["&", "|", "<", ">", "="]), pick(Self.numbers)]
        case 9: return ["ifindex", pick(Self.numbers)]
        case 10: return ["vlan", "(", pick(Self.numbers), ")"]
        case 11:
            let type = pick(["mgt", "ctl", "data", "8", "management", "3"])
            let subtype = chance(50) ? ["subtype", pick(["beacon", "qos-data", "ack", "data", "0x80", "null", "cts"])] : []
            return (chance(50) ? ["wlan"] : []) + ["type", type] + subtype
        case 12: return ["dir", pick(["nods", "tods", "fromds", "dstods", "3", "4"])]
        case 13: return [pick(["wlan", "ether"]), pick(["addr1", "addr2", "addr3", "addr4", "ra", "ta", "src", "dst"]),
                         pick(Self.macs)]
        default: return ["ether", "multicast"]
        }
    }

    /// One random edit: drop, duplicate, swap, insert or replace a token.
    mutating func mutate(_ tokens: [String]) -> [String] {
        guard !tokens.isEmpty else { return [pick(Self.noise)] }
        var result = tokens
        let index = Int.random(in: 0..<result.count, using: &random)
        switch Int.random(in: 0..<5, using: &random) {
        case 0: result.remove(at: index)
        case 1: result.insert(result[index], at: index)
        case 2 where result.count > 1:
            let other = min(index + 1, result.count - 1)
            result.swapAt(index, other == index ? index - 1 : other)
        case 3: result.insert(pick(Self.noise), at: index)
        default: result[index] = pick(Self.noise)
        }
        return result
    }
}
