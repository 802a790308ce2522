/// Amazon Elastic Container Service: clusters, task definitions and the containers they run.
public enum ECS: Sendable {}

extension ECS {
    /// `AWS::ECS::Cluster`: a cluster that runs tasks and services, on Fargate or on registered instances.
    ///
    /// `Ref` returns the cluster name; `arn` is its ARN. Changing `ClusterName` replaces the cluster.
    /// `ServiceConnectDefaults` is write-only: CloudFormation does not read it back (drift detection skips it).
    ///
    /// ```swift
    /// ECS.Cluster("JenkinsAgents", clusterName: "jenkins-agents",
    ///             clusterSettings: [.init(name: "containerInsights", value: "enabled")])
    /// ```
    public struct Cluster: Resource {
        /// `AWS::ECS::Cluster`.
        public var resourceType: String { "AWS::ECS::Cluster" }
        /// The logical ID.
        public let logicalId: String
        /// Attributes, raw overrides and location.
        public var options: ResourceOptions

        /// `CapacityProviders`: capacity providers associated with the cluster (`FARGATE`, `FARGATE_SPOT` or your own), usable in its strategies.
        public var capacityProviders: Token<[String]>?
        /// `ClusterName`: the cluster's name; CloudFormation generates one when unset.
        public var clusterName: Token<String>?
        /// `ClusterSettings`: cluster settings, such as CloudWatch Container Insights.
        public var clusterSettings: [ClusterSettings]?
        /// `Configuration`: execute-command and managed-storage configuration.
        public var configuration: ClusterConfiguration?
        /// `DefaultCapacityProviderStrategy`: the strategy for services and tasks run without a launch type or strategy of their own.
        public var defaultCapacityProviderStrategy: [CapacityProviderStrategyItem]?
        /// `ServiceConnectDefaults`: the default Service Connect namespace for new services (write-only: not read back).
        public var serviceConnectDefaults: ServiceConnectDefaults?
        /// `Tags`: up to 50 tags.
        public var tags: [Tag]?

        /// A cluster; nothing is required.
        public init(
            _ logicalId: String,
            capacityProviders: Token<[String]>? = nil,
            clusterName: Token<String>? = nil,
            clusterSettings: [ClusterSettings]? = nil,
            configuration: ClusterConfiguration? = nil,
            defaultCapacityProviderStrategy: [CapacityProviderStrategyItem]? = nil,
            serviceConnectDefaults: ServiceConnectDefaults? = nil,
            tags: [Tag]? = nil,
            file: String = #filePath,
            line: Int = #line
        ) {
            self.logicalId = logicalId
            options = ResourceOptions(location: SourceLocation(file: file, line: line))
            self.capacityProviders = capacityProviders
            self.clusterName = clusterName
            self.clusterSettings = clusterSettings
            self.configuration = configuration
            self.defaultCapacityProviderStrategy = defaultCapacityProviderStrategy
            self.serviceConnectDefaults = serviceConnectDefaults
            self.tags = tags
        }

        /// The properties in schema (alphabetical) order.
        public var typedProperties: [CFValue.Member] {
            var writer = PropertyWriter()
            writer.add("CapacityProviders", capacityProviders)
            writer.add("ClusterName", clusterName)
            writer.add("ClusterSettings", clusterSettings)
            writer.add("Configuration", configuration)
            writer.add("DefaultCapacityProviderStrategy", defaultCapacityProviderStrategy)
            writer.add("ServiceConnectDefaults", serviceConnectDefaults)
            writer.add("Tags", tags)
            return writer.members
        }

        /// `Fn::GetAtt Arn`: the cluster's ARN.
        public var arn: Token<String> { getAtt("Arn") }

        /// `CapacityProviderStrategyItem`: one capacity provider of the default strategy, with its base and weight.
        public struct CapacityProviderStrategyItem: CFValueConvertible {
            /// `Base`: tasks, 0 to 100,000, placed on this provider before weights apply; only one item may set it.
            public var base: Token<Int>?
            /// `CapacityProvider`: the capacity provider's short name, such as `FARGATE` or `FARGATE_SPOT`.
            public var capacityProvider: Token<String>?
            /// `Weight`: the relative share, 0 to 1,000, of tasks placed on this provider after the base.
            public var weight: Token<Int>?

