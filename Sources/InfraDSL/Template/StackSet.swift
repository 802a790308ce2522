/// One CloudFormation StackSet: a template CloudFormation itself rolls out to many accounts (or
/// organizational units) and regions, declared like a `Stack` and holding one (its template,
/// parameters, outputs, tags, stage, and the administrator account and region the set lives in),
/// plus what makes it a set: permissions, targets, overrides and operation preferences.
///
/// ```swift
/// StackSet(
///     "baseline", administrator: tooling, permissions: .selfManaged(),
///     targets: [.accounts(workloads, regions: ["eu-west-1", "eu-central-1"])],
///     preferences: StackSetPreferences(maxConcurrent: .percentage(25), failureTolerance: .count(1))
/// ) {
///     baselineRole
/// }
/// ```
public struct StackSet: Sendable {
    /// The set's template and stack facts: `account`/`region` are the administrator account and
    /// region, `stage` its place in the rollout, `parameterValues` shared by every instance.
    /// Its stack settings stay empty (StackSets take none).
    public var stack: Stack
    /// Who may deploy the instances: self-managed roles or AWS Organizations.
    public var permissions: StackSetPermissions
    /// The accounts or organizational units, each with its regions.
    public var targets: [StackSetTarget]
    /// Parameter values that differ for some accounts (or OUs) and regions.
    public var overrides: [StackSetOverride]
    /// How CloudFormation paces each operation and how many failures it tolerates.
    public var preferences: StackSetPreferences
    /// The stacks deployed before the set (by name), besides those whose outputs its body uses.
    public var dependencies: [String]

    /// The StackSet's name: unique among the app's stacks and StackSets.
    public var name: String { stack.name }
    /// Where the set was declared.
    public var location: SourceLocation { stack.location }

    /// A StackSet administered from `administrator` (in its primary region unless `region` is
    /// given), optionally placed in a rollout stage of your own `StageSet` (`Stages.live`) and after
    /// the stacks of `dependsOn`.
    public init<S: StageSet>(
        _ name: String,
        administrator: Account,
        region: String? = nil,
        stage: S? = Stage?.none,
        permissions: StackSetPermissions,
        targets: [StackSetTarget],
        overrides: [StackSetOverride] = [],
        preferences: StackSetPreferences = StackSetPreferences(),
        dependsOn: [Stack] = [],
        description: String? = nil,
        parameters parameterValues: [String: String] = [:],
        tags: [String: String] = [:],
        templateBucket: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        @StackBuilder content: () -> Group
    ) {
        self.init(
            Stack(
                name, account: administrator, region: region, stage: stage, description: description, parameters: parameterValues, tags: tags,
                templateBucket: templateBucket, file: file, line: line, content: content),
            permissions: permissions, targets: targets, overrides: overrides, preferences: preferences, dependsOn: dependsOn)
    }

    /// A StackSet in one of the default stages: `stage: .production`.
    public init(
        _ name: String,
        administrator: Account,
        region: String? = nil,
        stage: Stage?,
        permissions: StackSetPermissions,
        targets: [StackSetTarget],
        overrides: [StackSetOverride] = [],
        preferences: StackSetPreferences = StackSetPreferences(),
        dependsOn: [Stack] = [],
        description: String? = nil,
        parameters parameterValues: [String: String] = [:],
        tags: [String: String] = [:],
        templateBucket: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        @StackBuilder content: () -> Group
    ) {
        self.init(
            Stack(
                name, account: administrator, region: region, stage: stage, description: description, parameters: parameterValues, tags: tags,
                templateBucket: templateBucket, file: file, line: line, content: content),
            permissions: permissions, targets: targets, overrides: overrides, preferences: preferences, dependsOn: dependsOn)
    }

    private init(
        _ stack: Stack, permissions: StackSetPermissions, targets: [StackSetTarget], overrides: [StackSetOverride], preferences: StackSetPreferences,
        dependsOn: [Stack]
    ) {
        var stack = stack
        // The account's service role is for its stacks; a StackSet acts through its permission model.
        stack.settings = Manifest.StackSettings()
        // A PerStage's shared-account finding is about stacks in one account; a set is in many.
        stack.stageAccountSharing = nil
        self.stack = stack
        self.permissions = permissions
        self.targets = targets
        self.overrides = overrides
        self.preferences = preferences
        dependencies = dependsOn.map(\.name)
    }

    /// The set and every piece of its body reported at `location` (for components that make sets).
    public func declared(at location: SourceLocation) -> StackSet {
        var copy = self
        copy.stack = stack.declared(at: location)
        copy.targets = targets.map { var target = $0; target.location = location; return target }
        copy.overrides = overrides.map { var override = $0; override.location = location; return override }
        copy.preferences.location = location
        return copy
    }
}

extension StackSet: AppContent {
    /// The StackSet itself.
    public var appElements: [AppElement] { [.stackSet(self)] }
}
