/// Sizes the classic BPF machine fixes, as `<linux/filter.h>` and `<pcap/bpf.h>` define them.
enum KernelLimits {
    /// `BPF_MAXINSNS`: the longest program the kernel accepts.
    static let maximumInstructions = 4096
    /// `BPF_MEMWORDS`: the number of scratch cells `M[0]`…`M[15]`.
    static let scratchCells: UInt32 = 16
}
