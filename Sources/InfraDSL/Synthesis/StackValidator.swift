/// Checks one stack against CloudFormation's rules before anything is deployed: names, logical
/// IDs, references, parameters, quotas, and each resource type's own rules.
struct StackValidator {
    let stack: Stack
    let sections: TemplateSections
    var diagnostics = Diagnostics()

    init(_ stack: Stack, sections: TemplateSections) {
        self.stack = stack
        self.sections = sections
    }

    /// Parameters the deployer fills from other stacks' outputs.
    var importedParameters: Set<String> = []
    /// Every name the stack's resources, outputs and conditions `Ref`, found by `checkReferences`.
    private var usedRefs = Set<String>()

    /// The S3 bucket for a large template, if the stack or its app names one.
    var templateBucket: ResolvedTemplateBucket?
    /// The rules each resource is held to, with the app's lint settings they may read.
    var rules = RuleBook.builtIn
    var lintSettings = LintSettings()

    /// Every problem of the stack, given the rendered template's size in bytes, the parameters
    /// the deployer fills from other stacks' outputs, its template bucket and the app's rules.
    static func validate(
        _ stack: Stack, sections: TemplateSections, templateBytes: Int, importedParameters: Set<String> = [],
        templateBucket: ResolvedTemplateBucket? = nil, rules: RuleBook = .builtIn, lintSettings: LintSettings = LintSettings()
    ) -> Diagnostics {
        var validator = StackValidator(stack, sections: sections)
        validator.importedParameters = importedParameters
        validator.templateBucket = templateBucket
        validator.rules = rules
        validator.lintSettings = lintSettings
        validator.checkStackIdentity()
        validator.checkLogicalIds()
        validator.checkReferences()
        validator.checkParameters()
        validator.checkConditions()
        validator.checkMetadata()
        validator.checkResources()
        validator.checkGrants()
        validator.checkQuotas(templateBytes: templateBytes)
        return validator.diagnostics
    }

    private var stackName: String { stack.name }

    // MARK: - Stack name, account, region

    private mutating func checkStackIdentity() {
        let name = stack.name
        if !StackName.isValid(name) {
            diagnostics.error(
                "stack name '\(name)' is invalid; use 1 to \(Limits.stackNameLength) characters: a letter, then letters, digits and hyphens",
                at: stack.location)
        }
        if stack.account.utf8.count != 12 || !stack.account.utf8.allSatisfy(\.isASCIIDigit) {
            diagnostics.error("stack '\(name)': account '\(stack.account)' is not a 12-digit AWS account ID", at: stack.location)
        }
        if !Self.isRegion(stack.region) {
            diagnostics.error("stack '\(name)': region '\(stack.region)' is not an AWS region name such as 'eu-west-1'", at: stack.location)
        }
        if sections.resources.isEmpty {
            diagnostics.error("stack '\(name)' has no resources; CloudFormation requires at least one", at: stack.location)
        }
    }

