/// What a rule sees of one resource, and where it reports what it finds.
///
/// Rules judge literal values only: an intrinsic function's result is unknown until deployment.
public struct RuleContext: Sendable {
    /// The resource, as the template holds it: typed and raw properties merged.
    public let resource: ResourceDeclaration
    /// The name of the stack holding the resource.
    public let stackName: String
    /// The app's lint settings.
    public let lintSettings: LintSettings
    /// What the rule found, one message each; the registry prefixes the resource (and the lint ID).
    public private(set) var findings: [String] = []
    /// The resource's literal policy statements, read once for every lint rule that judges them
    /// (empty while validating, where no rule reads them).
    let policyStatements: [LintStatement]

    init(resource: ResourceDeclaration, stackName: String, lintSettings: LintSettings, policyStatements: [LintStatement] = []) {
        self.resource = resource
        self.stackName = stackName
        self.lintSettings = lintSettings
        self.policyStatements = policyStatements
    }

    /// The top-level property `name`, if set.
    public func property(_ name: String) -> CFValue? {
        resource.properties.first { $0.key == name }?.value
    }

    /// The value of the literal tag `key` in the `Tags` list (`[{Key, Value}]`), if there is one.
    public func tag(_ key: String) -> CFValue? {
        items(property("Tags")).first { $0["Key"]?.stringValue == key }?["Value"]
    }

    /// Reports one problem with the resource: what is wrong and what to do.
    public mutating func report(_ message: String) {
        findings.append(message)
    }

    /// Forgets the findings, so the same context serves the next rule.
    mutating func clearFindings() {
        findings.removeAll(keepingCapacity: true)
    }

    /// Reports `name` missing from `object` unless it is there. `path` names the object for the message.
    mutating func require(_ name: String, in object: CFValue, path: @autoclosure () -> String) {
        // An intrinsic in the object's place (`Fn.if(…, policy, AWS.noValue())`) is CloudFormation's to resolve.
        guard case .object(let members) = object, object.intrinsic == nil, !members.contains(where: { $0.key == name }) else { return }
        let path = path()
        let place = path.isEmpty ? "" : " in \(path)"
        report("required property \(name) is missing\(place)")
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
            report("\(property()) '\(text)' is invalid; use \(length.lowerBound) to \(length.upperBound) characters: \(allowedText)")
        }
    }
}
