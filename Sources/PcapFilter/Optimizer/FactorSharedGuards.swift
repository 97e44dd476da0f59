import BPF

/// Pass on the predicate, before lowering: in an OR chain, test each guard the terms share once,
/// and test each loaded value's remaining constants together.
///
/// `port 1 or port 2 or …` is, term after term, "IPv6 and next header 6 and (source or
/// destination)" then "IPv4 and …": lowered as written, a chain of a thousand ports is twenty
/// thousand blocks that the graph passes would spend most of their time threading back
/// together. Rewritten here it is "IPv6 and next header 6 and (source 1, destination 1,
/// destination 2 …, source 2 …)" with each guard once, a few blocks per value.
///
/// Relies on: every test of a rewritten chain is *self-contained* — it sets A (and X, if it
/// reads X) before reading it and touches no scratch cell — so its outcome, or the packet
/// load that ends the program, depends on the packet alone, and running it again repeats it.
/// Then, with the unoptimized program's verdicts, on every packet, cut short or not:
/// - `(G and b1) or (G and b2) …` ≡ `G and (b1 or b2 …)`: every term runs `G` first, and `G`
///   gives the same answer (or ends the program) each time;
/// - terms whose guards differ are regrouped by guard when the guards are *discriminators*
///   (tests of one loaded value against disjoint constants): the load succeeds or fails the
///   same for all of them, and then at most one guard holds, every other one failing on its
///   first comparison, so only that guard's bodies decide — in their original order;
/// - a chain of bare tests, once every distinct load in it has run (and so succeeded), is a
///   set of pure comparisons: the rest of the chain may be reordered to test each value's
///   constants together, the value A already holds first.
/// With libpcap's ``CutShortVerdicts`` a whole chain of bare tests is regrouped, first load
/// first: libpcap's `or_pullup` treats every load as one that succeeds, so tcpdump accepts
/// `port 1 or port 2` on a frame cut short after a source port 2 (``RegroupTestChains`` does
/// the same on the graph, and both the same as before chains were factored here).
/// What holds after it: the same verdict for every packet as the predicate given, or as
/// libpcap's optimizer gives, as `cutShort` says.
struct FactorSharedGuards {
    let cutShort: CutShortVerdicts

    /// `predicate` with the guards of its OR chains factored out.
    static func run(_ predicate: Predicate, cutShort: CutShortVerdicts) -> Predicate {
        FactorSharedGuards(cutShort: cutShort).run(predicate)
    }

    private func run(_ predicate: Predicate) -> Predicate {
        switch predicate {
        case .constant, .test, .graph:
            return predicate
        case let .and(left, right):
            return .and(run(left), run(right))
        case .not(let inner):
            return .not(run(inner))
        case .or:
            let terms = Self.disjuncts(of: predicate)
            guard terms.allSatisfy(Self.isSelfContained) else { return .any(terms.map(run)) }
            return factored(terms)
        }
    }

    /// The OR of `terms`, all self-contained, with shared guards tested once.
    private func factored(_ terms: [Predicate]) -> Predicate {
        let terms = terms.filter { $0 != .never }
        if let tests = Self.bareTests(terms) {
            return .any(Self.regrouped(tests, wholeChain: cutShort == .asLibpcapOptimizer).map(Predicate.test))
        }
        guard let groups = Self.guardGroups(terms), groups.contains(where: { $0.bodies.count > 1 }) else {
            return .any(terms.map(run))
        }
        return .any(groups.map { group in
            // A body that is an OR contributes its operands as terms of their own.
            var bodyTerms: [Predicate] = []
            for body in group.bodies { Self.appendDisjuncts(of: body, to: &bodyTerms) }
            return .and(group.guard, factored(bodyTerms))
        })
    }

    /// The terms grouped by their first conjunct, in order of first appearance, with what
    /// follows it, when they all have one and the guards are one and the same or discriminate
    /// between packets.
    private static func guardGroups(_ terms: [Predicate]) -> [(guard: Predicate, bodies: [Predicate])]? {
        var guards: [Predicate] = []
        var bodies: [[Predicate]] = []
        for term in terms {
            guard var (first, rest) = firstConjunct(of: term) else { return nil }
            // A protocol the link type cannot carry is `never` (`arp host` on RAW): its term
            // runs nothing and is false. An `always` guard runs nothing either.
            if first == .never { continue }
            while first == .always {
                guard let next = firstConjunct(of: rest) else { return nil }
                (first, rest) = next
            }
            // Guards are few (one per protocol a primitive tries): a scan beats hashing trees.
            if let index = guards.firstIndex(of: first) {
                bodies[index].append(rest)
            } else {
                guards.append(first)
                bodies.append([rest])
            }
        }
        guard guards.count <= 1 || areDiscriminators(guards) else { return nil }
        return Array(zip(guards, bodies))
    }

    /// The leftmost operand of a (nested) AND, and the AND of the others in order.
    private static func firstConjunct(of predicate: Predicate) -> (first: Predicate, rest: Predicate)? {
        guard case let .and(left, right) = predicate else { return nil }
        guard let (first, rest) = firstConjunct(of: left) else { return (left, right) }
        return (first, .and(rest, right))
    }

