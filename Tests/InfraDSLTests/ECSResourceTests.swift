import Testing
@testable import InfraDSL
import InfraAWSECS
import InfraAWSIAM
import InfraAWSLogs

/// `ECS.Cluster` and `ECS.TaskDefinition`: rendering, required properties, attributes, nested key
/// order, completeness against the registry schema, and ECS's task-definition rules through synthesis.
@Suite struct ECSResourceTests {
    // MARK: - Fixtures

    /// The keys of a rendered object, in order.
    private func keys(_ value: CFValue) -> [String] {
        guard case .object(let members) = value else { return [] }
        return members.map(\.key)
    }

    /// The article's Jenkins agent task definition for one target account.
    private func articleTaskDefinition(image: Parameter, targetAccount: Parameter, logGroup: Logs.LogGroup, role: IAM.Role) -> ECS.TaskDefinition {
        ECS.TaskDefinition(
            "TaskDefinitionAgentAccountX",
            containerDefinitions: [
                .init(
                    image: image.ref,
                    name: "jenkins-agent-account-x",
                    cpu: 2048,
                    environment: [
                        .init(name: "AWS_REGION", value: AWS.region),
                        .init(name: "DEPLOY_ROLE", value: "arn:aws:iam::\(targetAccount):role/deploy-role"),
                    ],
                    logConfiguration: .init(
                        logDriver: "awslogs",
                        options: ["awslogs-stream-prefix": "jenkins", "awslogs-region": AWS.region, "awslogs-group": logGroup.ref]),
                    memoryReservation: 3584)
            ],
            family: "jenkins-agent-account-x",
            networkMode: "bridge",
            taskRoleArn: role.arn)
    }

    private let image = Parameter("DockerAgentImage", description: "The Jenkins agent image")
    private let targetAccount = Parameter("TargetAccountX", description: "The target account ID")
    private let logGroup = Logs.LogGroup("JenkinsAgentLogs", retentionInDays: 30)
    private let role = IAM.Role(
        "JenkinsAgentRole",
        assumeRolePolicyDocument: PolicyDocument {
            Statement(.allow, principal: .service("ecs-tasks.amazonaws.com"), action: "sts:AssumeRole")
        })

    /// A stack holding `resources` next to the article's parameters, log group and role.
    private func synthesize(_ resources: [any Resource]) -> [Diagnostic] {
        let app = App {
            Stack("jenkins-ecs", account: "111111111111", region: "eu-west-1") {
                image
                targetAccount
                logGroup
                role
                for resource in resources { resource }
            }
        }
        return app.synthesize().diagnostics
    }

    // MARK: - TaskDefinition rendering

    @Test func articleTaskDefinitionRendersTheExpectedProperties() {
        let taskDefinition = articleTaskDefinition(image: image, targetAccount: targetAccount, logGroup: logGroup, role: role)
        let expected: CFValue = [
            "ContainerDefinitions": [
                [
                    "Cpu": 2048,
                    "Environment": [
                        ["Name": "AWS_REGION", "Value": ["Ref": "AWS::Region"]],
                        ["Name": "DEPLOY_ROLE", "Value": ["Fn::Sub": "arn:aws:iam::${TargetAccountX}:role/deploy-role"]],
                    ],
                    "Image": ["Ref": "DockerAgentImage"],
                    "LogConfiguration": [
                        "LogDriver": "awslogs",
                        "Options": [
                            "awslogs-group": ["Ref": "JenkinsAgentLogs"],
                            "awslogs-region": ["Ref": "AWS::Region"],
                            "awslogs-stream-prefix": "jenkins",
                        ],
                    ],
                    "MemoryReservation": 3584,
                    "Name": "jenkins-agent-account-x",
                ]
            ],
            "Family": "jenkins-agent-account-x",
            "NetworkMode": "bridge",
            "TaskRoleArn": ["Fn::GetAtt": ["JenkinsAgentRole", "Arn"]],
        ]
        #expect(CFValue.object(taskDefinition.typedProperties) == expected)
        #expect(taskDefinition.resourceType == "AWS::ECS::TaskDefinition")
    }

