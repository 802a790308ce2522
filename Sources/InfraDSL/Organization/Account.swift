/// An AWS account the app deploys to: a name for people, the 12-digit ID, its default regions,
/// and how the deployer reaches it.
///
/// ```swift
/// let production = Account("production", id: "444444444444", region: "eu-west-1")
/// let tooling = Account("tooling", id: "111111111111", region: "eu-west-1", access: .currentCredentials)
/// ```
public struct Account: Sendable, Hashable {
    /// A short name people use, such as `production`.
    public let name: String
    /// The 12-digit account ID.
    public let id: String
    /// The default regions; stacks without an explicit region use the first.
    public let regions: [String]
    /// How the deployer gets credentials for this account.
    public let access: AccountAccess
    /// The CloudFormation service role (an IAM role ARN) stacks in this account deploy with, unless
    /// a stack names its own with `.serviceRole(…)`; `nil`: the deployer's own permissions.
    public let serviceRole: String?
    /// Set when a `PerStage` handed this account to two or more of its stages: stacks in it carry
    /// the finding to synthesis, which warns at the `PerStage`'s line. Not part of the account's
    /// identity (`==`, hashing).
    var sharedByStages: StageAccountSharing?

    /// An account with one default region.
    public init(_ name: String, id: String, region: String, access: AccountAccess = .assumeRole(), serviceRole: String? = nil) {
        self.init(name, id: id, regions: [region], access: access, serviceRole: serviceRole)
    }

    /// An account with several default regions, the first being the primary one.
    public init(_ name: String, id: String, regions: [String], access: AccountAccess = .assumeRole(), serviceRole: String? = nil) {
        self.name = name
        self.id = id
        self.regions = regions
        self.access = access
        self.serviceRole = serviceRole
    }

    /// Accounts are equal when name, ID, regions and access are; how a `PerStage` used them is no part of it.
    public static func == (left: Account, right: Account) -> Bool {
        left.name == right.name && left.id == right.id && left.regions == right.regions && left.access == right.access
            && left.serviceRole == right.serviceRole
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(id)
        hasher.combine(regions)
        hasher.combine(access)
        hasher.combine(serviceRole)
    }

    /// The primary region (the first default region).
    public var region: String { regions.first ?? "" }

    /// The ARN of role `name` in this account, for the partition of `region`.
    public func roleArn(_ name: String, region: String? = nil) -> String {
        "arn:\(Partition.of(region: region ?? self.region)):iam::\(id):role/\(name)"
    }
}

/// How the deployer reaches an account.
public enum AccountAccess: Sendable, Hashable {
    /// Assume `roleName` in the account with the caller's credentials (the AWS Organizations
    /// default is `OrganizationAccountAccessRole`), optionally presenting an ExternalId.
    case assumeRole(roleName: String = "OrganizationAccountAccessRole", externalId: String? = nil)
    /// Use a named profile of the shared AWS config files.
    case profile(String)
    /// Use whatever credentials the deployer already has (the account it runs in).
    case currentCredentials

    /// The manifest's access for a stack in `accountId` and `region`: a role name becomes its ARN.
    func manifestAccess(accountId: String, region: String) -> Manifest.Access {
        switch self {
        case .assumeRole(let roleName, let externalId):
            .assumeRole(roleARN: "arn:\(Partition.of(region: region)):iam::\(accountId):role/\(roleName)", externalID: externalId)
        case .profile(let profile): .profile(profile)
        case .currentCredentials: .currentCredentials
        }
    }
}

/// AWS partitions, which ARNs name: `aws`, `aws-cn`, `aws-us-gov`.
public enum Partition: Sendable {
    /// The partition `region` belongs to.
    public static func of(region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        return "aws"
    }
}
