/// Rules CloudFormation or the service enforces for particular resource types, checked on the
/// rendered properties so that typed and raw declarations are held to the same rules.
///
/// Only literal values are checked: an intrinsic function's result is unknown until deployment.
enum ResourceRules {
    /// Properties CloudFormation rejects a resource without. The generated schemas say the same
    /// for typed resources, but a `RawResource` of these types carries no schema, so they are
    /// checked here for both, and the schema check skips them (`coveredPaths`).
    static let requiredProperties: [String: [String]] = [
        "AWS::IAM::Role": ["AssumeRolePolicyDocument"],
        "AWS::IAM::Policy": ["PolicyDocument", "PolicyName"],
        "AWS::IAM::ManagedPolicy": ["PolicyDocument"],
        "AWS::ECS::TaskDefinition": [],
        "AWS::ECS::Cluster": [],
        "AWS::Logs::LogGroup": [],
    ]

    /// Property paths (`*` for any list item) whose schema constraints the type rules below
    /// already check with messages of their own; schema checks skip them.
    static let propertiesCheckedByRules: [String: Set<String>] = [
        "AWS::IAM::Role": ["RoleName", "MaxSessionDuration", "Path", "Policies.*.PolicyName", "Policies.*.PolicyDocument"],
        "AWS::Logs::LogGroup": ["RetentionInDays", "LogGroupName"],
        "AWS::ECS::TaskDefinition": ["Family", "ContainerDefinitions.*.Name", "ContainerDefinitions.*.Image"],
    ]

    /// Per type, the property paths the schema checks skip (those above and the required
    /// properties), split at their dots once rather than for every resource.
    static let coveredPaths: [String: [[Substring]]] = {
        var paths: [String: Set<String>] = propertiesCheckedByRules
        for (type, names) in requiredProperties { paths[type, default: []].formUnion(names) }
        return paths.mapValues { $0.map { $0.split(separator: ".", omittingEmptySubsequences: false) } }
    }()

    static func check(_ resource: ResourceDeclaration, stack: String, into diagnostics: inout Diagnostics) {
        var context = RuleContext(resource: resource, diagnostics: diagnostics)
        for name in requiredProperties[resource.type] ?? [] {
            context.require(name, in: .object(resource.properties), path: "")
        }
        switch resource.type {
        case "AWS::IAM::Role": IAMRules.checkRole(&context)
        case "AWS::Logs::LogGroup": LogsRules.checkLogGroup(&context)
        case "AWS::ECS::TaskDefinition": ECSRules.checkTaskDefinition(&context)
        default: break
        }
        if let schema = resource.schema {
            SchemaRules.check(schema, skipping: coveredPaths[resource.type] ?? [], &context)
        }
        diagnostics = context.diagnostics
    }
}

/// What a type rule needs: the resource, its properties and a place to report.
struct RuleContext {
    let resource: ResourceDeclaration
    var diagnostics: Diagnostics

    /// The top-level property `name`, if set.
    func property(_ name: String) -> CFValue? {
        resource.properties.first { $0.key == name }?.value
    }

    /// Reports an error about this resource.
    mutating func error(_ message: String) {
        diagnostics.error("resource '\(resource.logicalId)' (\(resource.type)): \(message)", at: resource.options.location)
    }

    /// Reports `name` missing from `object` unless it is there. `path` names the object for the message.
    mutating func require(_ name: String, in object: CFValue, path: @autoclosure () -> String) {
        guard case .object(let members) = object, !members.contains(where: { $0.key == name }) else { return }
        let path = path()
        let place = path.isEmpty ? "" : " in \(path)"
        error("required property \(name) is missing\(place)")
    }

    /// The items of a literal list property; nothing for intrinsics.
    func items(_ value: CFValue?) -> [CFValue] {
        if case .list(let items) = value { return items }
        return []
    }

    /// Checks a literal string against a length range and an allowed character set.
    mutating func checkName(
        _ value: CFValue?, property: @autoclosure () -> String, length: ClosedRange<Int>, allowed: (Character) -> Bool,
        allowedText: String
    ) {
        guard let text = value?.stringValue else { return }
        if !length.contains(text.count) || !text.allSatisfy(allowed) {
            error("\(property()) '\(text)' is invalid; use \(length.lowerBound) to \(length.upperBound) characters: \(allowedText)")
        }
    }
}