    @Test func articleTaskDefinitionRendersInTheTemplate() {
        let taskDefinition = articleTaskDefinition(image: image, targetAccount: targetAccount, logGroup: logGroup, role: role)
        let app = App {
            Stack("jenkins-ecs", account: "111111111111", region: "eu-west-1") {
                image
                targetAccount
                logGroup
                role
                taskDefinition
            }
        }
        let synthesis = app.synthesize()
        #expect(synthesis.diagnostics.filter { $0.severity == .error }.isEmpty, "\(synthesis.diagnostics)")
        let template = synthesis.stacks.first?.template ?? ""
        #expect(template.contains(#""TaskDefinitionAgentAccountX": {"#))
        #expect(template.contains(#""Type": "AWS::ECS::TaskDefinition""#))
        #expect(template.contains(#""Fn::Sub": "arn:aws:iam::${TargetAccountX}:role/deploy-role""#))
    }

    @Test func compactJSONOfAContainerIsAlphabetical() {
        let container = ECS.TaskDefinition.ContainerDefinition(
            image: "jenkins/inbound-agent:latest",
            name: "agent",
            essential: true,
            memory: 512,
            portMappings: [.init(containerPort: 8080, hostPort: 0, protocol: "tcp")])
        #expect(JSONWriter.compact(container.cfValue)
            == #"{"Essential":true,"Image":"jenkins/inbound-agent:latest","Memory":512,"Name":"agent","PortMappings":[{"ContainerPort":8080,"HostPort":0,"Protocol":"tcp"}]}"#)
    }

    @Test func taskLevelPropertiesRender() {
        let taskDefinition = ECS.TaskDefinition(
            "FargateTask",
            containerDefinitions: [.init(image: "nginx", name: "web")],
            cpu: "256",
            ephemeralStorage: .init(sizeInGiB: 21),
            executionRoleArn: role.arn,
            memory: "512",
            networkMode: "awsvpc",
            requiresCompatibilities: ["FARGATE"],
            runtimePlatform: .init(cpuArchitecture: "ARM64", operatingSystemFamily: "LINUX"),
            tags: [Tag(key: "team", value: "platform")],
            volumes: [.init(efsVolumeConfiguration: .init(filesystemId: "fs-1234", transitEncryption: "ENABLED"), name: "data")])
        let expected: CFValue = [
            "ContainerDefinitions": [["Image": "nginx", "Name": "web"]],
            "Cpu": "256",
            "EphemeralStorage": ["SizeInGiB": 21],
            "ExecutionRoleArn": ["Fn::GetAtt": ["JenkinsAgentRole", "Arn"]],
            "Memory": "512",
            "NetworkMode": "awsvpc",
            "RequiresCompatibilities": ["FARGATE"],
            "RuntimePlatform": ["CpuArchitecture": "ARM64", "OperatingSystemFamily": "LINUX"],
            "Tags": [["Key": "team", "Value": "platform"]],
            "Volumes": [["EFSVolumeConfiguration": ["FilesystemId": "fs-1234", "TransitEncryption": "ENABLED"], "Name": "data"]],
        ]
        #expect(CFValue.object(taskDefinition.typedProperties) == expected)
    }

    @Test func emptyTaskDefinitionRendersNoProperties() {
        #expect(ECS.TaskDefinition("Empty").typedProperties.isEmpty)
    }

    // MARK: - Cluster rendering

