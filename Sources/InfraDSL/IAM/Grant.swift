/// An IAM identity that grants give permissions to: the generated `IAM.Role`, `IAM.User` and `IAM.Group`.
///
/// A protocol of the core, so a service module's grant helpers (`bucket.grantRead(to: role)`) take
/// a role without depending on the IAM module.
public protocol Grantee: Resource {}

/// A raw `AWS::IAM::Role`, `User` or `Group` takes grants too; a raw resource of another type is
/// refused at the grant's line.
extension RawResource: Grantee {}

/// Permissions on one resource for one role, user or group, written as a statement of the stack's
/// body: `bucket.grantRead(to: role)`.
///
/// Every grant to one identity in a stack lands in one `AWS::IAM::Policy`, `<identity>DefaultPolicy`,
/// attached to it (as CDK's default policy): statements on the same resources share one statement,
/// actions sorted. The identity and the resource must be resources of the grant's stack; a grant
/// across stacks is an error at its line. The service modules generate the helpers; this initializer
/// writes any other grant.
public struct Grant: StackContent {
    /// One statement of a grant: IAM actions allowed on resources.
    public struct Permission: Sendable, Equatable {
        /// The actions, such as `s3:GetObject`.
        public var actions: [String]
        /// The resources' ARNs, typed: `bucket.arn`, `"\(bucket.arn)/*"`.
        public var resources: [Token<String>]

        /// Allows `actions` on `resources`.
        public init(actions: [String], resources: [Token<String>]) {
            self.actions = actions
            self.resources = resources
        }
    }

    /// The identity's logical ID.
    public let granteeId: String
    /// The identity's type: `AWS::IAM::Role`, `AWS::IAM::User` or `AWS::IAM::Group`.
    public let granteeType: String
    /// The identity's `Condition`, which its policy shares.
    public let granteeCondition: String?
    /// The granted resource's logical ID.
    public let resourceId: String
    /// The granted resource's type.
    public let resourceType: String
    /// What the grant allows.
    public var permissions: [Permission]
    /// Where the grant was written.
    public var location: SourceLocation

    /// Allows `grantee` the `permissions` on `resource`, which both must be in the grant's stack.
    public init(on resource: some Resource, to grantee: some Grantee, permissions: [Permission], file: String = #filePath, line: Int = #line) {
        granteeId = grantee.logicalId
        granteeType = grantee.resourceType
        granteeCondition = grantee.options.condition
        resourceId = resource.logicalId
        resourceType = resource.resourceType
        self.permissions = permissions
        location = SourceLocation(file: file, line: line)
    }

    /// The grant, which synthesis merges into its identity's policy.
    public var stackElements: [StackElement] { [.grant(self)] }
}
