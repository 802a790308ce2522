/// `CreationPolicy` and `UpdatePolicy` as CloudFormation accepts them: only on the types that
/// honour them (elsewhere CloudFormation ignores or rejects them), each key on its own types,
/// percentages from 0 to 100, and durations in ISO 8601 within their limits.
struct ResourcePolicyRule: ResourceRule {
    let resourceType: String? = nil
    let kind = RuleKind.validation

    func check(_ context: inout RuleContext) {
        let type = context.resource.type
        for attribute in context.resource.options.rawAttributes {
            guard let byType = ResourcePolicyTypes.accepted[attribute.key] else { continue }
            guard let keys = byType[type] else {
                context.report("\(attribute.key) applies only to \(byType.keys.sorted().joined(separator: ", ")); CloudFormation ignores it on \(type): remove it")
                continue
            }
            guard case .object(let members) = attribute.value else { continue }
            for member in members where !keys.contains(member.key) {
                context.report("\(attribute.key).\(member.key) does not apply to \(type); it takes \(keys.sorted().joined(separator: ", "))")
            }
            checkValues(attribute.key, attribute.value, &context)
        }
    }

    private func checkValues(_ attribute: String, _ value: CFValue, _ context: inout RuleContext) {
        let percents = ["AutoScalingCreationPolicy.MinSuccessfulInstancesPercent", "AutoScalingRollingUpdate.MinActiveInstancesPercent", "AutoScalingRollingUpdate.MinSuccessfulInstancesPercent"]
        for path in percents {
            let parts = path.split(separator: ".").map(String.init)
            if let percent = value[parts[0]]?[parts[1]]?.intValue, !(0...100).contains(percent) {
                context.report("\(attribute).\(path) is \(percent); it is a percentage from 0 to 100")
            }
        }
        for (path, limit, limitText) in [("ResourceSignal.Timeout", 12 * 3600, "PT12H"), ("AutoScalingRollingUpdate.PauseTime", 3600, "PT1H")] {
            let parts = path.split(separator: ".").map(String.init)
            guard let text = value[parts[0]]?[parts[1]]?.stringValue else { continue }
            guard let seconds = Self.isoDurationSeconds(text) else {
                context.report("\(attribute).\(path) '\(text)' is not an ISO 8601 duration such as PT15M or PT1H30M")
                continue
            }
            if seconds > limit { context.report("\(attribute).\(path) \(text) is longer than CloudFormation's limit of \(limitText)") }
        }
    }

    /// The seconds in a `PT#H#M#S` duration (each part optional, at least one present); nil otherwise.
    static func isoDurationSeconds(_ text: String) -> Int? {
        guard text.hasPrefix("PT"), text.count > 2 else { return nil }
        var total = 0
        var digits = ""
        var lastUnit = 0
        for character in text.dropFirst(2) {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            let units: [Character: (order: Int, seconds: Int)] = ["H": (1, 3600), "M": (2, 60), "S": (3, 1)]
            guard let unit = units[character], unit.order > lastUnit, let number = Int(digits) else { return nil }
            total += number * unit.seconds
            lastUnit = unit.order
            digits = ""
        }
        return digits.isEmpty ? total : nil
    }
}