    /// `eu-west-1`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-5`: lowercase words, then a number.
    static func isRegion(_ region: String) -> Bool {
        let parts = region.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count >= 3, let last = parts.last, !last.isEmpty, last.allSatisfy(\.isASCIIDigit) else { return false }
        return parts.dropLast().allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIILowercase) }
    }

    // MARK: - Logical IDs

    private mutating func checkLogicalIds() {
        var seen: [String: SourceLocation] = [:]
        let named = sections.parameters.map { ($0.name, "parameter", $0.location) }
            + sections.resources.map { ($0.logicalId, "resource", $0.options.location) }
        for (id, kind, location) in named {
            checkLogicalIdSyntax(id, kind: kind, at: location)
            if let first = seen[id] {
                diagnostics.error(
                    "duplicate logical ID '\(id)' in stack '\(stackName)'; parameters and resources share one namespace, so rename one",
                    at: location, notes: [.init(message: "'\(id)' is first declared here", location: first)])
            } else {
                seen[id] = location
            }
        }
        checkUnique(sections.outputs.map { ($0.name, $0.location) }, kind: "output")
        checkUnique(sections.conditions.map { ($0.name, $0.location) }, kind: "condition")
        checkUnique(sections.mappings.map { ($0.name, $0.location) }, kind: "mapping")
    }

    private mutating func checkUnique(_ names: [(String, SourceLocation)], kind: String) {
        var seen: [String: SourceLocation] = [:]
        for (name, location) in names {
            checkLogicalIdSyntax(name, kind: kind, at: location)
            if let first = seen[name] {
                diagnostics.error(
                    "duplicate \(kind) name '\(name)' in stack '\(stackName)'; rename one",
                    at: location, notes: [.init(message: "'\(name)' is first declared here", location: first)])
            } else {
                seen[name] = location
            }
        }
    }

    private mutating func checkLogicalIdSyntax(_ id: String, kind: String, at location: SourceLocation) {
        if !LogicalID.isValid(id) {
            diagnostics.error(
                "\(kind) logical ID '\(id)' is invalid; use 1 to \(Limits.logicalIdLength) letters and digits (A-Z, a-z, 0-9)",
                at: location)
        }
    }

    // MARK: - References

    private mutating func checkReferences() {
        let parameterNames = Set(sections.parameters.map(\.name))
        let resourceNames = Set(sections.resources.map(\.logicalId))
        let conditionNames = Set(sections.conditions.map(\.name))
        let mappingNames = Set(sections.mappings.map(\.name))
        func isRefTarget(_ name: String) -> Bool {
            parameterNames.contains(name) || resourceNames.contains(name) || AWS.pseudoParameterNames.contains(name)
        }

        func check(_ value: CFValue, in owner: String, at location: SourceLocation) {
            let found = References(in: value)
            usedRefs.formUnion(found.refs)
            for name in found.refs where !isRefTarget(name) {
                diagnostics.error(
                    "\(owner) refers to '\(name)', which is not a parameter, resource or pseudo parameter of stack '\(stackName)'; add it to the stack's body or fix the name",
                    at: location)
            }
            for name in found.attributes where !resourceNames.contains(name) {
                diagnostics.error(
                    "\(owner) reads an attribute of '\(name)', which is not a resource of stack '\(stackName)'; add the resource to the stack's body or fix the name",
                    at: location)
            }
            for name in found.conditions where !conditionNames.contains(name) {
                diagnostics.error(
                    "\(owner) uses condition '\(name)', which is not a condition of stack '\(stackName)'; add the Condition to the stack's body",
                    at: location)
            }
            for name in found.mappings where !mappingNames.contains(name) {
                diagnostics.error(
                    "\(owner) looks up mapping '\(name)', which is not a mapping of stack '\(stackName)'; add the Mapping to the stack's body",
                    at: location)
            }
        }

        for resource in sections.resources {
            let owner = "resource '\(resource.logicalId)'"
            check(.object(resource.properties), in: owner, at: resource.options.location)
            check(.object(resource.options.rawAttributes), in: owner, at: resource.options.location)
            if let condition = resource.options.condition {
                check(["Condition": .string(condition)], in: owner, at: resource.options.location)
            }
            for dependency in resource.options.dependsOn where !resourceNames.contains(dependency) || dependency == resource.logicalId {
                let reason = dependency == resource.logicalId ? "itself" : "'\(dependency)', which is not a resource of stack '\(stackName)'"
                diagnostics.error("\(owner) depends on \(reason); remove it from dependsOn", at: resource.options.location)
            }
        }
        for output in sections.outputs {
            let owner = "output '\(output.name)'"
            check(output.value, in: owner, at: output.location)
            if let exportName = output.exportName { check(exportName.cfValue, in: owner, at: output.location) }
            if let condition = output.condition { check(["Condition": .string(condition)], in: owner, at: output.location) }
        }
        for condition in sections.conditions {
            let owner = "condition '\(condition.name)'"
            let found = References(in: condition.expression.cfValue)
            for name in found.refs where resourceNames.contains(name) {
                diagnostics.error(
                    "\(owner) refers to resource '\(name)'; conditions may only refer to parameters and pseudo parameters",
                    at: condition.location)
            }
            check(condition.expression.cfValue, in: owner, at: condition.location)
        }
    }

    // MARK: - Parameters

    private mutating func checkParameters() {
        let declared = Dictionary(sections.parameters.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for parameter in sections.parameters where !importedParameters.contains(parameter.name) {
            ParameterRules.check(parameter, value: stack.parameterValues[parameter.name], stack: stackName, into: &diagnostics)
        }
        for name in stack.parameterValues.keys.sorted() where declared[name] == nil {
            diagnostics.error(
                "stack '\(stackName)' gives a value for parameter '\(name)', which its template does not declare; add Parameter(\"\(name)\") to the body or remove the value",
                at: stack.location)
        }
        for parameter in sections.parameters where !usedRefs.contains(parameter.name) {
            diagnostics.warning("parameter '\(parameter.name)' of stack '\(stackName)' is never used; remove it or refer to it", at: parameter.location)
        }
    }

    // MARK: - Metadata

    /// The console interface names only declared parameters, each in at most one group.
    private mutating func checkMetadata() {
        guard let metadata = stack.metadata, let interface = metadata.interface else { return }
        let location = metadata.location ?? stack.location
        let declared = Set(sections.parameters.map(\.name))
        var grouped: [String: String] = [:]
        for group in interface.groups {
            for parameter in group.parameters {
                if !declared.contains(parameter.name) {
                    diagnostics.error("metadata of stack '\(stackName)': parameter group '\(group.label)' names parameter '\(parameter.name)', which the stack does not declare; add it to the body or remove it from the group", at: location)
                }
                if let other = grouped.updateValue(group.label, forKey: parameter.name) {
                    diagnostics.error("metadata of stack '\(stackName)': parameter '\(parameter.name)' is in groups '\(other)' and '\(group.label)'; the console shows a parameter in one group only", at: location)
                }
            }
        }
        for label in interface.labels where !declared.contains(label.parameter.name) {
            diagnostics.error("metadata of stack '\(stackName)': a label names parameter '\(label.parameter.name)', which the stack does not declare", at: location)
        }
    }

    // MARK: - Conditions

    private mutating func checkConditions() {
        for condition in sections.conditions {
            checkArity(condition.expression, condition: condition)
        }
    }

    private mutating func checkArity(_ expression: ConditionExpression, condition: Condition) {
        switch expression {
        case .and(let parts), .or(let parts):
            let name = if case .and = expression { "Fn::And" } else { "Fn::Or" }
            if !(2...10).contains(parts.count) {
                diagnostics.error(
                    "condition '\(condition.name)': \(name) takes 2 to 10 conditions, not \(parts.count)", at: condition.location)
            }
            parts.forEach { checkArity($0, condition: condition) }
        case .not(let part):
            checkArity(part, condition: condition)
        case .equals, .condition:
            break
        }
    }

    // MARK: - Resources

    private mutating func checkResources() {
        let parameterTypes = Dictionary(sections.parameters.map { ($0.name, $0.type.rawValue) }, uniquingKeysWith: { first, _ in first })
        for resource in sections.resources {
            if !Self.isResourceType(resource.type) {
                diagnostics.error(
                    "resource '\(resource.logicalId)' has type '\(resource.type)', which is not of the form Service::Provider::Type (such as AWS::S3::Bucket)",
                    at: resource.options.location)
            }
            rules.validate(resource, stack: stackName, parameterTypes: parameterTypes, settings: lintSettings, into: &diagnostics)
        }
    }

    /// Grants whose identity or resource is missing from the stack, at the grant's line.
    private mutating func checkGrants() {
        for refused in sections.refusedGrants {
            diagnostics.error(
                "stack '\(stackName)': grant of '\(refused.grant.resourceId)' to '\(refused.grant.granteeId)': \(refused.reason)",
                at: refused.grant.location)
        }
    }

    /// `Service::Provider::Type`, a module's `…::MODULE`, or a custom resource's `Custom::Name`:
    /// alphanumeric parts joined by `::` (a custom name may also hold `_`, `@` and `-`, up to 60 characters).
    static func isResourceType(_ type: String) -> Bool {
        // Split at each colon, `AWS::IAM::Role` gives `AWS`, ``, `IAM`, ``, `Role`: every second
        // piece lies between the two colons of a `::` and must be empty.
        let pieces = type.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        if pieces.count == 3, pieces[0].elementsEqual("Custom".utf8), pieces[1].isEmpty {
            let name = pieces[2]
            return (1...60).contains(name.count)
                && name.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "-") }
        }
        guard pieces.count == 5 || (pieces.count == 7 && pieces[6].elementsEqual("MODULE".utf8)) else { return false }
        return pieces.indices.allSatisfy { index in
            index % 2 == 1 ? pieces[index].isEmpty : !pieces[index].isEmpty && pieces[index].allSatisfy(\.isASCIIAlphanumeric)
        }
    }

    // MARK: - Quotas

    private mutating func checkQuotas(templateBytes: Int) {
        let counts = [
            ("resources", sections.resources.count, Limits.resources),
            ("parameters", sections.parameters.count, Limits.parameters),
            ("outputs", sections.outputs.count, Limits.outputs),
            ("mappings", sections.mappings.count, Limits.mappings),
        ]
        for (what, count, limit) in counts where count > limit {
            diagnostics.error(
                "stack '\(stackName)' has \(count) \(what); CloudFormation allows at most \(limit) — split it into several stacks",
                at: stack.location)
        }
        TemplateBucketRules.checkSize(templateBytes, stack: stack, bucket: templateBucket, into: &diagnostics)
    }
}
