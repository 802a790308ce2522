/// `CreationPolicy`: CloudFormation waits for signals (or for enough instances) before it calls
/// the resource created. Accepted by Auto Scaling groups, EC2 instances, wait conditions and
/// AppStream fleets; validation says so at the resource's line for any other type.
///
/// ```swift
/// AutoScaling.AutoScalingGroup("Agents", …)
///     .creationPolicy(CreationPolicy(resourceSignal: .init(count: 2, timeout: "PT15M")))
/// ```
public struct CreationPolicy: Sendable, CFValueConvertible {
    /// `ResourceSignal`: how many success signals, within how long.
    public struct ResourceSignal: Sendable {
        /// `Count`: success signals required (default 1).
        public var count: Token<Int>?
        /// `Timeout`: an ISO 8601 duration, such as `PT15M`, at most `PT12H` (default `PT5M`).
        public var timeout: String?

        /// A signal requirement; nil leaves CloudFormation's default.
        public init(count: Token<Int>? = nil, timeout: String? = nil) {
            self.count = count
            self.timeout = timeout
        }
    }

    /// `ResourceSignal`.
    public var resourceSignal: ResourceSignal?
    /// `AutoScalingCreationPolicy.MinSuccessfulInstancesPercent`: 0 to 100.
    public var minSuccessfulInstancesPercent: Token<Int>?
    /// `StartFleet` (AppStream fleets): start the fleet once it is created.
    public var startFleet: Token<Bool>?

    /// A creation policy from its parts.
    public init(resourceSignal: ResourceSignal? = nil, minSuccessfulInstancesPercent: Token<Int>? = nil, startFleet: Token<Bool>? = nil) {
        self.resourceSignal = resourceSignal
        self.minSuccessfulInstancesPercent = minSuccessfulInstancesPercent
        self.startFleet = startFleet
    }

    /// The attribute as CloudFormation reads it.
    public var cfValue: CFValue {
        var members: [CFValue.Member] = []
        if let percent = minSuccessfulInstancesPercent {
            members.append(CFValue.Member("AutoScalingCreationPolicy", .object([CFValue.Member("MinSuccessfulInstancesPercent", percent.cfValue)])))
        }
        if let signal = resourceSignal {
            members.append(CFValue.Member("ResourceSignal", .object(
                [signal.count.map { CFValue.Member("Count", $0.cfValue) }, signal.timeout.map { CFValue.Member("Timeout", .string($0)) }].compactMap { $0 })))
        }
        if let startFleet { members.append(CFValue.Member("StartFleet", startFleet.cfValue)) }
        return .object(members)
    }
}

/// `UpdatePolicy`: how CloudFormation updates an Auto Scaling group, a Lambda alias through
/// CodeDeploy, an ElastiCache replication group or an OpenSearch domain. Validation says so at the
/// resource's line for any other type.
///
/// ```swift
/// .updatePolicy(UpdatePolicy(autoScalingRollingUpdate: .init(maxBatchSize: 1, minInstancesInService: 1, pauseTime: "PT5M")))
/// ```
public struct UpdatePolicy: Sendable, CFValueConvertible {
    /// `AutoScalingRollingUpdate`: replace instances in batches.
    public struct RollingUpdate: Sendable {
        /// `MaxBatchSize`: instances replaced at once (default 1).
        public var maxBatchSize: Token<Int>?
        /// `MinActiveInstancesPercent`: 0 to 100.
        public var minActiveInstancesPercent: Token<Int>?
        /// `MinInstancesInService`: instances kept in service during the update.
        public var minInstancesInService: Token<Int>?
        /// `MinSuccessfulInstancesPercent`: 0 to 100.
        public var minSuccessfulInstancesPercent: Token<Int>?
        /// `PauseTime`: an ISO 8601 duration between batches, at most `PT1H`.
        public var pauseTime: String?
        /// `SuspendProcesses`: Auto Scaling processes suspended during the update.
        public var suspendProcesses: [String]?
        /// `WaitOnResourceSignals`: wait for each batch's signals.
        public var waitOnResourceSignals: Token<Bool>?