            /// A strategy item; nothing is required.
            public init(
                base: Token<Int>? = nil,
                capacityProvider: Token<String>? = nil,
                weight: Token<Int>? = nil
            ) {
                self.base = base
                self.capacityProvider = capacityProvider
                self.weight = weight
            }

            /// The strategy item as CloudFormation reads it, keys in alphabetical order.
            public var cfValue: CFValue {
                var writer = PropertyWriter()
                writer.add("Base", base)
                writer.add("CapacityProvider", capacityProvider)
                writer.add("Weight", weight)
                return .object(writer.members)
            }
        }

        /// `ClusterConfiguration`: execute-command and managed-storage settings of the cluster.
        public struct ClusterConfiguration: CFValueConvertible {
            /// `ExecuteCommandConfiguration`: how `ecs execute-command` sessions are encrypted and logged.
            public var executeCommandConfiguration: ExecuteCommandConfiguration?
            /// `ManagedStorageConfiguration`: the KMS keys that encrypt managed storage and Fargate ephemeral storage.
            public var managedStorageConfiguration: ManagedStorageConfiguration?

            /// A cluster configuration; nothing is required.
            public init(
                executeCommandConfiguration: ExecuteCommandConfiguration? = nil,
                managedStorageConfiguration: ManagedStorageConfiguration? = nil
            ) {
                self.executeCommandConfiguration = executeCommandConfiguration
                self.managedStorageConfiguration = managedStorageConfiguration
            }

            /// The cluster configuration as CloudFormation reads it, keys in alphabetical order.
            public var cfValue: CFValue {
                var writer = PropertyWriter()
                writer.add("ExecuteCommandConfiguration", executeCommandConfiguration)
                writer.add("ManagedStorageConfiguration", managedStorageConfiguration)
                return .object(writer.members)
            }
        }

        /// `ClusterSettings`: one cluster setting, such as `containerInsights`.
        public struct ClusterSettings: CFValueConvertible {
            /// `Name`: the setting's name; `containerInsights` is the only one.
            public var name: Token<String>?
            /// `Value`: the setting's value; for `containerInsights`: `enhanced`, `enabled` or `disabled`.
            public var value: Token<String>?

            /// A cluster setting; nothing is required.
            public init(name: Token<String>? = nil, value: Token<String>? = nil) {
                self.name = name
                self.value = value
            }

            /// The cluster setting as CloudFormation reads it, keys in alphabetical order.
            public var cfValue: CFValue {
                var writer = PropertyWriter()
                writer.add("Name", name)
                writer.add("Value", value)
                return .object(writer.members)
            }
        }

        /// `ExecuteCommandConfiguration`: encryption and logging of `ecs execute-command` sessions.
        public struct ExecuteCommandConfiguration: CFValueConvertible {
            /// `KmsKeyId`: the KMS key (ID, ARN or alias) that encrypts data between the local client and the container.
            public var kmsKeyId: Token<String>?
            /// `LogConfiguration`: where session logs go; required when `Logging` is `OVERRIDE`.
            public var logConfiguration: ExecuteCommandLogConfiguration?
            /// `Logging`: how session output is logged. Allowed values: `DEFAULT`, `NONE`, `OVERRIDE`.
            public var logging: Token<String>?

            /// An execute-command configuration; nothing is required.
            public init(
                kmsKeyId: Token<String>? = nil,
                logConfiguration: ExecuteCommandLogConfiguration? = nil,
                logging: Token<String>? = nil
            ) {
                self.kmsKeyId = kmsKeyId
                self.logConfiguration = logConfiguration
                self.logging = logging
            }

            /// The execute-command configuration as CloudFormation reads it, keys in alphabetical order.
            public var cfValue: CFValue {
                var writer = PropertyWriter()
                writer.add("KmsKeyId", kmsKeyId)
                writer.add("LogConfiguration", logConfiguration)
                writer.add("Logging", logging)
                return .object(writer.members)
            }
        }

