// The task-level property types of `AWS::ECS::TaskDefinition`: volumes, placement, proxy, platform.

extension ECS.TaskDefinition {
    /// `AuthorizationConfig`: how an EFS volume authorizes the task.
    public struct AuthorizationConfig: CFValueConvertible {
        /// `AccessPointId`: the EFS access point to mount through; the volume's `RootDirectory` must then be unset or `/`.
        public var accessPointId: Token<String>?
        /// `IAM`: mounts with the task role; needs `TransitEncryption` `ENABLED`. Allowed values: `ENABLED`, `DISABLED`.
        public var iam: Token<String>?

        /// An EFS authorization; nothing is required.
        public init(accessPointId: Token<String>? = nil, iam: Token<String>? = nil) {
            self.accessPointId = accessPointId
            self.iam = iam
        }

        /// The EFS authorization as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("AccessPointId", accessPointId)
            writer.add("IAM", iam)
            return .object(writer.members)
        }
    }

    /// `DockerVolumeConfiguration`: a Docker-managed volume.
    public struct DockerVolumeConfiguration: CFValueConvertible {
        /// `Autoprovision`: creates the Docker volume when it does not exist (only with scope `shared`).
        public var autoprovision: Token<Bool>?
        /// `Driver`: the Docker volume driver, such as `local`.
        public var driver: Token<String>?
        /// `DriverOpts`: driver-specific options.
        public var driverOpts: [String: Token<String>]?
        /// `Labels`: labels on the Docker volume.
        public var labels: [String: Token<String>]?
        /// `Scope`: the volume's lifetime: `task` volumes go when the task stops, `shared` ones stay. Allowed values: `shared`, `task`.
        public var scope: Token<String>?

        /// A Docker volume; nothing is required.
        public init(
            autoprovision: Token<Bool>? = nil,
            driver: Token<String>? = nil,
            driverOpts: [String: Token<String>]? = nil,
            labels: [String: Token<String>]? = nil,
            scope: Token<String>? = nil
        ) {
            self.autoprovision = autoprovision
            self.driver = driver
            self.driverOpts = driverOpts
            self.labels = labels
            self.scope = scope
        }

        /// The Docker volume as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("Autoprovision", autoprovision)
            writer.add("Driver", driver)
            writer.add("DriverOpts", driverOpts)
            writer.add("Labels", labels)
            writer.add("Scope", scope)
            return .object(writer.members)
        }
    }

    /// `EFSVolumeConfiguration`: an Amazon EFS file system used as a volume.
    public struct EFSVolumeConfiguration: CFValueConvertible {
        /// `AuthorizationConfig`: access point and IAM authorization for the file system.
        public var authorizationConfig: AuthorizationConfig?
        /// `FilesystemId`: the EFS file system ID.
        public var filesystemId: Token<String>
        /// `RootDirectory`: the directory of the file system mounted as the volume's root; the whole file system when unset.
        public var rootDirectory: Token<String>?
        /// `TransitEncryption`: encrypts data in transit; required for IAM authorization. Allowed values: `ENABLED`, `DISABLED`.
        public var transitEncryption: Token<String>?
        /// `TransitEncryptionPort`: the port used for encrypted traffic to EFS.
        public var transitEncryptionPort: Token<Int>?

        /// An EFS volume; `FilesystemId` is required.
        public init(
            filesystemId: Token<String>,
            authorizationConfig: AuthorizationConfig? = nil,
            rootDirectory: Token<String>? = nil,
            transitEncryption: Token<String>? = nil,
            transitEncryptionPort: Token<Int>? = nil
        ) {
            self.authorizationConfig = authorizationConfig
            self.filesystemId = filesystemId
            self.rootDirectory = rootDirectory
            self.transitEncryption = transitEncryption
            self.transitEncryptionPort = transitEncryptionPort
        }

        /// The EFS volume as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("AuthorizationConfig", authorizationConfig)
            writer.add("FilesystemId", filesystemId)
            writer.add("RootDirectory", rootDirectory)
            writer.add("TransitEncryption", transitEncryption)
            writer.add("TransitEncryptionPort", transitEncryptionPort)
            return .object(writer.members)
        }
    }

    /// `EphemeralStorage`: the size of a Fargate task's ephemeral storage.
    public struct EphemeralStorage: CFValueConvertible {
        /// `SizeInGiB`: the task's ephemeral storage in GiB, 21 to 200.
        public var sizeInGiB: Token<Int>?

        /// An ephemeral storage size; nothing is required.
        public init(sizeInGiB: Token<Int>? = nil) {
            self.sizeInGiB = sizeInGiB
        }

        /// The ephemeral storage size as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("SizeInGiB", sizeInGiB)
            return .object(writer.members)
        }
    }

    /// `FSxAuthorizationConfig`: the Active Directory credentials for an FSx for Windows File Server volume.
    public struct FSxAuthorizationConfig: CFValueConvertible {
        /// `CredentialsParameter`: the ARN of the Secrets Manager secret or SSM parameter holding the domain credentials.
        public var credentialsParameter: Token<String>
        /// `Domain`: the fully qualified domain name of the Active Directory.
        public var domain: Token<String>

        /// An FSx authorization; `CredentialsParameter` and `Domain` are required.
        public init(credentialsParameter: Token<String>, domain: Token<String>) {
            self.credentialsParameter = credentialsParameter
            self.domain = domain
        }

        /// The FSx authorization as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("CredentialsParameter", credentialsParameter)
            writer.add("Domain", domain)
            return .object(writer.members)
        }
    }

    /// `FSxWindowsFileServerVolumeConfiguration`: an FSx for Windows File Server file system used as a volume.
    public struct FSxWindowsFileServerVolumeConfiguration: CFValueConvertible {
        /// `AuthorizationConfig`: how the task authenticates to the file system.
        public var authorizationConfig: FSxAuthorizationConfig?
        /// `FileSystemId`: the FSx for Windows File Server file system ID.
        public var fileSystemId: Token<String>
        /// `RootDirectory`: the directory of the file system mounted as the volume's root.
        public var rootDirectory: Token<String>

        /// An FSx for Windows File Server volume; `FileSystemId` and `RootDirectory` are required.
        public init(
            fileSystemId: Token<String>,
            rootDirectory: Token<String>,
            authorizationConfig: FSxAuthorizationConfig? = nil
        ) {
            self.authorizationConfig = authorizationConfig
            self.fileSystemId = fileSystemId
            self.rootDirectory = rootDirectory
        }

        /// The FSx for Windows File Server volume as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("AuthorizationConfig", authorizationConfig)
            writer.add("FileSystemId", fileSystemId)
            writer.add("RootDirectory", rootDirectory)
            return .object(writer.members)
        }
    }

    /// `HostVolumeProperties`: a bind mount of a path on the host.
    public struct HostVolumeProperties: CFValueConvertible {
        /// `SourcePath`: the path on the host presented to the container; Docker picks one when unset.
        public var sourcePath: Token<String>?

        /// A host volume; nothing is required.
        public init(sourcePath: Token<String>? = nil) {
            self.sourcePath = sourcePath
        }

        /// The host volume as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("SourcePath", sourcePath)
            return .object(writer.members)
        }
    }

    /// `InferenceAccelerator`: an Elastic Inference accelerator for the task.
    public struct InferenceAccelerator: CFValueConvertible {
        /// `DeviceName`: the accelerator's name, referenced by containers' `ResourceRequirements`.
        public var deviceName: Token<String>?
        /// `DeviceType`: the Elastic Inference accelerator type, such as `eia2.medium`.
        public var deviceType: Token<String>?

        /// An inference accelerator; nothing is required.
        public init(deviceName: Token<String>? = nil, deviceType: Token<String>? = nil) {
            self.deviceName = deviceName
            self.deviceType = deviceType
        }

        /// The inference accelerator as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("DeviceName", deviceName)
            writer.add("DeviceType", deviceType)
            return .object(writer.members)
        }
    }

    /// `TaskDefinitionPlacementConstraint`: a rule for the container instances the task may run on (not on Fargate).
    public struct PlacementConstraint: CFValueConvertible {
        /// `Expression`: a cluster query language expression, such as `attribute:ecs.instance-type =~ t3.*`.
        public var expression: Token<String>?
        /// `Type`: the constraint type. Allowed value: `memberOf`.
        public var type: Token<String>

        /// A placement constraint; `Type` is required.
        public init(type: Token<String>, expression: Token<String>? = nil) {
            self.expression = expression
            self.type = type
        }

        /// The placement constraint as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("Expression", expression)
            writer.add("Type", type)
            return .object(writer.members)
        }
    }

    /// `ProxyConfiguration`: the App Mesh proxy of the task.
    public struct ProxyConfiguration: CFValueConvertible {
        /// `ContainerName`: the container that serves as the App Mesh proxy.
        public var containerName: Token<String>
        /// `ProxyConfigurationProperties`: the CNI plugin's settings, such as `IgnoredUID`, `ProxyIngressPort` and `AppPorts`.
        public var proxyConfigurationProperties: [KeyValuePair]?
        /// `Type`: the proxy type. Allowed value: `APPMESH`.
        public var type: Token<String>?

        /// A proxy configuration; `ContainerName` is required.
        public init(
            containerName: Token<String>,
            proxyConfigurationProperties: [KeyValuePair]? = nil,
            type: Token<String>? = nil
        ) {
            self.containerName = containerName
            self.proxyConfigurationProperties = proxyConfigurationProperties
            self.type = type
        }

        /// The proxy configuration as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("ContainerName", containerName)
            writer.add("ProxyConfigurationProperties", proxyConfigurationProperties)
            writer.add("Type", type)
            return .object(writer.members)
        }
    }

    /// `RuntimePlatform`: the operating system and CPU architecture of the task.
    public struct RuntimePlatform: CFValueConvertible {
        /// `CpuArchitecture`: the CPU architecture. Allowed values: `ARM64`, `X86_64`.
        public var cpuArchitecture: Token<String>?
        /// `OperatingSystemFamily`: the operating system. Allowed values: `LINUX`, `WINDOWS_SERVER_2004_CORE`, `WINDOWS_SERVER_2016_FULL`, `WINDOWS_SERVER_2019_CORE`, `WINDOWS_SERVER_2019_FULL`, `WINDOWS_SERVER_2022_CORE`, `WINDOWS_SERVER_2022_FULL`, `WINDOWS_SERVER_2025_CORE`, `WINDOWS_SERVER_2025_FULL`, `WINDOWS_SERVER_20H2_CORE`.
        public var operatingSystemFamily: Token<String>?

        /// A runtime platform; nothing is required.
        public init(
            cpuArchitecture: Token<String>? = nil,
            operatingSystemFamily: Token<String>? = nil
        ) {
            self.cpuArchitecture = cpuArchitecture
            self.operatingSystemFamily = operatingSystemFamily
        }

        /// The runtime platform as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("CpuArchitecture", cpuArchitecture)
            writer.add("OperatingSystemFamily", operatingSystemFamily)
            return .object(writer.members)
        }
    }

    /// `S3FilesVolumeConfiguration`: an Amazon S3 Files file system used as a volume.
    public struct S3FilesVolumeConfiguration: CFValueConvertible {
        /// `AccessPointArn`: the ARN of the S3 Files access point to mount through.
        public var accessPointArn: Token<String>?
        /// `FileSystemArn`: the ARN of the S3 Files file system.
        public var fileSystemArn: Token<String>
        /// `RootDirectory`: the directory mounted as the volume's root; the whole file system when unset.
        public var rootDirectory: Token<String>?
        /// `TransitEncryptionPort`: the port used for encrypted traffic to the file system.
        public var transitEncryptionPort: Token<Int>?

        /// An S3 Files volume; `FileSystemArn` is required.
        public init(
            fileSystemArn: Token<String>,
            accessPointArn: Token<String>? = nil,
            rootDirectory: Token<String>? = nil,
            transitEncryptionPort: Token<Int>? = nil
        ) {
            self.accessPointArn = accessPointArn
            self.fileSystemArn = fileSystemArn
            self.rootDirectory = rootDirectory
            self.transitEncryptionPort = transitEncryptionPort
        }

        /// The S3 Files volume as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("AccessPointArn", accessPointArn)
            writer.add("FileSystemArn", fileSystemArn)
            writer.add("RootDirectory", rootDirectory)
            writer.add("TransitEncryptionPort", transitEncryptionPort)
            return .object(writer.members)
        }
    }

    /// `Volume`: a data volume of the task, mounted by containers through `MountPoints`.
    public struct Volume: CFValueConvertible {
        /// `ConfiguredAtLaunch`: the volume (Amazon EBS) is configured when a task or service launches; one such volume per revision.
        public var configuredAtLaunch: Token<Bool>?
        /// `DockerVolumeConfiguration`: a Docker volume (not on Fargate).
        public var dockerVolumeConfiguration: DockerVolumeConfiguration?
        /// `EFSVolumeConfiguration`: an Amazon EFS file system.
        public var efsVolumeConfiguration: EFSVolumeConfiguration?
        /// `FSxWindowsFileServerVolumeConfiguration`: an Amazon FSx for Windows File Server file system.
        public var fsxWindowsFileServerVolumeConfiguration: FSxWindowsFileServerVolumeConfiguration?
        /// `Host`: a bind mount of a host path.
        public var host: HostVolumeProperties?
        /// `Name`: the volume's name, referenced by mount points' `SourceVolume`: up to 255 letters, digits, `_` and `-`.
        public var name: Token<String>?
        /// `S3FilesVolumeConfiguration`: an Amazon S3 Files file system.
        public var s3FilesVolumeConfiguration: S3FilesVolumeConfiguration?

        /// A volume; nothing is required.
        public init(
            configuredAtLaunch: Token<Bool>? = nil,
            dockerVolumeConfiguration: DockerVolumeConfiguration? = nil,
            efsVolumeConfiguration: EFSVolumeConfiguration? = nil,
            fsxWindowsFileServerVolumeConfiguration: FSxWindowsFileServerVolumeConfiguration? = nil,
            host: HostVolumeProperties? = nil,
            name: Token<String>? = nil,
            s3FilesVolumeConfiguration: S3FilesVolumeConfiguration? = nil
        ) {
            self.configuredAtLaunch = configuredAtLaunch
            self.dockerVolumeConfiguration = dockerVolumeConfiguration
            self.efsVolumeConfiguration = efsVolumeConfiguration
            self.fsxWindowsFileServerVolumeConfiguration = fsxWindowsFileServerVolumeConfiguration
            self.host = host
            self.name = name
            self.s3FilesVolumeConfiguration = s3FilesVolumeConfiguration
        }

        /// The volume as CloudFormation reads it, keys in alphabetical order.
        public var cfValue: CFValue {
            var writer = PropertyWriter()
            writer.add("ConfiguredAtLaunch", configuredAtLaunch)
            writer.add("DockerVolumeConfiguration", dockerVolumeConfiguration)
            writer.add("EFSVolumeConfiguration", efsVolumeConfiguration)
            writer.add("FSxWindowsFileServerVolumeConfiguration", fsxWindowsFileServerVolumeConfiguration)
            writer.add("Host", host)
            writer.add("Name", name)
            writer.add("S3FilesVolumeConfiguration", s3FilesVolumeConfiguration)
            return .object(writer.members)
        }
    }
}
