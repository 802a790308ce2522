/// ECS's rules, validation and lint: what RegisterTaskDefinition rejects, then what a reviewer
/// would not accept in a container definition.
enum ECSRules {
    /// Every ECS rule, validation first; the lint rules in the order their findings print.
    static let all: [any ResourceRule] = [ECSTaskDefinitionRule()] + ECSLintRules.all
}

/// A task definition as RegisterTaskDefinition accepts it: its family, and each container's name,
/// image and memory.
struct ECSTaskDefinitionRule: ResourceRule {
    let resourceType: String? = ECSType.taskDefinition
    let kind = RuleKind.validation
    /// Checked here with ECS's own wording rather than the schema's.
    let coveredProperties = ["Family", "ContainerDefinitions.*.Name", "ContainerDefinitions.*.Image"]

    func check(_ context: inout RuleContext) {
        context.checkName(
            context.property("Family"), property: "Family", length: 1...255,
            allowed: { ($0.isASCIILetter || $0.isASCIIDigit) || "_-".contains($0) },
            allowedText: "letters, digits, '_' and '-'")
        let taskMemory = context.property("Memory")
        for (index, container) in context.items(context.property("ContainerDefinitions")).enumerated() {
            guard case .object = container, container.intrinsic == nil else { continue }
            let place = "ContainerDefinitions[\(index)]"
            context.require("Name", in: container, path: place)
            context.require("Image", in: container, path: place)
            if taskMemory == nil && container["Memory"] == nil && container["MemoryReservation"] == nil {
                context.report("\(place) sets neither Memory nor MemoryReservation, and the task sets no Memory; ECS requires one of them")
            }
            if let hard = container["Memory"]?.intValue, let soft = container["MemoryReservation"]?.intValue, soft > hard {
                context.report("\(place).MemoryReservation \(soft) is greater than its Memory \(hard); the soft limit must not exceed the hard one")
            }
        }
    }
}
