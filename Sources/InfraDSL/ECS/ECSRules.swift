/// ECS's rules for task definitions, as RegisterTaskDefinition enforces them.
enum ECSRules {
    static func checkTaskDefinition(_ context: inout RuleContext) {
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
                context.error("\(place) sets neither Memory nor MemoryReservation, and the task sets no Memory; ECS requires one of them")
            }
            if let hard = container["Memory"]?.intValue, let soft = container["MemoryReservation"]?.intValue, soft > hard {
                context.error("\(place).MemoryReservation \(soft) is greater than its Memory \(hard); the soft limit must not exceed the hard one")
            }
        }
    }
}