    @Test func clusterRendersTheExpectedProperties() {
        let cluster = ECS.Cluster(
            "JenkinsCluster",
            capacityProviders: ["FARGATE", "FARGATE_SPOT"],
            clusterName: "jenkins-agents",
            clusterSettings: [.init(name: "containerInsights", value: "enabled")],
            configuration: .init(
                executeCommandConfiguration: .init(
                    logConfiguration: .init(cloudWatchEncryptionEnabled: true, cloudWatchLogGroupName: logGroup.ref),
                    logging: "OVERRIDE")),
            defaultCapacityProviderStrategy: [.init(base: 1, capacityProvider: "FARGATE", weight: 1), .init(capacityProvider: "FARGATE_SPOT", weight: 4)],
            serviceConnectDefaults: .init(namespace: "jenkins"),
            tags: [Tag(key: "team", value: "platform")])
        let expected: CFValue = [
            "CapacityProviders": ["FARGATE", "FARGATE_SPOT"],
            "ClusterName": "jenkins-agents",
            "ClusterSettings": [["Name": "containerInsights", "Value": "enabled"]],
            "Configuration": [
                "ExecuteCommandConfiguration": [
                    "LogConfiguration": ["CloudWatchEncryptionEnabled": true, "CloudWatchLogGroupName": ["Ref": "JenkinsAgentLogs"]],
                    "Logging": "OVERRIDE",
                ]
            ],
            "DefaultCapacityProviderStrategy": [
                ["Base": 1, "CapacityProvider": "FARGATE", "Weight": 1],
                ["CapacityProvider": "FARGATE_SPOT", "Weight": 4],
            ],
            "ServiceConnectDefaults": ["Namespace": "jenkins"],
            "Tags": [["Key": "team", "Value": "platform"]],
        ]
        #expect(cluster.resourceType == "AWS::ECS::Cluster")
        #expect(CFValue.object(cluster.typedProperties) == expected)
        #expect(ECS.Cluster("Bare").typedProperties.isEmpty)
    }

    // MARK: - Attributes and Ref

    @Test func attributesRenderGetAttAndRef() {
        let cluster = ECS.Cluster("JenkinsCluster")
        let taskDefinition = ECS.TaskDefinition("AgentTask")
        #expect(cluster.arn.cfValue == ["Fn::GetAtt": ["JenkinsCluster", "Arn"]])
        #expect(cluster.ref.cfValue == ["Ref": "JenkinsCluster"])
        #expect(taskDefinition.taskDefinitionArn.cfValue == ["Fn::GetAtt": ["AgentTask", "TaskDefinitionArn"]])
        #expect(taskDefinition.ref.cfValue == ["Ref": "AgentTask"])
    }

    // MARK: - Required properties

