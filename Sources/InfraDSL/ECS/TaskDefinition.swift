extension ECS {
    /// `AWS::ECS::TaskDefinition`: a revision of a task family — the containers that run together, their
    /// roles, network mode and volumes.
    ///
    /// `Ref` returns the task definition's ARN, revision included (`taskDefinitionArn` is the same value).
    /// Changing any property but `Tags` replaces it with a new revision:
    /// `ContainerDefinitions`, `Cpu`, `EnableFaultInjection`, `EphemeralStorage`, `ExecutionRoleArn`, `Family`, `InferenceAccelerators`, `IpcMode`,
    /// `Memory`, `NetworkMode`, `PidMode`, `PlacementConstraints`, `ProxyConfiguration`, `RequiresCompatibilities`, `RuntimePlatform`, `TaskRoleArn`, `Volumes`.
    ///
    /// ```swift
    /// ECS.TaskDefinition(
    ///     "TaskDefinitionAgentAccountX",
    ///     containerDefinitions: [
    ///         .init(
    ///             image: dockerAgentImage.ref,
    ///             name: "jenkins-agent-account-x",
    ///             cpu: 2048,
    ///             environment: [.init(name: "AWS_REGION", value: AWS.region)],
    ///             logConfiguration: .init(
    ///                 logDriver: "awslogs",
    ///                 options: ["awslogs-group": logGroup.ref, "awslogs-region": AWS.region, "awslogs-stream-prefix": "jenkins"]),
    ///             memoryReservation: 3584)
    ///     ],
    ///     family: "jenkins-agent-account-x",
    ///     networkMode: "bridge",
    ///     taskRoleArn: role.arn)
    /// ```
    public struct TaskDefinition: Resource {
        /// `AWS::ECS::TaskDefinition`.
        public var resourceType: String { "AWS::ECS::TaskDefinition" }
        /// The logical ID.
        public let logicalId: String
        /// Attributes, raw overrides and location.
        public var options: ResourceOptions

        /// `ContainerDefinitions`: the containers that make up the task.
        public var containerDefinitions: [ContainerDefinition]?
        /// `Cpu`: task-level CPU units (`1024` is one vCPU) or vCPUs (`1 vCPU`); required on Fargate, where only fixed sizes are valid.
        public var cpu: Token<String>?
        /// `EnableFaultInjection`: accepts fault-injection requests from the task's containers; `false` when unset.
        public var enableFaultInjection: Token<Bool>?
        /// `EphemeralStorage`: the ephemeral storage (Fargate) for the task.
        public var ephemeralStorage: EphemeralStorage?
        /// `ExecutionRoleArn`: the ARN of the role the ECS agent uses to pull images, write logs and read secrets.
        public var executionRoleArn: Token<String>?
        /// `Family`: the family the revision registers to: up to 255 letters, digits, `_` and `-`.
        public var family: Token<String>?
        /// `InferenceAccelerators`: Elastic Inference accelerators for the task's containers.
        public var inferenceAccelerators: [InferenceAccelerator]?
        /// `IpcMode`: the IPC namespace of the task's containers. Allowed values: `host`, `none`, `task`.
        public var ipcMode: Token<String>?
        /// `Memory`: task-level memory in MiB (`"512"`) or GB (`"1 GB"`); required on Fargate.
        public var memory: Token<String>?
        /// `NetworkMode`: the Docker networking mode; `bridge` on EC2 when unset, `awsvpc` required on Fargate. Allowed values: `awsvpc`, `bridge`, `host`, `none`.
        public var networkMode: Token<String>?
        /// `PidMode`: the process namespace of the task's containers. Allowed values: `host`, `task`.
        public var pidMode: Token<String>?
        /// `PlacementConstraints`: placement constraints for the task (not supported on Fargate).
        public var placementConstraints: [PlacementConstraint]?
        /// `ProxyConfiguration`: the App Mesh proxy configuration.
        public var proxyConfiguration: ProxyConfiguration?
        /// `RequiresCompatibilities`: launch types the task definition is validated against. Allowed values: `EC2`, `EXTERNAL`, `FARGATE`, `MANAGED_INSTANCES`.
        public var requiresCompatibilities: Token<[String]>?
        /// `RuntimePlatform`: the operating system and CPU architecture the task runs on.
        public var runtimePlatform: RuntimePlatform?
        /// `Tags`: up to 50 tags.
        public var tags: [Tag]?
        /// `TaskRoleArn`: the ARN (or name) of the IAM role the containers' AWS calls use — pass `role.arn`, not `role.ref`.
        public var taskRoleArn: Token<String>?
        /// `Volumes`: data volumes the containers can mount.
        public var volumes: [Volume]?

        /// A task definition; nothing is required by the schema, though ECS needs at least one container.
        public init(
            _ logicalId: String,
            containerDefinitions: [ContainerDefinition]? = nil,
            cpu: Token<String>? = nil,
            enableFaultInjection: Token<Bool>? = nil,
            ephemeralStorage: EphemeralStorage? = nil,
            executionRoleArn: Token<String>? = nil,
            family: Token<String>? = nil,
            inferenceAccelerators: [InferenceAccelerator]? = nil,
            ipcMode: Token<String>? = nil,
            memory: Token<String>? = nil,
            networkMode: Token<String>? = nil,
            pidMode: Token<String>? = nil,
            placementConstraints: [PlacementConstraint]? = nil,
            proxyConfiguration: ProxyConfiguration? = nil,
            requiresCompatibilities: Token<[String]>? = nil,
            runtimePlatform: RuntimePlatform? = nil,
            tags: [Tag]? = nil,
            taskRoleArn: Token<String>? = nil,
            volumes: [Volume]? = nil,
            file: String = #filePath,
            line: Int = #line
        ) {
            self.logicalId = logicalId
            options = ResourceOptions(location: SourceLocation(file: file, line: line))
            self.containerDefinitions = containerDefinitions
            self.cpu = cpu
            self.enableFaultInjection = enableFaultInjection
            self.ephemeralStorage = ephemeralStorage
            self.executionRoleArn = executionRoleArn
            self.family = family
            self.inferenceAccelerators = inferenceAccelerators
            self.ipcMode = ipcMode
            self.memory = memory
            self.networkMode = networkMode
            self.pidMode = pidMode
            self.placementConstraints = placementConstraints
            self.proxyConfiguration = proxyConfiguration
            self.requiresCompatibilities = requiresCompatibilities
            self.runtimePlatform = runtimePlatform
            self.tags = tags
            self.taskRoleArn = taskRoleArn
            self.volumes = volumes
        }

        /// The properties in schema (alphabetical) order.
        public var typedProperties: [CFValue.Member] {
            var writer = PropertyWriter()
            writer.add("ContainerDefinitions", containerDefinitions)
            writer.add("Cpu", cpu)
            writer.add("EnableFaultInjection", enableFaultInjection)
            writer.add("EphemeralStorage", ephemeralStorage)
            writer.add("ExecutionRoleArn", executionRoleArn)
            writer.add("Family", family)
            writer.add("InferenceAccelerators", inferenceAccelerators)
            writer.add("IpcMode", ipcMode)
            writer.add("Memory", memory)
            writer.add("NetworkMode", networkMode)
            writer.add("PidMode", pidMode)
            writer.add("PlacementConstraints", placementConstraints)
            writer.add("ProxyConfiguration", proxyConfiguration)
            writer.add("RequiresCompatibilities", requiresCompatibilities)
            writer.add("RuntimePlatform", runtimePlatform)
            writer.add("Tags", tags)
            writer.add("TaskRoleArn", taskRoleArn)
            writer.add("Volumes", volumes)
            return writer.members
        }

        /// `Fn::GetAtt TaskDefinitionArn`: the ARN of this revision.
        public var taskDefinitionArn: Token<String> { getAtt("TaskDefinitionArn") }
    }
}
