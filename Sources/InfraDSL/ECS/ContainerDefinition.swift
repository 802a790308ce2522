// The container definition of `AWS::ECS::TaskDefinition` and the property types it uses.

extension ECS.TaskDefinition {
    /// `ContainerDefinition`: one container of the task — image, resources, environment, logging, ports and mounts.
    public struct ContainerDefinition: CFValueConvertible {
        /// `Command`: the command passed to the container (`CMD`), one argument per item.
        public var command: Token<[String]>?
        /// `Cpu`: CPU units reserved for the container (`1024` is one vCPU).
        public var cpu: Token<Int>?
        /// `CredentialSpecs`: ARNs (SSM or S3) of credential spec files for Active Directory authentication.
        public var credentialSpecs: Token<[String]>?
        /// `DependsOn`: containers that must reach a condition before this one starts.
        public var dependsOn: [ContainerDependency]?
        /// `DisableNetworking`: turns networking off inside the container (Linux only).
        public var disableNetworking: Token<Bool>?
        /// `DnsSearchDomains`: DNS search domains presented to the container (Linux only).
        public var dnsSearchDomains: Token<[String]>?
        /// `DnsServers`: DNS servers presented to the container (Linux only).
        public var dnsServers: Token<[String]>?
        /// `DockerLabels`: Docker labels on the container.
        public var dockerLabels: [String: Token<String>]?
        /// `DockerSecurityOptions`: security options for SELinux, AppArmor or Windows credential specs (not on Fargate).
        public var dockerSecurityOptions: Token<[String]>?
        /// `EntryPoint`: the entry point passed to the container (`ENTRYPOINT`), one argument per item.
        public var entryPoint: Token<[String]>?
        /// `Environment`: environment variables (use `Secrets` for sensitive values).
        public var environment: [KeyValuePair]?
        /// `EnvironmentFiles`: up to ten `.env` files in S3 with environment variables.
        public var environmentFiles: [EnvironmentFile]?
        /// `Essential`: stops the whole task when this container stops; `true` when unset, and a task needs at least one essential container.
        public var essential: Token<Bool>?
        /// `ExtraHosts`: hostname-to-IP entries appended to `/etc/hosts` (not with `awsvpc`).
        public var extraHosts: [HostEntry]?
        /// `FirelensConfiguration`: makes the container a FireLens log router.
        public var firelensConfiguration: FirelensConfiguration?
        /// `HealthCheck`: the container's health check.
        public var healthCheck: HealthCheck?
        /// `Hostname`: the container's hostname (not with `awsvpc`).
        public var hostname: Token<String>?
        /// `Image`: the image to run: `repository-url/image:tag`, `@digest`, or a Docker Hub name.
        public var image: Token<String>
        /// `Interactive`: keeps stdin open (`docker run --interactive`).
        public var interactive: Token<Bool>?
        /// `Links`: `name:alias` links to other containers (`bridge` network mode only).
        public var links: Token<[String]>?
        /// `LinuxParameters`: Linux-specific settings: kernel capabilities, devices, init process, swap, tmpfs.
        public var linuxParameters: LinuxParameters?
        /// `LogConfiguration`: the log driver and its options, such as `awslogs` to CloudWatch Logs.
        public var logConfiguration: LogConfiguration?
        /// `Memory`: the hard memory limit in MiB; the container is killed above it.
        public var memory: Token<Int>?
        /// `MemoryReservation`: the soft memory limit in MiB, reserved for the container; at most `Memory` when both are set.
        public var memoryReservation: Token<Int>?
        /// `MountPoints`: volumes of the task mounted into the container.
        public var mountPoints: [MountPoint]?
        /// `Name`: the container's name: up to 255 letters, digits, `_` and `-`.
        public var name: Token<String>
        /// `PortMappings`: ports the container exposes and how they map to the host.
        public var portMappings: [PortMapping]?
        /// `Privileged`: gives the container root-like privileges on the host (not on Fargate).
        public var privileged: Token<Bool>?
        /// `PseudoTerminal`: allocates a TTY.
        public var pseudoTerminal: Token<Bool>?
        /// `ReadonlyRootFilesystem`: mounts the container's root file system read-only.
        public var readonlyRootFilesystem: Token<Bool>?
        /// `RepositoryCredentials`: credentials for a private image registry.
        public var repositoryCredentials: RepositoryCredentials?
        /// `ResourceRequirements`: GPUs or other devices assigned to the container.
        public var resourceRequirements: [ResourceRequirement]?
        /// `RestartPolicy`: restarts the container in place when it exits.
        public var restartPolicy: RestartPolicy?
        /// `Secrets`: environment variables taken from Secrets Manager or SSM Parameter Store.
        public var secrets: [Secret]?
        /// `StartTimeout`: seconds to wait for `DependsOn` conditions before giving up.
        public var startTimeout: Token<Int>?
        /// `StopTimeout`: seconds before a container that does not exit on its own is killed.
        public var stopTimeout: Token<Int>?
        /// `SystemControls`: namespaced kernel parameters (`sysctl`) for the container.
        public var systemControls: [SystemControl]?
        /// `Ulimits`: `ulimit`s for the container.
        public var ulimits: [Ulimit]?
        /// `User`: the user (and group) inside the container: `user`, `uid`, `user:group` …
        public var user: Token<String>?
        /// `VersionConsistency`: whether ECS pins the image tag to its digest at deployment; `enabled` when unset. Allowed values: `enabled`, `disabled`.
        public var versionConsistency: Token<String>?
        /// `VolumesFrom`: volumes mounted from another container of the task.
        public var volumesFrom: [VolumeFrom]?
        /// `WorkingDirectory`: the working directory of the container's commands.
        public var workingDirectory: Token<String>?

