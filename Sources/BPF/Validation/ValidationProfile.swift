/// Which checker's rules a program is validated against.
public enum ValidationProfile: Sendable {
    /// The Linux kernel's classic BPF checker (`bpf_check_classic` and `check_load_and_stores`
    /// in `net/core/filter.c`): what `SO_ATTACH_FILTER` accepts.
    case linuxKernel
    /// libpcap 1.10.3's `bpf_validate`: what `bpf_filter` may be handed.
    case libpcap
}