    /// Whether every guard compares one value, loaded by the same statements, for equality with
    /// constants no other guard names: at most one of them can hold.
    private static func areDiscriminators(_ guards: [Predicate]) -> Bool {
        var statements: [Instruction]?
        var named: Set<UInt32> = []
        for guardPredicate in guards {
            guard let tests = bareTests(disjuncts(of: guardPredicate)) else { return false }
            for test in tests {
                guard case .constant(let k) = test.operand, test.condition == .equal,
                      test.statements == (statements ?? test.statements), !named.contains(k)
                else { return false }
                statements = test.statements
            }
            named.formUnion(tests.compactMap { if case .constant(let k) = $0.operand { k } else { nil } })
        }
        return true
    }

    /// A chain of bare tests with the part after every distinct load has run (or the whole
    /// chain) regrouped: each value's tests together, the value A holds at that point first.
    /// Left as it is when it loads more than ``loadLimit`` distinct values: regrouping pays
    /// where the same few values are tested again and again.
    private static func regrouped(_ tests: [Test], wholeChain: Bool) -> [Test] {
        // The distinct statement lists, in order of first appearance; few, so scanned.
        var loads: [[Instruction]] = []
        var loadOf: [Int] = []
        var pure = 0
        for (index, test) in tests.enumerated() {
            if let known = loads.firstIndex(of: test.statements) {
                loadOf.append(known)
            } else {
                guard loads.count < loadLimit else { return tests }
                loadOf.append(loads.count)
                loads.append(test.statements)
                pure = index + 1
            }
        }
        if wholeChain { pure = 1 }
        guard pure < tests.count else { return tests }
        // The value A holds at `pure` first, then the others in order of first appearance.
        let held = loadOf[pure - 1]
        func rank(_ index: Int) -> (Int, Int) { (loadOf[index] == held ? -1 : loadOf[index], index) }
        let rest = tests.indices.dropFirst(pure).sorted { rank($0) < rank($1) }
        return Array(tests[..<pure]) + rest.map { tests[$0] }
    }

    private static let loadLimit = 16

    /// The tests of `terms` when every term is a bare test.
    private static func bareTests(_ terms: [Predicate]) -> [Test]? {
        var tests: [Test] = []
        for term in terms {
            guard case .test(let test) = term else { return nil }
            tests.append(test)
        }
        return tests
    }

    /// The operands of a (nested) OR, left to right.
    private static func disjuncts(of predicate: Predicate) -> [Predicate] {
        var result: [Predicate] = []
        appendDisjuncts(of: predicate, to: &result)
        return result
    }

    /// Appends the operands of a (nested) OR to `result`, left to right.
    private static func appendDisjuncts(of predicate: Predicate, to result: inout [Predicate]) {
        guard case let .or(left, right) = predicate else { return result.append(predicate) }
        appendDisjuncts(of: left, to: &result)
        appendDisjuncts(of: right, to: &result)
    }

    /// Whether every test in `predicate` is self-contained (and it embeds no test graph, whose
    /// nodes may hand registers to each other).
    private static func isSelfContained(_ predicate: Predicate) -> Bool {
        switch predicate {
        case .constant: true
        case .test(let test): isSelfContained(test)
        case let .and(left, right), let .or(left, right): isSelfContained(left) && isSelfContained(right)
        case .not(let inner): isSelfContained(inner)
        case .graph: false
        }
    }

    /// Whether `test` sets A and X before reading them and touches no scratch cell.
    private static func isSelfContained(_ test: Test) -> Bool {
        guard let (setsA, setsX) = registersSet(by: test.statements) else { return false }
        if case .x = test.operand { return setsA && setsX }
        return setsA
    }

    /// Whether `statements` leave A set having set each register before reading it and touched
    /// no scratch cell: run again, they give the same A.
    static func recomputeTheirValue(_ statements: [Instruction]) -> Bool {
        registersSet(by: statements)?.a == true
    }

    /// Which registers `statements` set, when each is set before it is read and no scratch
    /// cell is touched; nil otherwise.
    private static func registersSet(by statements: [Instruction]) -> (a: Bool, x: Bool)? {
        var (hasA, hasX) = (false, false)
        for statement in statements {
            switch statement {
            case .loadAbsolute, .loadConstant, .loadLength: hasA = true
            case .loadIndirect: guard hasX else { return nil }; hasA = true
            case .loadXConstant, .loadXLength, .loadXIPHeaderLength: hasX = true
            case .alu(_, .constant), .negate: guard hasA else { return nil }
            case .alu(_, .x): guard hasA && hasX else { return nil }
            case .tax: guard hasA else { return nil }; hasX = true
            case .txa: guard hasX else { return nil }; hasA = true
            case .loadScratch, .loadXScratch, .store, .storeX, .jumpAlways, .jump, .returnConstant,
                 .returnAccumulator, .unknown:
                return nil
            }
        }
        return (hasA, hasX)
    }
}