        /// A container definition; `Image` and `Name` are required.
        public init(
            image: Token<String>,
            name: Token<String>,
            command: Token<[String]>? = nil,
            cpu: Token<Int>? = nil,
            credentialSpecs: Token<[String]>? = nil,
            dependsOn: [ContainerDependency]? = nil,
            disableNetworking: Token<Bool>? = nil,
            dnsSearchDomains: Token<[String]>? = nil,
            dnsServers: Token<[String]>? = nil,
            dockerLabels: [String: Token<String>]? = nil,
            dockerSecurityOptions: Token<[String]>? = nil,
            entryPoint: Token<[String]>? = nil,
            environment: [KeyValuePair]? = nil,
            environmentFiles: [EnvironmentFile]? = nil,
            essential: Token<Bool>? = nil,
            extraHosts: [HostEntry]? = nil,
            firelensConfiguration: FirelensConfiguration? = nil,
            healthCheck: HealthCheck? = nil,
            hostname: Token<String>? = nil,
            interactive: Token<Bool>? = nil,
            links: Token<[String]>? = nil,
            linuxParameters: LinuxParameters? = nil,
            logConfiguration: LogConfiguration? = nil,
            memory: Token<Int>? = nil,
            memoryReservation: Token<Int>? = nil,
            mountPoints: [MountPoint]? = nil,
            portMappings: [PortMapping]? = nil,
            privileged: Token<Bool>? = nil,
            pseudoTerminal: Token<Bool>? = nil,
            readonlyRootFilesystem: Token<Bool>? = nil,
            repositoryCredentials: RepositoryCredentials? = nil,
            resourceRequirements: [ResourceRequirement]? = nil,
            restartPolicy: RestartPolicy? = nil,
            secrets: [Secret]? = nil,
            startTimeout: Token<Int>? = nil,
            stopTimeout: Token<Int>? = nil,
            systemControls: [SystemControl]? = nil,
            ulimits: [Ulimit]? = nil,
            user: Token<String>? = nil,
            versionConsistency: Token<String>? = nil,
            volumesFrom: [VolumeFrom]? = nil,
            workingDirectory: Token<String>? = nil
        ) {
            self.command = command
            self.cpu = cpu
            self.credentialSpecs = credentialSpecs
            self.dependsOn = dependsOn
            self.disableNetworking = disableNetworking
            self.dnsSearchDomains = dnsSearchDomains
            self.dnsServers = dnsServers
            self.dockerLabels = dockerLabels
            self.dockerSecurityOptions = dockerSecurityOptions
            self.entryPoint = entryPoint
            self.environment = environment
            self.environmentFiles = environmentFiles
            self.essential = essential
            self.extraHosts = extraHosts
            self.firelensConfiguration = firelensConfiguration
            self.healthCheck = healthCheck
            self.hostname = hostname
            self.image = image
            self.interactive = interactive
            self.links = links
            self.linuxParameters = linuxParameters
            self.logConfiguration = logConfiguration
            self.memory = memory
            self.memoryReservation = memoryReservation
            self.mountPoints = mountPoints
            self.name = name
            self.portMappings = portMappings
            self.privileged = privileged
            self.pseudoTerminal = pseudoTerminal
            self.readonlyRootFilesystem = readonlyRootFilesystem
            self.repositoryCredentials = repositoryCredentials
            self.resourceRequirements = resourceRequirements
            self.restartPolicy = restartPolicy
            self.secrets = secrets
            self.startTimeout = startTimeout
            self.stopTimeout = stopTimeout
            self.systemControls = systemControls
            self.ulimits = ulimits
            self.user = user
            self.versionConsistency = versionConsistency
            self.volumesFrom = volumesFrom
            self.workingDirectory = workingDirectory
        }

