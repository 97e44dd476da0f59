extension Program {
    /// Checks the program against one checker's rules; throws the first rule it breaks,
    /// in the order that checker tests them.
    public func validate(_ profile: ValidationProfile) throws(ValidationError) {
        switch profile {
        case .linuxKernel: try KernelChecker.check(rawInstructions)
        case .libpcap: try LibpcapChecker.check(rawInstructions)
        }
    }
}
