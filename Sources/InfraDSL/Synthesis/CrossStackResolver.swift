/// Resolves outputs used across stacks and derives the dependencies between stacks.
///
/// Same account and region: `Fn::ImportValue` of the producer's export, which is added to the
/// producer's output. Elsewhere: a parameter of the consumer, filled by the deployer from the
/// producer's outputs and recorded in the manifest. A StackSet's body (its instances run in the
/// target accounts) always takes a parameter; a StackSet's outputs (one per instance) are no one's to read.
struct CrossStackResolver {
    /// A parameter the deployer takes from another stack's output.
    struct ImportedParameter: Equatable {
        var parameter: String
        var stack: String
        var output: String
    }

    /// The stacks with every placeholder resolved.
    private(set) var stacks: [Stack]
    /// Stack name → the stacks it depends on, in first-use order.
    private(set) var dependencies: [String: [String]] = [:]
    /// Stack name → the parameters the deployer fills from other stacks' outputs.
    private(set) var importedParameters: [String: [ImportedParameter]] = [:]
    private(set) var diagnostics = Diagnostics()
    /// Consumer → producer → where the consumer first used the producer (for cycle messages).
    private var firstUse: [String: [String: (output: String, location: SourceLocation)]] = [:]

    /// The names of the stacks that are StackSets' templates.
    private let stackSets: Set<String>

