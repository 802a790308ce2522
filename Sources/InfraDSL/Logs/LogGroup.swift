/// Amazon CloudWatch Logs.
public enum Logs: Sendable {}

extension Logs {
    /// `AWS::Logs::LogGroup`: a log group, where ECS's `awslogs` driver writes container output.
    ///
    /// `Ref` returns the log group name. Changing `LogGroupName` replaces the group.
    public struct LogGroup: Resource {
        /// `AWS::Logs::LogGroup`.
        public var resourceType: String { "AWS::Logs::LogGroup" }
        /// The logical ID.
        public let logicalId: String
        /// Attributes, raw overrides and location.
        public var options: ResourceOptions

        /// `BearerTokenAuthenticationEnabled`.
        public var bearerTokenAuthenticationEnabled: Token<Bool>?
        /// `DataProtectionPolicy`: masks sensitive data in the group's events.
        public var dataProtectionPolicy: CFValue?
        /// `DeletionProtectionEnabled`: refuses deletion of the group while set.
        public var deletionProtectionEnabled: Token<Bool>?
        /// `FieldIndexPolicies`.
        public var fieldIndexPolicies: CFValue?
        /// `KmsKeyId`: the KMS key ARN that encrypts the group.
        public var kmsKeyId: Token<String>?
        /// `LogGroupClass`: `STANDARD`, `INFREQUENT_ACCESS` or `DELIVERY`.
        public var logGroupClass: Token<String>?
        /// `LogGroupName`: up to 512 of letters, digits and `._-/#`.
        public var logGroupName: Token<String>?
        /// `ResourcePolicyDocument`: the group's resource policy.
        public var resourcePolicyDocument: CFValue?
        /// `RetentionInDays`: one of CloudWatch Logs' fixed periods (1, 3, 5, 7, 14, 30, 60 … 3653); unset keeps logs forever.
        public var retentionInDays: Token<Int>?
        /// `Tags`.
        public var tags: [Tag]?

        /// A log group; nothing is required.
        public init(
            _ logicalId: String,
            bearerTokenAuthenticationEnabled: Token<Bool>? = nil,
            dataProtectionPolicy: CFValue? = nil,
            deletionProtectionEnabled: Token<Bool>? = nil,
            fieldIndexPolicies: CFValue? = nil,
            kmsKeyId: Token<String>? = nil,
            logGroupClass: Token<String>? = nil,
            logGroupName: Token<String>? = nil,
            resourcePolicyDocument: CFValue? = nil,
            retentionInDays: Token<Int>? = nil,
            tags: [Tag]? = nil,
            file: String = #filePath,
            line: Int = #line
        ) {
            self.logicalId = logicalId
            options = ResourceOptions(location: SourceLocation(file: file, line: line))
            self.bearerTokenAuthenticationEnabled = bearerTokenAuthenticationEnabled
            self.dataProtectionPolicy = dataProtectionPolicy
            self.deletionProtectionEnabled = deletionProtectionEnabled
            self.fieldIndexPolicies = fieldIndexPolicies
            self.kmsKeyId = kmsKeyId
            self.logGroupClass = logGroupClass
            self.logGroupName = logGroupName
            self.resourcePolicyDocument = resourcePolicyDocument
            self.retentionInDays = retentionInDays
            self.tags = tags
        }

        /// The properties in schema (alphabetical) order.
        public var typedProperties: [CFValue.Member] {
            var writer = PropertyWriter()
            writer.add("BearerTokenAuthenticationEnabled", bearerTokenAuthenticationEnabled)
            writer.add("DataProtectionPolicy", dataProtectionPolicy)
            writer.add("DeletionProtectionEnabled", deletionProtectionEnabled)
            writer.add("FieldIndexPolicies", fieldIndexPolicies)
            writer.add("KmsKeyId", kmsKeyId)
            writer.add("LogGroupClass", logGroupClass)
            writer.add("LogGroupName", logGroupName)
            writer.add("ResourcePolicyDocument", resourcePolicyDocument)
            writer.add("RetentionInDays", retentionInDays)
            writer.add("Tags", tags)
            return writer.members
        }

        /// `Fn::GetAtt Arn`: the log group's ARN.
        public var arn: Token<String> { getAtt("Arn") }
    }
}
