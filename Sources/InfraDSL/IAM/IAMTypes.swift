/// The IAM resource type names the core needs — its rules, the capabilities CloudFormation
/// demands, physical names and where policy documents live — written once, here.
enum IAMType {
    /// `AWS::IAM::Role`.
    static let role = "AWS::IAM::Role"
    /// `AWS::IAM::Policy`.
    static let policy = "AWS::IAM::Policy"
    /// `AWS::IAM::ManagedPolicy`.
    static let managedPolicy = "AWS::IAM::ManagedPolicy"
    /// `AWS::IAM::User`.
    static let user = "AWS::IAM::User"
    /// `AWS::IAM::Group`.
    static let group = "AWS::IAM::Group"
    /// `AWS::IAM::InstanceProfile`.
    static let instanceProfile = "AWS::IAM::InstanceProfile"
    /// `AWS::IAM::AccessKey`.
    static let accessKey = "AWS::IAM::AccessKey"
    /// `AWS::IAM::UserToGroupAddition`.
    static let userToGroupAddition = "AWS::IAM::UserToGroupAddition"
    /// `AWS::IAM::RolePolicy`.
    static let rolePolicy = "AWS::IAM::RolePolicy"
    /// `AWS::IAM::UserPolicy`.
    static let userPolicy = "AWS::IAM::UserPolicy"
    /// `AWS::IAM::GroupPolicy`.
    static let groupPolicy = "AWS::IAM::GroupPolicy"

    /// The types CloudFormation creates only with `CAPABILITY_IAM` (or `CAPABILITY_NAMED_IAM`).
    static let needingCapability: Set<String> = [
        role, managedPolicy, user, group, instanceProfile, policy, accessKey, userToGroupAddition, rolePolicy, userPolicy, groupPolicy,
    ]

    /// The property naming each IAM type that takes a name; IAM names are unique per account.
    static let nameProperties: [String: String] = [
        role: "RoleName", managedPolicy: "ManagedPolicyName", user: "UserName", group: "GroupName",
        instanceProfile: "InstanceProfileName",
    ]
}