    @Test func requiredPropertiesAreNonOptionalAndAlwaysRendered() {
        // The initializers take the schema's required properties without defaults (a call without
        // `image:` or `name:` does not compile), and they always render.
        let container = ECS.TaskDefinition.ContainerDefinition(image: "busybox", name: "sidecar")
        #expect(container.cfValue == ["Image": "busybox", "Name": "sidecar"])

        let log = ECS.TaskDefinition.LogConfiguration(logDriver: "awslogs")
        #expect(log.cfValue == ["LogDriver": "awslogs"])

        let secret = ECS.TaskDefinition.Secret(name: "TOKEN", valueFrom: "arn:aws:ssm:eu-west-1:111111111111:parameter/token")
        #expect(secret.cfValue == ["Name": "TOKEN", "ValueFrom": "arn:aws:ssm:eu-west-1:111111111111:parameter/token"])

        let ulimit = ECS.TaskDefinition.Ulimit(hardLimit: 65536, name: "nofile", softLimit: 1024)
        #expect(ulimit.cfValue == ["HardLimit": 65536, "Name": "nofile", "SoftLimit": 1024])

        let proxy = ECS.TaskDefinition.ProxyConfiguration(containerName: "envoy")
        #expect(proxy.cfValue == ["ContainerName": "envoy"])
        #expect(ECS.TaskDefinition.PlacementConstraint(type: "memberOf").cfValue == ["Type": "memberOf"])
        #expect(ECS.TaskDefinition.Tmpfs(size: 64).cfValue == ["Size": 64])
        #expect(ECS.TaskDefinition.ResourceRequirement(type: "GPU", value: "1").cfValue == ["Type": "GPU", "Value": "1"])
        #expect(ECS.TaskDefinition.EFSVolumeConfiguration(filesystemId: "fs-1").cfValue == ["FilesystemId": "fs-1"])
        #expect(ECS.TaskDefinition.FSxWindowsFileServerVolumeConfiguration(fileSystemId: "fs-2", rootDirectory: "share").cfValue
            == ["FileSystemId": "fs-2", "RootDirectory": "share"])
        #expect(ECS.TaskDefinition.FSxAuthorizationConfig(credentialsParameter: "arn:secret", domain: "corp.example.com").cfValue
            == ["CredentialsParameter": "arn:secret", "Domain": "corp.example.com"])
        #expect(ECS.TaskDefinition.S3FilesVolumeConfiguration(fileSystemArn: "arn:fs").cfValue == ["FileSystemArn": "arn:fs"])
        #expect(ECS.TaskDefinition.SharingStrategy(nvidiaMps: .init(memory: 1024)).cfValue == ["NvidiaMps": ["Memory": 1024]])
    }

    // MARK: - Nested structs: alphabetical keys and completeness against the schema

    /// A container definition with every property of the registry schema set.
    private var fullContainer: ECS.TaskDefinition.ContainerDefinition {
        .init(
            image: "app:1", name: "app",
            command: ["run", "--fast"], cpu: 256, credentialSpecs: ["arn:aws:s3:::bucket/spec.json"],
            dependsOn: [.init(condition: "HEALTHY", containerName: "db")],
            disableNetworking: false, dnsSearchDomains: ["example.com"], dnsServers: ["10.0.0.2"],
            dockerLabels: ["z": "last", "a": "first"], dockerSecurityOptions: ["no-new-privileges"],
            entryPoint: ["/bin/sh", "-c"], environment: [.init(name: "A", value: "1")],
            environmentFiles: [.init(type: "s3", value: "arn:aws:s3:::bucket/app.env")], essential: true,
            extraHosts: [.init(hostname: "db", ipAddress: "10.0.0.3")],
            firelensConfiguration: .init(options: ["enable-ecs-log-metadata": "true"], type: "fluentbit"),
            healthCheck: .init(command: ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], interval: 30, retries: 3, startPeriod: 10, timeout: 5),
            hostname: "app", interactive: false, links: ["db:database"],
            linuxParameters: .init(
                capabilities: .init(add: ["SYS_PTRACE"], drop: ["NET_RAW"]),
                devices: [.init(containerPath: "/dev/fuse", hostPath: "/dev/fuse", permissions: ["read", "write"])],
                initProcessEnabled: true, maxSwap: 0, sharedMemorySize: 64, swappiness: 60,
                tmpfs: [.init(size: 64, containerPath: "/tmp", mountOptions: ["rw"])]),
            logConfiguration: .init(logDriver: "awslogs", options: ["awslogs-group": "g"], secretOptions: [.init(name: "key", valueFrom: "arn:secret")]),
            memory: 1024, memoryReservation: 512,
            mountPoints: [.init(containerPath: "/data", readOnly: true, sourceVolume: "data")],
            portMappings: [.init(appProtocol: "http", containerPort: 80, containerPortRange: nil, hostPort: 0, name: "web", protocol: "tcp")],
            privileged: false, pseudoTerminal: false, readonlyRootFilesystem: true,
            repositoryCredentials: .init(credentialsParameter: "arn:secret"),
            resourceRequirements: [.init(type: "GPU", sharingStrategy: .init(nvidiaMps: .init(memory: 2048, maxComputePercent: 50)), value: "1")],
            restartPolicy: .init(enabled: true, ignoredExitCodes: [0, 143], restartAttemptPeriod: 300),
            secrets: [.init(name: "TOKEN", valueFrom: "arn:secret")], startTimeout: 60, stopTimeout: 30,
            systemControls: [.init(namespace: "net.core.somaxconn", value: "1024")],
            ulimits: [.init(hardLimit: 4096, name: "nofile", softLimit: 1024)], user: "1000:1000",
            versionConsistency: "enabled", volumesFrom: [.init(readOnly: true, sourceContainer: "init")], workingDirectory: "/app")
    }

    @Test func containerDefinitionCoversEveryPropertyOfTheSchemaInAlphabeticalOrder() {
        let schemaKeys = [
            "Command", "Cpu", "CredentialSpecs", "DependsOn", "DisableNetworking", "DnsSearchDomains", "DnsServers", "DockerLabels",
            "DockerSecurityOptions", "EntryPoint", "Environment", "EnvironmentFiles", "Essential", "ExtraHosts", "FirelensConfiguration",
            "HealthCheck", "Hostname", "Image", "Interactive", "Links", "LinuxParameters", "LogConfiguration", "Memory", "MemoryReservation",
            "MountPoints", "Name", "PortMappings", "Privileged", "PseudoTerminal", "ReadonlyRootFilesystem", "RepositoryCredentials",
            "ResourceRequirements", "RestartPolicy", "Secrets", "StartTimeout", "StopTimeout", "SystemControls", "Ulimits", "User",
            "VersionConsistency", "VolumesFrom", "WorkingDirectory",
        ]
        let container = fullContainer.cfValue
        #expect(keys(container) == schemaKeys)
        #expect(schemaKeys == schemaKeys.sorted())
        // Nested structs and string maps render alphabetically too, whatever order they were written in.
        #expect(keys(container["DockerLabels"]!) == ["a", "z"])
        #expect(keys(container["HealthCheck"]!) == ["Command", "Interval", "Retries", "StartPeriod", "Timeout"])
        #expect(keys(container["LinuxParameters"]!) == ["Capabilities", "Devices", "InitProcessEnabled", "MaxSwap", "SharedMemorySize", "Swappiness", "Tmpfs"])
        #expect(keys(container["LogConfiguration"]!) == ["LogDriver", "Options", "SecretOptions"])
        #expect(keys(container["FirelensConfiguration"]!) == ["Options", "Type"])
        #expect(container["RestartPolicy"]?["IgnoredExitCodes"] == [0, 143])
        #expect(container["ResourceRequirements"] == [["SharingStrategy": ["NvidiaMps": ["MaxComputePercent": 50, "Memory": 2048]], "Type": "GPU", "Value": "1"]])
        #expect(container["PortMappings"] == [["AppProtocol": "http", "ContainerPort": 80, "HostPort": 0, "Name": "web", "Protocol": "tcp"]])
    }

    @Test func taskDefinitionCoversEveryPropertyOfTheSchema() {
        let taskDefinition = ECS.TaskDefinition(
            "Full",
            containerDefinitions: [fullContainer], cpu: "1024", enableFaultInjection: false, ephemeralStorage: .init(sizeInGiB: 30),
            executionRoleArn: role.arn, family: "full", inferenceAccelerators: [.init(deviceName: "eia", deviceType: "eia2.medium")],
            ipcMode: "task", memory: "2048", networkMode: "awsvpc", pidMode: "task",
            placementConstraints: [.init(type: "memberOf", expression: "attribute:ecs.instance-type =~ t3.*")],
            proxyConfiguration: .init(containerName: "envoy", proxyConfigurationProperties: [.init(name: "IgnoredUID", value: "1337")], type: "APPMESH"),
            requiresCompatibilities: ["EC2"], runtimePlatform: .init(cpuArchitecture: "X86_64", operatingSystemFamily: "LINUX"),
            tags: [Tag(key: "k", value: "v")], taskRoleArn: role.arn,
            volumes: [
                .init(configuredAtLaunch: false,
                      dockerVolumeConfiguration: .init(autoprovision: true, driver: "local", driverOpts: ["type": "nfs"], labels: ["b": "2", "a": "1"], scope: "shared"),
                      efsVolumeConfiguration: .init(filesystemId: "fs-1", authorizationConfig: .init(accessPointId: "fsap-1", iam: "ENABLED"),
                                                    rootDirectory: "/", transitEncryption: "ENABLED", transitEncryptionPort: 2049),
                      fsxWindowsFileServerVolumeConfiguration: .init(
                        fileSystemId: "fs-2", rootDirectory: "share",
                        authorizationConfig: .init(credentialsParameter: "arn:secret", domain: "corp.example.com")),
                      host: .init(sourcePath: "/var/data"), name: "data",
                      s3FilesVolumeConfiguration: .init(fileSystemArn: "arn:fs", accessPointArn: "arn:ap", rootDirectory: "/", transitEncryptionPort: 2049))
            ])
        let properties = CFValue.object(taskDefinition.typedProperties)
        #expect(keys(properties) == [
            "ContainerDefinitions", "Cpu", "EnableFaultInjection", "EphemeralStorage", "ExecutionRoleArn", "Family", "InferenceAccelerators",
            "IpcMode", "Memory", "NetworkMode", "PidMode", "PlacementConstraints", "ProxyConfiguration", "RequiresCompatibilities",
            "RuntimePlatform", "Tags", "TaskRoleArn", "Volumes",
        ])
        let volume = properties["Volumes"].flatMap { if case .list(let items) = $0 { items.first } else { nil } }
        #expect(volume.map(keys) == [
            "ConfiguredAtLaunch", "DockerVolumeConfiguration", "EFSVolumeConfiguration", "FSxWindowsFileServerVolumeConfiguration", "Host",
            "Name", "S3FilesVolumeConfiguration",
        ])
        #expect(volume?["DockerVolumeConfiguration"] == ["Autoprovision": true, "Driver": "local", "DriverOpts": ["type": "nfs"], "Labels": ["a": "1", "b": "2"], "Scope": "shared"])
        #expect(volume?["EFSVolumeConfiguration"].map(keys) == ["AuthorizationConfig", "FilesystemId", "RootDirectory", "TransitEncryption", "TransitEncryptionPort"])
        #expect(volume?["EFSVolumeConfiguration"]?["AuthorizationConfig"] == ["AccessPointId": "fsap-1", "IAM": "ENABLED"])
        #expect(properties["PlacementConstraints"] == [["Expression": "attribute:ecs.instance-type =~ t3.*", "Type": "memberOf"]])
        #expect(properties["ProxyConfiguration"] == ["ContainerName": "envoy", "ProxyConfigurationProperties": [["Name": "IgnoredUID", "Value": "1337"]], "Type": "APPMESH"])
        #expect(properties["InferenceAccelerators"] == [["DeviceName": "eia", "DeviceType": "eia2.medium"]])
    }

    @Test func clusterNestedTypesCoverTheSchema() {
        let configuration = ECS.Cluster.ClusterConfiguration(
            executeCommandConfiguration: .init(
                kmsKeyId: "alias/exec",
                logConfiguration: .init(
                    cloudWatchEncryptionEnabled: true, cloudWatchLogGroupName: "exec", s3BucketName: "logs",
                    s3EncryptionEnabled: true, s3KeyPrefix: "exec/"),
                logging: "OVERRIDE"),
            managedStorageConfiguration: .init(fargateEphemeralStorageKmsKeyId: "key-1", kmsKeyId: "key-2"))
        #expect(configuration.cfValue == [
            "ExecuteCommandConfiguration": [
                "KmsKeyId": "alias/exec",
                "LogConfiguration": [
                    "CloudWatchEncryptionEnabled": true, "CloudWatchLogGroupName": "exec", "S3BucketName": "logs",
                    "S3EncryptionEnabled": true, "S3KeyPrefix": "exec/",
                ],
                "Logging": "OVERRIDE",
            ],
            "ManagedStorageConfiguration": ["FargateEphemeralStorageKmsKeyId": "key-1", "KmsKeyId": "key-2"],
        ])
    }

    @Test func rawPropertyOverridesATypedOne() {
        let taskDefinition = ECS.TaskDefinition("Task", family: "typed").property("Family", "raw").property("PidMode", "host")
        let declaration = taskDefinition.stackElements.compactMap { element -> ResourceDeclaration? in
            if case .resource(let declaration) = element { declaration } else { nil }
        }.first
        #expect(declaration.map { CFValue.object($0.properties) } == ["Family": "raw", "PidMode": "host"])
    }

    // MARK: - ECS rules through synthesis

    private func errors(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.filter { $0.severity == .error }.map(\.message)
    }

    @Test func validTaskDefinitionSynthesizesWithoutErrors() {
        let diagnostics = synthesize([articleTaskDefinition(image: image, targetAccount: targetAccount, logGroup: logGroup, role: role)])
        #expect(errors(diagnostics).isEmpty, "\(diagnostics)")
    }

    @Test func containerWithoutMemoryIsAnError() {
        let line = #line + 1
        let taskDefinition = ECS.TaskDefinition("NoMemory", containerDefinitions: [.init(image: "busybox", name: "a")], family: "no-memory")
        let diagnostics = synthesize([taskDefinition])
        let matching = diagnostics.filter { $0.message.contains("ContainerDefinitions[0] sets neither Memory nor MemoryReservation") }
        #expect(matching.count == 1, "\(diagnostics)")
        #expect(matching.first?.location.line == line)
        #expect(matching.first?.location.file.hasSuffix("ECSResourceTests.swift") == true)
        #expect(matching.first?.message.contains("resource 'NoMemory' (AWS::ECS::TaskDefinition)") == true)
    }

    @Test func taskLevelMemoryCoversContainersWithoutMemory() {
        let taskDefinition = ECS.TaskDefinition("TaskMemory", containerDefinitions: [.init(image: "busybox", name: "a")], family: "task-memory", memory: "512")
        #expect(errors(synthesize([taskDefinition])).isEmpty)
    }

    @Test func reservationAboveHardLimitIsAnError() {
        let taskDefinition = ECS.TaskDefinition(
            "TooMuch", containerDefinitions: [.init(image: "busybox", name: "a", memory: 512, memoryReservation: 1024)], family: "too-much")
        #expect(errors(synthesize([taskDefinition])).contains {
            $0.contains("ContainerDefinitions[0].MemoryReservation 1024 is greater than its Memory 512")
        })
    }

    @Test func invalidFamilyIsAnError() {
        let taskDefinition = ECS.TaskDefinition("BadFamily", containerDefinitions: [.init(image: "busybox", name: "a", memory: 128)], family: "jenkins agent")
        #expect(errors(synthesize([taskDefinition])).contains { $0.contains("Family 'jenkins agent' is invalid") })
    }

    @Test func rawContainerMissingRequiredPropertiesIsAnError() {
        let taskDefinition = ECS.TaskDefinition("Raw", family: "raw").property("ContainerDefinitions", [["Memory": 128]] as CFValue)
        let messages = errors(synthesize([taskDefinition]))
        #expect(messages.contains { $0.contains("required property Name is missing in ContainerDefinitions[0]") }, "\(messages)")
        #expect(messages.contains { $0.contains("required property Image is missing in ContainerDefinitions[0]") }, "\(messages)")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let first = ECS.TaskDefinition("First", containerDefinitions: [.init(image: "busybox", name: "a")], family: "first")
        let second = ECS.TaskDefinition("Second", containerDefinitions: [.init(image: "busybox", name: "b", memory: 64, memoryReservation: 128)], family: "bad family")
        let messages = errors(synthesize([first, second]))
        #expect(messages.filter { $0.contains("'First'") }.count == 1, "\(messages)")
        #expect(messages.filter { $0.contains("'Second'") }.count == 2, "\(messages)")
    }

    @Test func clusterSynthesizesWithoutErrors() {
        let cluster = ECS.Cluster("JenkinsCluster", clusterName: "jenkins", clusterSettings: [.init(name: "containerInsights", value: "enabled")])
        #expect(errors(synthesize([cluster])).isEmpty)
    }
}