        /// A rolling update; nil leaves CloudFormation's default.
        public init(maxBatchSize: Token<Int>? = nil, minActiveInstancesPercent: Token<Int>? = nil, minInstancesInService: Token<Int>? = nil,
                    minSuccessfulInstancesPercent: Token<Int>? = nil, pauseTime: String? = nil, suspendProcesses: [String]? = nil,
                    waitOnResourceSignals: Token<Bool>? = nil) {
            self.maxBatchSize = maxBatchSize
            self.minActiveInstancesPercent = minActiveInstancesPercent
            self.minInstancesInService = minInstancesInService
            self.minSuccessfulInstancesPercent = minSuccessfulInstancesPercent
            self.pauseTime = pauseTime
            self.suspendProcesses = suspendProcesses
            self.waitOnResourceSignals = waitOnResourceSignals
        }

        var cfValue: CFValue {
            .object([
                maxBatchSize.map { CFValue.Member("MaxBatchSize", $0.cfValue) },
                minActiveInstancesPercent.map { CFValue.Member("MinActiveInstancesPercent", $0.cfValue) },
                minInstancesInService.map { CFValue.Member("MinInstancesInService", $0.cfValue) },
                minSuccessfulInstancesPercent.map { CFValue.Member("MinSuccessfulInstancesPercent", $0.cfValue) },
                pauseTime.map { CFValue.Member("PauseTime", .string($0)) },
                suspendProcesses.map { CFValue.Member("SuspendProcesses", .list($0.map(CFValue.string))) },
                waitOnResourceSignals.map { CFValue.Member("WaitOnResourceSignals", $0.cfValue) },
            ].compactMap { $0 })
        }
    }

    /// `CodeDeployLambdaAliasUpdate`: shift a Lambda alias's traffic through CodeDeploy.
    public struct CodeDeployLambdaAliasUpdate: Sendable {
        /// `ApplicationName`.
        public var applicationName: Token<String>
        /// `DeploymentGroupName`.
        public var deploymentGroupName: Token<String>
        /// `BeforeAllowTrafficHook`: a Lambda function's name run before traffic shifts.
        public var beforeAllowTrafficHook: Token<String>?
        /// `AfterAllowTrafficHook`: a Lambda function's name run after traffic shifts.
        public var afterAllowTrafficHook: Token<String>?

        /// A CodeDeploy alias update; the application and deployment group are required.
        public init(applicationName: Token<String>, deploymentGroupName: Token<String>, beforeAllowTrafficHook: Token<String>? = nil, afterAllowTrafficHook: Token<String>? = nil) {
            self.applicationName = applicationName
            self.deploymentGroupName = deploymentGroupName
            self.beforeAllowTrafficHook = beforeAllowTrafficHook
            self.afterAllowTrafficHook = afterAllowTrafficHook
        }

        var cfValue: CFValue {
            .object([
                afterAllowTrafficHook.map { CFValue.Member("AfterAllowTrafficHook", $0.cfValue) },
                CFValue.Member("ApplicationName", applicationName.cfValue),
                beforeAllowTrafficHook.map { CFValue.Member("BeforeAllowTrafficHook", $0.cfValue) },
                CFValue.Member("DeploymentGroupName", deploymentGroupName.cfValue),
            ].compactMap { $0 })
        }
    }

    /// `AutoScalingRollingUpdate`.
    public var autoScalingRollingUpdate: RollingUpdate?
    /// `AutoScalingReplacingUpdate.WillReplace`: replace the whole group instead.
    public var willReplace: Token<Bool>?
    /// `AutoScalingScheduledAction.IgnoreUnmodifiedGroupSizeProperties`.
    public var ignoreUnmodifiedGroupSizeProperties: Token<Bool>?
    /// `CodeDeployLambdaAliasUpdate`.
    public var codeDeployLambdaAliasUpdate: CodeDeployLambdaAliasUpdate?
    /// `EnableVersionUpgrade` (OpenSearch and Elasticsearch domains).
    public var enableVersionUpgrade: Token<Bool>?
    /// `UseOnlineResharding` (ElastiCache replication groups).
    public var useOnlineResharding: Token<Bool>?