        /// `ExecuteCommandLogConfiguration`: where `ecs execute-command` session logs go (CloudWatch Logs or S3).
        public struct ExecuteCommandLogConfiguration: CFValueConvertible {
            /// `CloudWatchEncryptionEnabled`: encrypts the CloudWatch logs; off when unset.
            public var cloudWatchEncryptionEnabled: Token<Bool>?
            /// `CloudWatchLogGroupName`: an existing CloudWatch log group to send logs to.
            public var cloudWatchLogGroupName: Token<String>?
            /// `S3BucketName`: an existing S3 bucket to send logs to.
            public var s3BucketName: Token<String>?
            /// `S3EncryptionEnabled`: encrypts the S3 logs; off when unset.
            public var s3EncryptionEnabled: Token<Bool>?
            /// `S3KeyPrefix`: the folder in the S3 bucket that holds the logs.
            public var s3KeyPrefix: Token<String>?

            /// An execute-command log configuration; nothing is required.
            public init(
                cloudWatchEncryptionEnabled: Token<Bool>? = nil,
                cloudWatchLogGroupName: Token<String>? = nil,
                s3BucketName: Token<String>? = nil,
                s3EncryptionEnabled: Token<Bool>? = nil,
                s3KeyPrefix: Token<String>? = nil
            ) {
                self.cloudWatchEncryptionEnabled = cloudWatchEncryptionEnabled
                self.cloudWatchLogGroupName = cloudWatchLogGroupName
                self.s3BucketName = s3BucketName
                self.s3EncryptionEnabled = s3EncryptionEnabled
                self.s3KeyPrefix = s3KeyPrefix
            }

            /// The execute-command log configuration as CloudFormation reads it, keys in alphabetical order.
            public var cfValue: CFValue {
                var writer = PropertyWriter()
                writer.add("CloudWatchEncryptionEnabled", cloudWatchEncryptionEnabled)
                writer.add("CloudWatchLogGroupName", cloudWatchLogGroupName)
                writer.add("S3BucketName", s3BucketName)
                writer.add("S3EncryptionEnabled", s3EncryptionEnabled)
                writer.add("S3KeyPrefix", s3KeyPrefix)
                return .object(writer.members)
            }
        }

        /// `ManagedStorageConfiguration`: the KMS keys for ECS-managed storage.
        public struct ManagedStorageConfiguration: CFValueConvertible {
            /// `FargateEphemeralStorageKmsKeyId`: the single-Region KMS key that encrypts Fargate ephemeral storage.
            public var fargateEphemeralStorageKmsKeyId: Token<String>?
            /// `KmsKeyId`: the single-Region KMS key that encrypts ECS-managed data volumes (Amazon EBS).
            public var kmsKeyId: Token<String>?

            /// A managed-storage configuration; nothing is required.
            public init(
                fargateEphemeralStorageKmsKeyId: Token<String>? = nil,
                kmsKeyId: Token<String>? = nil
            ) {
                self.fargateEphemeralStorageKmsKeyId = fargateEphemeralStorageKmsKeyId
                self.kmsKeyId = kmsKeyId
            }

            /// The managed-storage configuration as CloudFormation reads it, keys in alphabetical order.
            public var cfValue: CFValue {
                var writer = PropertyWriter()
                writer.add("FargateEphemeralStorageKmsKeyId", fargateEphemeralStorageKmsKeyId)
                writer.add("KmsKeyId", kmsKeyId)
                return .object(writer.members)
            }
        }

        /// `ServiceConnectDefaults`: the default Service Connect namespace of the cluster.
        public struct ServiceConnectDefaults: CFValueConvertible {
            /// `Namespace`: the Cloud Map namespace name or ARN; a new name creates an HTTP namespace, `""` removes the default.
            public var namespace: Token<String>?

            /// A Service Connect default; nothing is required.
            public init(namespace: Token<String>? = nil) {
                self.namespace = namespace
            }

            /// The Service Connect default as CloudFormation reads it, keys in alphabetical order.
            public var cfValue: CFValue {
                var writer = PropertyWriter()
                writer.add("Namespace", namespace)
                return .object(writer.members)
            }
        }
    }
}