    init(_ stacks: [Stack], stackSets: Set<String> = []) {
        self.stacks = stacks
        self.stackSets = stackSets
        let byName = Dictionary(stacks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var exports: [String: [String: String]] = [:]  // producer → output → export name
        for index in self.stacks.indices {
            let consumer = self.stacks[index]
            var added: [StackElement] = []
            for position in consumer.elements.indices {
                if let rewritten = rewrite(consumer.elements[position], in: consumer, byName: byName, exports: &exports, addedParameters: &added) {
                    self.stacks[index].elements[position] = rewritten
                }
            }
            // Appending nothing would still copy the elements array, which the app's stack shares.
            if !added.isEmpty { self.stacks[index].elements += added }
        }
        for index in self.stacks.indices {
            guard let wanted = exports[self.stacks[index].name] else { continue }
            self.stacks[index].elements = self.stacks[index].elements.map { element in
                guard case .output(var output) = element, let name = wanted[output.name], output.exportName == nil else { return element }
                output.exportName = Token(name)
                return .output(output)
            }
        }
        checkStageOrder(byName: byName)
        checkCycles()
    }

    /// The element with other stacks' outputs resolved; nil when it uses none.
    private mutating func rewrite(
        _ element: StackElement, in consumer: Stack, byName: [String: Stack],
        exports: inout [String: [String: String]], addedParameters: inout [StackElement]
    ) -> StackElement? {
        // Most elements use no other stack's output: a plain scan finds that without the cost
        // of threading the resolver through every value.
        guard element.containsStackOutputs else { return nil }
        func transform(_ reference: StackOutputReference) -> CFValue {
            resolve(reference, in: consumer, byName: byName, exports: &exports, addedParameters: &addedParameters)
        }
        switch element {
        case .resource(var resource):
            var replaced = resource.properties.replaceStackOutputs(transform)
            if let metadata = resource.options.metadata?.replacingStackOutputs(transform) {
                resource.options.metadata = metadata
                replaced = true
            }
            if resource.options.rawAttributes.replaceStackOutputs(transform) { replaced = true }
            return replaced ? .resource(resource) : nil
        case .output(var output):
            guard let value = output.value.replacingStackOutputs(transform) else { return nil }
            output.value = value
            return .output(output)
        case .grant(var grant):
            // A hand-written grant may name a resource by another stack's output.
            for index in grant.permissions.indices {
                grant.permissions[index].resources = grant.permissions[index].resources.map { resource in
                    resource.cfValue.replacingStackOutputs(transform).map { Token(raw: $0) } ?? resource
                }
            }
            return .grant(grant)
        case .parameter, .mapping, .condition:
            return nil
        }
    }

    private mutating func resolve(
        _ reference: StackOutputReference, in consumer: Stack, byName: [String: Stack],
        exports: inout [String: [String: String]], addedParameters: inout [StackElement]
    ) -> CFValue {
        guard let producer = byName[reference.stack] else {
            diagnostics.error(
                "stack '\(consumer.name)' uses output '\(reference.output)' of stack '\(reference.stack)', which the app does not declare; add that stack to the App or fix the name",
                at: reference.location)
            return .string("")
        }
        if stackSets.contains(producer.name) {
            diagnostics.error(
                "stack '\(consumer.name)' uses output '\(reference.output)' of StackSet '\(producer.name)', which has one instance per account and region and so no one value; take the value from a stack instead",
                at: reference.location)
            return .string("")
        }
        if producer.name == consumer.name {
            diagnostics.error(
                "stack '\(consumer.name)' uses its own output '\(reference.output)' as if from another stack; refer to the value directly",
                at: reference.location)
            return .string("")
        }
        let outputs = TemplateSections(producer.elements).outputs
        guard let output = outputs.first(where: { $0.name == reference.output }) else {
            let known = outputs.map(\.name)
            diagnostics.error(
                "stack '\(consumer.name)' uses output '\(reference.output)' of stack '\(producer.name)', which has no such output; add Output(\"\(reference.output)\", …) to it" + (known.isEmpty ? "" : " (it has \(known.joined(separator: ", ")))"),
                at: reference.location)
            return .string("")
        }
        if dependencies[consumer.name, default: []].contains(producer.name) == false {
            dependencies[consumer.name, default: []].append(producer.name)
            firstUse[consumer.name, default: [:]][producer.name] = (reference.output, reference.location)
        }
        if producer.account == consumer.account && producer.region == consumer.region && !stackSets.contains(consumer.name) {
            let exportName = output.exportName?.cfValue ?? .string("\(producer.name)-\(output.name)")
            if output.exportName == nil, let name = exportName.stringValue { exports[producer.name, default: [:]][output.name] = name }
            return ["Fn::ImportValue": exportName]
        }
        let parameterName = Self.parameterName(stack: producer.name, output: output.name)
        let imported = ImportedParameter(parameter: parameterName, stack: producer.name, output: output.name)
        if !importedParameters[consumer.name, default: []].contains(imported) {
            importedParameters[consumer.name, default: []].append(imported)
            addedParameters.append(.parameter(Parameter(
                parameterName,
                description: "Output \(output.name) of stack \(producer.name) (account \(producer.account), \(producer.region)), passed in by the deployer",
                file: reference.location.file, line: reference.location.line)))
        }
        return ["Ref": .string(parameterName)]
    }

    /// `NetworkVpcId` for output `VpcId` of stack `network`: alphanumeric, as logical IDs must be.
    static func parameterName(stack: String, output: String) -> String {
        let words = stack.split { !($0.isASCIILetter || $0.isASCIIDigit) }
        return words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() + output
    }

    /// A producer that rolls out in a later stage than its consumer would not exist yet.
    private mutating func checkStageOrder(byName: [String: Stack]) {
        for consumer in stacks {
            for producerName in dependencies[consumer.name] ?? [] {
                guard let producer = byName[producerName], let use = firstUse[consumer.name]?[producerName] else { continue }
                let consumerRank = consumer.stage.map { $0.order.firstIndex(of: $0.name) ?? 0 } ?? -1
                let producerRank = producer.stage.map { $0.order.firstIndex(of: $0.name) ?? 0 } ?? -1
                if producerRank > consumerRank {
                    diagnostics.error(
                        "stack '\(consumer.name)' (stage \(consumer.stage?.name ?? "none")) uses output '\(use.output)' of stack '\(producer.name)', which rolls out later (stage \(producer.stage?.name ?? "none")); move one of them",
                        at: use.location)
                }
            }
        }
    }

    /// Reports each cycle once, at the use that closes it, naming both stacks and lines.
    private mutating func checkCycles() {
        var reported = Set<[String]>()
        for start in stacks.map(\.name) {
            guard let cycle = Self.cycle(from: start, in: dependencies) else { continue }
            let key = cycle.sorted()
            guard !reported.contains(key) else { continue }
            reported.insert(key)
            let uses = zip(cycle, cycle.dropFirst() + [cycle[0]]).compactMap { consumer, producer in
                firstUse[consumer]?[producer].map { (consumer, producer, $0.output, $0.location) }
            }
            guard let first = uses.first else { continue }
            let path = (cycle + [cycle[0]]).map { "'\($0)'" }.joined(separator: " → ")
            diagnostics.error(
                "stacks depend on each other in a cycle (\(path)): stack '\(first.0)' uses output '\(first.2)' of stack '\(first.1)' here; no order can deploy them — move the shared value into one stack or a third",
                at: first.3,
                notes: uses.dropFirst().map { use in
                    .init(message: "stack '\(use.0)' uses output '\(use.2)' of stack '\(use.1)' here", location: use.3)
                })
        }
    }

    /// A dependency cycle through `start`, as the stacks in order, if there is one.
    static func cycle(from start: String, in edges: [String: [String]]) -> [String]? {
        var path: [String] = []
        var visited = Set<String>()
        func visit(_ node: String) -> [String]? {
            if let index = path.firstIndex(of: node) { return index == 0 ? path : nil }
            guard !visited.contains(node) || node == start else { return nil }
            visited.insert(node)
            path.append(node)
            defer { path.removeLast() }
            for next in edges[node] ?? [] {
                if let found = visit(next) { return found }
            }
            return nil
        }
        return visit(start)
    }
}