    /// An update policy from its parts.
    public init(autoScalingRollingUpdate: RollingUpdate? = nil, willReplace: Token<Bool>? = nil, ignoreUnmodifiedGroupSizeProperties: Token<Bool>? = nil,
                codeDeployLambdaAliasUpdate: CodeDeployLambdaAliasUpdate? = nil, enableVersionUpgrade: Token<Bool>? = nil, useOnlineResharding: Token<Bool>? = nil) {
        self.autoScalingRollingUpdate = autoScalingRollingUpdate
        self.willReplace = willReplace
        self.ignoreUnmodifiedGroupSizeProperties = ignoreUnmodifiedGroupSizeProperties
        self.codeDeployLambdaAliasUpdate = codeDeployLambdaAliasUpdate
        self.enableVersionUpgrade = enableVersionUpgrade
        self.useOnlineResharding = useOnlineResharding
    }

    /// The attribute as CloudFormation reads it.
    public var cfValue: CFValue {
        .object([
            willReplace.map { CFValue.Member("AutoScalingReplacingUpdate", .object([CFValue.Member("WillReplace", $0.cfValue)])) },
            autoScalingRollingUpdate.map { CFValue.Member("AutoScalingRollingUpdate", $0.cfValue) },
            ignoreUnmodifiedGroupSizeProperties.map { CFValue.Member("AutoScalingScheduledAction", .object([CFValue.Member("IgnoreUnmodifiedGroupSizeProperties", $0.cfValue)])) },
            codeDeployLambdaAliasUpdate.map { CFValue.Member("CodeDeployLambdaAliasUpdate", $0.cfValue) },
            enableVersionUpgrade.map { CFValue.Member("EnableVersionUpgrade", $0.cfValue) },
            useOnlineResharding.map { CFValue.Member("UseOnlineResharding", $0.cfValue) },
        ].compactMap { $0 })
    }
}

extension Resource {
    /// Sets `CreationPolicy`.
    public func creationPolicy(_ policy: CreationPolicy) -> Self {
        attribute("CreationPolicy", policy.cfValue)
    }

    /// Sets `UpdatePolicy`.
    public func updatePolicy(_ policy: UpdatePolicy) -> Self {
        attribute("UpdatePolicy", policy.cfValue)
    }
}

/// The types CloudFormation honours each resource attribute policy on, from its documentation of
/// `CreationPolicy` and `UpdatePolicy`: a fact of the policies, read by ResourcePolicyRule.
enum ResourcePolicyTypes {
    /// Which keys of each attribute a type takes.
    static let accepted: [String: [String: Set<String>]] = [
        "CreationPolicy": [
            "AWS::AutoScaling::AutoScalingGroup": ["AutoScalingCreationPolicy", "ResourceSignal"],
            "AWS::EC2::Instance": ["ResourceSignal"],
            "AWS::CloudFormation::WaitCondition": ["ResourceSignal"],
            "AWS::AppStream::Fleet": ["StartFleet"],
        ],
        "UpdatePolicy": [
            "AWS::AutoScaling::AutoScalingGroup": ["AutoScalingReplacingUpdate", "AutoScalingRollingUpdate", "AutoScalingScheduledAction"],
            "AWS::Lambda::Alias": ["CodeDeployLambdaAliasUpdate"],
            "AWS::ElastiCache::ReplicationGroup": ["UseOnlineResharding"],
            "AWS::OpenSearchService::Domain": ["EnableVersionUpgrade"],
            "AWS::Elasticsearch::Domain": ["EnableVersionUpgrade"],
        ],
    ]
}