        /// The container definition as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("Command", command)
            writer.add("Cpu", cpu)
            writer.add("CredentialSpecs", credentialSpecs)
            writer.add("DependsOn", dependsOn)
            writer.add("DisableNetworking", disableNetworking)
            writer.add("DnsSearchDomains", dnsSearchDomains)
            writer.add("DnsServers", dnsServers)
            writer.add("DockerLabels", dockerLabels)
            writer.add("DockerSecurityOptions", dockerSecurityOptions)
            writer.add("EntryPoint", entryPoint)
            writer.add("Environment", environment)
            writer.add("EnvironmentFiles", environmentFiles)
            writer.add("Essential", essential)
            writer.add("ExtraHosts", extraHosts)
            writer.add("FirelensConfiguration", firelensConfiguration)
            writer.add("HealthCheck", healthCheck)
            writer.add("Hostname", hostname)
            writer.add("Image", image)
            writer.add("Interactive", interactive)
            writer.add("Links", links)
            writer.add("LinuxParameters", linuxParameters)
            writer.add("LogConfiguration", logConfiguration)
            writer.add("Memory", memory)
            writer.add("MemoryReservation", memoryReservation)
            writer.add("MountPoints", mountPoints)
            writer.add("Name", name)
            writer.add("PortMappings", portMappings)
            writer.add("Privileged", privileged)
            writer.add("PseudoTerminal", pseudoTerminal)
            writer.add("ReadonlyRootFilesystem", readonlyRootFilesystem)
            writer.add("RepositoryCredentials", repositoryCredentials)
            writer.add("ResourceRequirements", resourceRequirements)
            writer.add("RestartPolicy", restartPolicy)
            writer.add("Secrets", secrets)
            writer.add("StartTimeout", startTimeout)
            writer.add("StopTimeout", stopTimeout)
            writer.add("SystemControls", systemControls)
            writer.add("Ulimits", ulimits)
            writer.add("User", user)
            writer.add("VersionConsistency", versionConsistency)
            writer.add("VolumesFrom", volumesFrom)
            writer.add("WorkingDirectory", workingDirectory)
            return .object(writer.members)
        }
    }

    /// `ContainerDependency`: a container that must reach a condition before this one starts.
    public struct ContainerDependency: CFValueConvertible {
        /// `Condition`: the state the other container must reach. Allowed values: `COMPLETE`, `HEALTHY`, `START`, `SUCCESS`.
        public var condition: Token<String>?
        /// `ContainerName`: the container depended on.
        public var containerName: Token<String>?

        /// A container dependency; nothing is required.
        public init(condition: Token<String>? = nil, containerName: Token<String>? = nil) {
            self.condition = condition
            self.containerName = containerName
        }

        /// The container dependency as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("Condition", condition)
            writer.add("ContainerName", containerName)
            return .object(writer.members)
        }
    }

    /// `Device`: a host device exposed to the container.
    public struct Device: CFValueConvertible {
        /// `ContainerPath`: the path inside the container where the device appears.
        public var containerPath: Token<String>?
        /// `HostPath`: the device's path on the host.
        public var hostPath: Token<String>?
        /// `Permissions`: the container's permissions on the device; all three when unset. Allowed values: `mknod`, `read`, `write`.
        public var permissions: Token<[String]>?

        /// A device; nothing is required.
        public init(
            containerPath: Token<String>? = nil,
            hostPath: Token<String>? = nil,
            permissions: Token<[String]>? = nil
        ) {
            self.containerPath = containerPath
            self.hostPath = hostPath
            self.permissions = permissions
        }

        /// The device as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("ContainerPath", containerPath)
            writer.add("HostPath", hostPath)
            writer.add("Permissions", permissions)
            return .object(writer.members)
        }
    }

    /// `EnvironmentFile`: a `.env` file in S3 whose variables the container receives.
    public struct EnvironmentFile: CFValueConvertible {
        /// `Type`: the file's type. Allowed value: `s3`.
        public var type: Token<String>?
        /// `Value`: the ARN of the S3 object holding the file.
        public var value: Token<String>?

        /// An environment file; nothing is required.
        public init(type: Token<String>? = nil, value: Token<String>? = nil) {
            self.type = type
            self.value = value
        }

        /// The environment file as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("Type", type)
            writer.add("Value", value)
            return .object(writer.members)
        }
    }

    /// `FirelensConfiguration`: makes the container a FireLens log router (Fluent Bit or Fluentd).
    public struct FirelensConfiguration: CFValueConvertible {
        /// `Options`: router options, such as `enable-ecs-log-metadata` or `config-file-value`.
        public var options: [String: Token<String>]?
        /// `Type`: the log router. Allowed values: `fluentbit`, `fluentd`.
        public var type: Token<String>?

        /// A FireLens configuration; nothing is required.
        public init(options: [String: Token<String>]? = nil, type: Token<String>? = nil) {
            self.options = options
            self.type = type
        }

        /// The FireLens configuration as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("Options", options)
            writer.add("Type", type)
            return .object(writer.members)
        }
    }

    /// `HealthCheck`: the command that tells whether the container is healthy, and how often it runs.
    public struct HealthCheck: CFValueConvertible {
        /// `Command`: the check: `["CMD", …]` runs it directly, `["CMD-SHELL", "…"]` through the shell.
        public var command: Token<[String]>?
        /// `Interval`: seconds between checks, 5 to 300; 30 when unset.
        public var interval: Token<Int>?
        /// `Retries`: failed checks, 1 to 10, before the container is unhealthy; 3 when unset.
        public var retries: Token<Int>?
        /// `StartPeriod`: a grace period in seconds, 0 to 300, before failures count.
        public var startPeriod: Token<Int>?
        /// `Timeout`: seconds, 2 to 60, a check may take before it fails; 5 when unset.
        public var timeout: Token<Int>?

        /// A health check; nothing is required.
        public init(
            command: Token<[String]>? = nil,
            interval: Token<Int>? = nil,
            retries: Token<Int>? = nil,
            startPeriod: Token<Int>? = nil,
            timeout: Token<Int>? = nil
        ) {
            self.command = command
            self.interval = interval
            self.retries = retries
            self.startPeriod = startPeriod
            self.timeout = timeout
        }

        /// The health check as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("Command", command)
            writer.add("Interval", interval)
            writer.add("Retries", retries)
            writer.add("StartPeriod", startPeriod)
            writer.add("Timeout", timeout)
            return .object(writer.members)
        }
    }

    /// `HostEntry`: one `/etc/hosts` entry.
    public struct HostEntry: CFValueConvertible {
        /// `Hostname`: the hostname of the `/etc/hosts` entry.
        public var hostname: Token<String>?
        /// `IpAddress`: the IP address of the `/etc/hosts` entry.
        public var ipAddress: Token<String>?

        /// A hosts entry; nothing is required.
        public init(hostname: Token<String>? = nil, ipAddress: Token<String>? = nil) {
            self.hostname = hostname
            self.ipAddress = ipAddress
        }

        /// The hosts entry as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("Hostname", hostname)
            writer.add("IpAddress", ipAddress)
            return .object(writer.members)
        }
    }

    /// `KernelCapabilities`: Linux capabilities added to or dropped from Docker's defaults.
    public struct KernelCapabilities: CFValueConvertible {
        /// `Add`: Linux capabilities added to Docker's default set, such as `SYS_PTRACE`.
        public var add: Token<[String]>?
        /// `Drop`: Linux capabilities removed from Docker's default set.
        public var drop: Token<[String]>?

        /// A capability change; nothing is required.
        public init(add: Token<[String]>? = nil, drop: Token<[String]>? = nil) {
            self.add = add
            self.drop = drop
        }

        /// The capability change as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("Add", add)
            writer.add("Drop", drop)
            return .object(writer.members)
        }
    }

    /// `KeyValuePair`: a name and a value — an environment variable, or a proxy setting.
    public struct KeyValuePair: CFValueConvertible {
        /// `Name`: the name, such as an environment variable's.
        public var name: Token<String>?
        /// `Value`: the value.
        public var value: Token<String>?

        /// A name–value pair; nothing is required.
        public init(name: Token<String>? = nil, value: Token<String>? = nil) {
            self.name = name
            self.value = value
        }

        /// The name–value pair as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("Name", name)
            writer.add("Value", value)
            return .object(writer.members)
        }
    }

    /// `LinuxParameters`: Linux-specific container settings.
    public struct LinuxParameters: CFValueConvertible {
        /// `Capabilities`: Linux capabilities added to or dropped from Docker's defaults.
        public var capabilities: KernelCapabilities?
        /// `Devices`: host devices exposed to the container (not on Fargate).
        public var devices: [Device]?
        /// `InitProcessEnabled`: runs an `init` process that forwards signals and reaps processes.
        public var initProcessEnabled: Token<Bool>?
        /// `MaxSwap`: swap in MiB the container may use; `0` turns swap off (not on Fargate).
        public var maxSwap: Token<Int>?
        /// `SharedMemorySize`: the size of `/dev/shm` in MiB (not on Fargate).
        public var sharedMemorySize: Token<Int>?
        /// `Swappiness`: memory swappiness, 0 to 100; 60 when unset (not on Fargate).
        public var swappiness: Token<Int>?
        /// `Tmpfs`: tmpfs mounts (not on Fargate).
        public var tmpfs: [Tmpfs]?

        /// A set of Linux parameters; nothing is required.
        public init(
            capabilities: KernelCapabilities? = nil,
            devices: [Device]? = nil,
            initProcessEnabled: Token<Bool>? = nil,
            maxSwap: Token<Int>? = nil,
            sharedMemorySize: Token<Int>? = nil,
            swappiness: Token<Int>? = nil,
            tmpfs: [Tmpfs]? = nil
        ) {
            self.capabilities = capabilities
            self.devices = devices
            self.initProcessEnabled = initProcessEnabled
            self.maxSwap = maxSwap
            self.sharedMemorySize = sharedMemorySize
            self.swappiness = swappiness
            self.tmpfs = tmpfs
        }

        /// The set of Linux parameters as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("Capabilities", capabilities)
            writer.add("Devices", devices)
            writer.add("InitProcessEnabled", initProcessEnabled)
            writer.add("MaxSwap", maxSwap)
            writer.add("SharedMemorySize", sharedMemorySize)
            writer.add("Swappiness", swappiness)
            writer.add("Tmpfs", tmpfs)
            return .object(writer.members)
        }
    }

    /// `LogConfiguration`: the container's log driver and its options.
    public struct LogConfiguration: CFValueConvertible {
        /// `LogDriver`: the log driver, such as `awslogs`, `awsfirelens`, `splunk`, `json-file` …
        public var logDriver: Token<String>
        /// `Options`: the driver's options, such as `awslogs-group`, `awslogs-region` and `awslogs-stream-prefix`.
        public var options: [String: Token<String>]?
        /// `SecretOptions`: driver options taken from secrets.
        public var secretOptions: [Secret]?

        /// A log configuration; `LogDriver` is required.
        public init(
            logDriver: Token<String>,
            options: [String: Token<String>]? = nil,
            secretOptions: [Secret]? = nil
        ) {
            self.logDriver = logDriver
            self.options = options
            self.secretOptions = secretOptions
        }

        /// The log configuration as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("LogDriver", logDriver)
            writer.add("Options", options)
            writer.add("SecretOptions", secretOptions)
            return .object(writer.members)
        }
    }

    /// `MountPoint`: a task volume mounted into the container.
    public struct MountPoint: CFValueConvertible {
        /// `ContainerPath`: where the volume is mounted in the container.
        public var containerPath: Token<String>?
        /// `ReadOnly`: mounts the volume read-only; `false` when unset.
        public var readOnly: Token<Bool>?
        /// `SourceVolume`: the name of a volume in the task's `Volumes`.
        public var sourceVolume: Token<String>?

        /// A mount point; nothing is required.
        public init(
            containerPath: Token<String>? = nil,
            readOnly: Token<Bool>? = nil,
            sourceVolume: Token<String>? = nil
        ) {
            self.containerPath = containerPath
            self.readOnly = readOnly
            self.sourceVolume = sourceVolume
        }

        /// The mount point as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("ContainerPath", containerPath)
            writer.add("ReadOnly", readOnly)
            writer.add("SourceVolume", sourceVolume)
            return .object(writer.members)
        }
    }

    /// `NvidiaMpsAllocation`: the GPU share of a container under NVIDIA Multi-Process Service.
    public struct NvidiaMpsAllocation: CFValueConvertible {
        /// `MaxComputePercent`: the most of the GPU's compute the container may use, 1 to 100 percent.
        public var maxComputePercent: Token<Int>?
        /// `Memory`: GPU memory in MiB allocated to the container.
        public var memory: Token<Int>

        /// A GPU allocation; `Memory` is required.
        public init(memory: Token<Int>, maxComputePercent: Token<Int>? = nil) {
            self.maxComputePercent = maxComputePercent
            self.memory = memory
        }

        /// The GPU allocation as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("MaxComputePercent", maxComputePercent)
            writer.add("Memory", memory)
            return .object(writer.members)
        }
    }

    /// `PortMapping`: a port the container exposes and its host port.
    public struct PortMapping: CFValueConvertible {
        /// `AppProtocol`: the application protocol, for Service Connect. Allowed values: `http`, `http2`, `grpc`.
        public var appProtocol: Token<String>?
        /// `ContainerPort`: the container's port.
        public var containerPort: Token<Int>?
        /// `ContainerPortRange`: a range of container ports, such as `"8000-8010"`, bound to a dynamic host port range.
        public var containerPortRange: Token<String>?
        /// `HostPort`: the host's port; with `awsvpc` or `host` it equals `ContainerPort`, `0` or unset picks an ephemeral port in `bridge` mode.
        public var hostPort: Token<Int>?
        /// `Name`: the mapping's name, used by Service Connect: up to 64 lowercase letters, digits, `_` and `-`.
        public var name: Token<String>?
        /// `Protocol`: the transport protocol; `tcp` when unset. Allowed values: `tcp`, `udp`.
        public var `protocol`: Token<String>?

        /// A port mapping; nothing is required.
        public init(
            appProtocol: Token<String>? = nil,
            containerPort: Token<Int>? = nil,
            containerPortRange: Token<String>? = nil,
            hostPort: Token<Int>? = nil,
            name: Token<String>? = nil,
            protocol: Token<String>? = nil
        ) {
            self.appProtocol = appProtocol
            self.containerPort = containerPort
            self.containerPortRange = containerPortRange
            self.hostPort = hostPort
            self.name = name
            self.protocol = `protocol`
        }

        /// The port mapping as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("AppProtocol", appProtocol)
            writer.add("ContainerPort", containerPort)
            writer.add("ContainerPortRange", containerPortRange)
            writer.add("HostPort", hostPort)
            writer.add("Name", name)
            writer.add("Protocol", `protocol`)
            return .object(writer.members)
        }
    }

    /// `RepositoryCredentials`: credentials for a private image registry.
    public struct RepositoryCredentials: CFValueConvertible {
        /// `CredentialsParameter`: the ARN of the Secrets Manager secret with the registry credentials.
        public var credentialsParameter: Token<String>?

        /// A registry credential; nothing is required.
        public init(credentialsParameter: Token<String>? = nil) {
            self.credentialsParameter = credentialsParameter
        }

        /// The registry credential as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("CredentialsParameter", credentialsParameter)
            return .object(writer.members)
        }
    }

    /// `ResourceRequirement`: a GPU, Neuron device or inference accelerator assigned to the container.
    public struct ResourceRequirement: CFValueConvertible {
        /// `SharingStrategy`: how a GPU is shared between containers.
        public var sharingStrategy: SharingStrategy?
        /// `Type`: the resource type. Allowed values: `GPU`, `InferenceAccelerator`, `NeuronDevice`.
        public var type: Token<String>
        /// `Value`: the amount: the number of GPUs, or the `DeviceName` of an inference accelerator.
        public var value: Token<String>?

        /// A resource requirement; `Type` is required.
        public init(
            type: Token<String>,
            sharingStrategy: SharingStrategy? = nil,
            value: Token<String>? = nil
        ) {
            self.sharingStrategy = sharingStrategy
            self.type = type
            self.value = value
        }

        /// The resource requirement as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("SharingStrategy", sharingStrategy)
            writer.add("Type", type)
            writer.add("Value", value)
            return .object(writer.members)
        }
    }

    /// `RestartPolicy`: restarts the container in place when it exits.
    public struct RestartPolicy: CFValueConvertible {
        /// `Enabled`: turns the restart policy on.
        public var enabled: Token<Bool>?
        /// `IgnoredExitCodes`: up to 50 exit codes that do not trigger a restart.
        public var ignoredExitCodes: [Token<Int>]?
        /// `RestartAttemptPeriod`: seconds, 60 to 1800, a container must run before it can be restarted again.
        public var restartAttemptPeriod: Token<Int>?

        /// A restart policy; nothing is required.
        public init(
            enabled: Token<Bool>? = nil,
            ignoredExitCodes: [Token<Int>]? = nil,
            restartAttemptPeriod: Token<Int>? = nil
        ) {
            self.enabled = enabled
            self.ignoredExitCodes = ignoredExitCodes
            self.restartAttemptPeriod = restartAttemptPeriod
        }

        /// The restart policy as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("Enabled", enabled)
            writer.add("IgnoredExitCodes", ignoredExitCodes)
            writer.add("RestartAttemptPeriod", restartAttemptPeriod)
            return .object(writer.members)
        }
    }

    /// `Secret`: a value from Secrets Manager or SSM Parameter Store, exposed under a name.
    public struct Secret: CFValueConvertible {
        /// `Name`: the environment variable (or log option) that receives the secret.
        public var name: Token<String>
        /// `ValueFrom`: the ARN of the Secrets Manager secret or SSM parameter (or the parameter's name in the same Region).
        public var valueFrom: Token<String>

        /// A secret; `Name` and `ValueFrom` are required.
        public init(name: Token<String>, valueFrom: Token<String>) {
            self.name = name
            self.valueFrom = valueFrom
        }

        /// The secret as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("Name", name)
            writer.add("ValueFrom", valueFrom)
            return .object(writer.members)
        }
    }

    /// `SharingStrategy`: how a GPU is shared between containers.
    public struct SharingStrategy: CFValueConvertible {
        /// `NvidiaMps`: shares the GPU through NVIDIA Multi-Process Service.
        public var nvidiaMps: NvidiaMpsAllocation

        /// A sharing strategy; `NvidiaMps` is required.
        public init(nvidiaMps: NvidiaMpsAllocation) {
            self.nvidiaMps = nvidiaMps
        }

        /// The sharing strategy as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("NvidiaMps", nvidiaMps)
            return .object(writer.members)
        }
    }

    /// `SystemControl`: one namespaced kernel parameter (`sysctl`).
    public struct SystemControl: CFValueConvertible {
        /// `Namespace`: the kernel parameter, such as `net.ipv4.tcp_keepalive_time`.
        public var namespace: Token<String>?
        /// `Value`: the kernel parameter's value.
        public var value: Token<String>?

        /// A kernel parameter; nothing is required.
        public init(namespace: Token<String>? = nil, value: Token<String>? = nil) {
            self.namespace = namespace
            self.value = value
        }

        /// The kernel parameter as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("Namespace", namespace)
            writer.add("Value", value)
            return .object(writer.members)
        }
    }

    /// `Tmpfs`: a tmpfs mount.
    public struct Tmpfs: CFValueConvertible {
        /// `ContainerPath`: the absolute path where the tmpfs is mounted.
        public var containerPath: Token<String>?
        /// `MountOptions`: mount options, such as `rw`, `noexec`, `nosuid`.
        public var mountOptions: Token<[String]>?
        /// `Size`: the tmpfs's size in MiB.
        public var size: Token<Int>

        /// A tmpfs mount; `Size` is required.
        public init(
            size: Token<Int>,
            containerPath: Token<String>? = nil,
            mountOptions: Token<[String]>? = nil
        ) {
            self.containerPath = containerPath
            self.mountOptions = mountOptions
            self.size = size
        }

        /// The tmpfs mount as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("ContainerPath", containerPath)
            writer.add("MountOptions", mountOptions)
            writer.add("Size", size)
            return .object(writer.members)
        }
    }

    /// `Ulimit`: one resource limit of the container.
    public struct Ulimit: CFValueConvertible {
        /// `HardLimit`: the hard limit.
        public var hardLimit: Token<Int>
        /// `Name`: the limit's type. Allowed values: `core`, `cpu`, `data`, `fsize`, `locks`, `memlock`, `msgqueue`, `nice`, `nofile`, `nproc`, `rss`, `rtprio`, `rttime`, `sigpending`, `stack`.
        public var name: Token<String>
        /// `SoftLimit`: the soft limit.
        public var softLimit: Token<Int>

        /// A limit; `HardLimit`, `Name` and `SoftLimit` are required.
        public init(
            hardLimit: Token<Int>,
            name: Token<String>,
            softLimit: Token<Int>
        ) {
            self.hardLimit = hardLimit
            self.name = name
            self.softLimit = softLimit
        }

        /// The limit as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("HardLimit", hardLimit)
            writer.add("Name", name)
            writer.add("SoftLimit", softLimit)
            return .object(writer.members)
        }
    }

    /// `VolumeFrom`: volumes mounted from another container.
    public struct VolumeFrom: CFValueConvertible {
        /// `ReadOnly`: mounts the volumes read-only; `false` when unset.
        public var readOnly: Token<Bool>?
        /// `SourceContainer`: the container of the task whose volumes are mounted.
        public var sourceContainer: Token<String>?

        /// A volume source; nothing is required.
        public init(readOnly: Token<Bool>? = nil, sourceContainer: Token<String>? = nil) {
            self.readOnly = readOnly
            self.sourceContainer = sourceContainer
        }

        /// The volume source as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("ReadOnly", readOnly)
            writer.add("SourceContainer", sourceContainer)
            return .object(writer.members)
        }
    }
}
