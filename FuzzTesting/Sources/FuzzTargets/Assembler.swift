import BPF

/// Arbitrary bytes as assembler text. Whatever assembles must survive every dump format:
/// `-ddd` and `-dd` give back the identical program, and a `-d` listing assembles to a program
/// whose listing is the same text (the listing omits unused fields, so it is compared as text).
public let assemblerFuzzTarget = FuzzTarget(name: "Assembler") { bytes in
    let text = String(decoding: bytes, as: UTF8.self)
    guard let program = try? Program(assembling: text) else { return }
    for format in [DumpFormat.decimal, .cArray] {
        let dumped = program.dump(format)
        let again = try? Program(assembling: dumped)
        precondition(again == program, "\(format) dump did not assemble back:\n\(dumped)")
    }
    let listing = program.dump(.listing)
    let fromListing = try? Program(assembling: listing)
    precondition(fromListing?.dump(.listing) == listing, "listing did not assemble back:\n\(listing)")
    if let fromListing {
        for (original, back) in zip(program.instructions, fromListing.instructions) {
            if case .unknown = original { continue }
            precondition(original == back, "listing changed \(original) into \(back)")
        }
    }
}
