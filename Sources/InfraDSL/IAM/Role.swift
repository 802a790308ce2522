/// AWS Identity and Access Management.
public enum IAM: Sendable {}

extension IAM {
    /// `AWS::IAM::Role`: an identity that a principal named in its trust policy can assume.
    ///
    /// `Ref` returns the role name; `arn` is its ARN (what `TaskRoleArn` wants).
    /// Changing `RoleName` or `Path` replaces the role.
    public struct Role: Resource {
        /// `AWS::IAM::Role`.
        public var resourceType: String { "AWS::IAM::Role" }
        /// The logical ID.
        public let logicalId: String
        /// Attributes, raw overrides and location.
        public var options: ResourceOptions

        /// `AssumeRolePolicyDocument`: the trust policy.
        public var assumeRolePolicyDocument: PolicyDocument
        /// `Description`.
        public var description: Token<String>?
        /// `ManagedPolicyArns`: managed policies attached to the role.
        public var managedPolicyArns: Token<[String]>?
        /// `MaxSessionDuration`: 3600 to 43200 seconds.
        public var maxSessionDuration: Token<Int>?
        /// `Path`.
        public var path: Token<String>?
        /// `PermissionsBoundary`: the ARN of the policy that bounds the role's permissions.
        public var permissionsBoundary: Token<String>?
        /// `Policies`: inline policies.
        public var policies: [Policy]?
        /// `RoleName`: up to 64 of letters, digits and `+=,.@_-`; needs `CAPABILITY_NAMED_IAM`.
        public var roleName: Token<String>?
        /// `Tags`.
        public var tags: [Tag]?

        /// A role; only the trust policy is required.
        public init(
            _ logicalId: String,
            assumeRolePolicyDocument: PolicyDocument,
            description: Token<String>? = nil,
            managedPolicyArns: Token<[String]>? = nil,
            maxSessionDuration: Token<Int>? = nil,
            path: Token<String>? = nil,
            permissionsBoundary: Token<String>? = nil,
            policies: [Policy]? = nil,
            roleName: Token<String>? = nil,
            tags: [Tag]? = nil,
            file: String = #filePath,
            line: Int = #line
        ) {
            self.logicalId = logicalId
            options = ResourceOptions(location: SourceLocation(file: file, line: line))
            self.assumeRolePolicyDocument = assumeRolePolicyDocument
            self.description = description
            self.managedPolicyArns = managedPolicyArns
            self.maxSessionDuration = maxSessionDuration
            self.path = path
            self.permissionsBoundary = permissionsBoundary
            self.policies = policies
            self.roleName = roleName
            self.tags = tags
        }

        /// The properties in schema (alphabetical) order.
        public var typedProperties: [CFValue.Member] {
            var writer = PropertyWriter()
            writer.add("AssumeRolePolicyDocument", assumeRolePolicyDocument)
            writer.add("Description", description)
            writer.add("ManagedPolicyArns", managedPolicyArns)
            writer.add("MaxSessionDuration", maxSessionDuration)
            writer.add("Path", path)
            writer.add("PermissionsBoundary", permissionsBoundary)
            writer.add("Policies", policies)
            writer.add("RoleName", roleName)
            writer.add("Tags", tags)
            return writer.members
        }

        /// `Fn::GetAtt Arn`: the role's ARN.
        public var arn: Token<String> { getAtt("Arn") }
        /// `Fn::GetAtt RoleId`: the role's stable unique ID.
        public var roleId: Token<String> { getAtt("RoleId") }

        /// An inline policy of the role (`Policies` item).
        public struct Policy: CFValueConvertible {
            /// `PolicyName`: unique among the role's inline policies.
            public var policyName: Token<String>
            /// `PolicyDocument`.
            public var policyDocument: PolicyDocument

            /// An inline policy; both parts are required.
            public init(policyName: Token<String>, policyDocument: PolicyDocument) {
                self.policyName = policyName
                self.policyDocument = policyDocument
            }

            /// The policy as CloudFormation reads it.
            public var cfValue: CFValue {
                ["PolicyDocument": policyDocument.cfValue, "PolicyName": policyName.cfValue]
            }
        }
    }
}
