/// Names for the Linux ancillary-data offsets (`SKF_AD_OFF + n`), as libpcap's `bpf_image`
/// prints them and as the kernel's `bpf_asm` spells them.
///
/// libpcap 1.10.3 on Linux prints an absolute load whose offset is one of these as `[name]`;
/// every other offset, including `SKF_AD_OFF + n` with no name, prints as a signed number.
enum AncillaryNames {
    /// `SKF_AD_OFF` from `<linux/filter.h>` (-0x1000).
    static let base: UInt32 = 0xffff_f000

    /// One ancillary field: its `SKF_AD_*` number, libpcap's name, and other accepted spellings.
    struct Entry {
        let field: UInt32
        let libpcapName: String
        let aliases: [String]
    }

    /// Every field libpcap 1.10.3 names, in `SKF_AD_*` order. `bpf_asm` spells `vlanp`
    /// `vlan_pr`/`vlan_avail` and `random` `rand`, and has no name for `xor_x`.
    static let entries: [Entry] = [
        Entry(field: 0, libpcapName: "proto", aliases: []),
        Entry(field: 4, libpcapName: "type", aliases: []),
        Entry(field: 8, libpcapName: "ifidx", aliases: []),
        Entry(field: 12, libpcapName: "nla", aliases: []),
        Entry(field: 16, libpcapName: "nlan", aliases: []),
        Entry(field: 20, libpcapName: "mark", aliases: []),
        Entry(field: 24, libpcapName: "queue", aliases: []),
        Entry(field: 28, libpcapName: "hatype", aliases: []),
        Entry(field: 32, libpcapName: "rxhash", aliases: []),
        Entry(field: 36, libpcapName: "cpu", aliases: []),
        Entry(field: 40, libpcapName: "xor_x", aliases: []),
        Entry(field: 44, libpcapName: "vlan_tci", aliases: []),
        Entry(field: 48, libpcapName: "vlanp", aliases: ["vlan_pr", "vlan_avail"]),
        Entry(field: 52, libpcapName: "poff", aliases: []),
        Entry(field: 56, libpcapName: "random", aliases: ["rand"]),
        Entry(field: 60, libpcapName: "vlan_tpid", aliases: []),
    ]

    /// libpcap's name for an absolute-load offset, or `nil` when it prints the number.
    static func name(forOffset k: UInt32) -> String? {
        guard k >= base else { return nil }
        let field = k &- base
        return entries.first { $0.field == field }?.libpcapName
    }

    /// The absolute-load offset a name stands for (case-insensitive), or `nil`.
    static func offset(forName name: String) -> UInt32? {
        let lowered = name.lowercased()
        guard let entry = entries.first(where: { $0.libpcapName == lowered || $0.aliases.contains(lowered) })
        else { return nil }
        return base &+ entry.field
    }
}
