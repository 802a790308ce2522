/// The StackSet permission models.
public enum StackSetPermissions: Sendable, Equatable {
    /// Self-managed: the administration role in the administrator account assumes the execution
    /// role in each target account; `nil` uses CloudFormation's default names
    /// (`AWSCloudFormationStackSetAdministrationRole`, `AWSCloudFormationStackSetExecutionRole`).
    /// Targets are accounts.
    case selfManaged(administrationRoleARN: String? = nil, executionRoleName: String? = nil)
    /// Service-managed: AWS Organizations grants the access; targets are organizational units.
    /// `delegatedAdmin` calls as a delegated administrator rather than from the management account.
    case serviceManaged(autoDeployment: StackSetAutoDeployment = .disabled, delegatedAdmin: Bool = false)

    /// The manifest's permission model.
    var manifest: Manifest.Permissions {
        switch self {
        case .selfManaged(let administrationRoleARN, let executionRoleName):
            .selfManaged(administrationRoleARN: administrationRoleARN, executionRoleName: executionRoleName)
        case .serviceManaged(let autoDeployment, let delegatedAdmin):
            .serviceManaged(autoDeployment: autoDeployment.manifest, delegatedAdmin: delegatedAdmin)
        }
    }

    /// Whether targets are accounts (self-managed) rather than OUs.
    var isSelfManaged: Bool {
        if case .selfManaged = self { return true }
        return false
    }
}

/// Service-managed auto-deployment: whether accounts that join a targeted OU get instances.
public enum StackSetAutoDeployment: Sendable, Equatable {
    /// New accounts of a targeted OU get nothing (written explicitly, so turning it off turns it off).
    case disabled
    /// New accounts get instances; `retainStacksOnAccountRemoval` keeps an account's stacks when it leaves the OU.
    case enabled(retainStacksOnAccountRemoval: Bool)

    var manifest: Manifest.AutoDeployment {
        switch self {
        case .disabled: Manifest.AutoDeployment(enabled: false, retainStacksOnAccountRemoval: false)
        case .enabled(let retain): Manifest.AutoDeployment(enabled: true, retainStacksOnAccountRemoval: retain)
        }
    }
}

/// Accounts (self-managed) or organizational units (service-managed), each deployed in every one of `regions`.
///
/// ```swift
/// .accounts([development, test], regions: ["eu-west-1", "eu-central-1"])
/// .organizationalUnits(["ou-ab12-cdef3456"], regions: ["eu-west-1"])
/// ```
public struct StackSetTarget: Sendable {
    /// The target accounts (self-managed sets).
    public var accounts: [Account]
    /// The OU or root IDs (service-managed sets).
    public var organizationalUnits: [String]
    /// The regions, each once.
    public var regions: [String]
    /// Where the target was written; its mistakes are reported there.
    public internal(set) var location: SourceLocation

    /// Every one of `accounts` in every one of `regions`.
    public static func accounts(_ accounts: [Account], regions: [String], file: String = #filePath, line: Int = #line) -> StackSetTarget {
        StackSetTarget(accounts: accounts, organizationalUnits: [], regions: regions, location: SourceLocation(file: file, line: line))
    }

    /// Every account of the OUs (`ou-…`, or the root `r-…`) in every one of `regions`.
    public static func organizationalUnits(_ ids: [String], regions: [String], file: String = #filePath, line: Int = #line) -> StackSetTarget {
        StackSetTarget(accounts: [], organizationalUnits: ids, regions: regions, location: SourceLocation(file: file, line: line))
    }

    /// The account or OU IDs.
    var ids: [String] { accounts.map(\.id) + organizationalUnits }
}

/// Parameter values for the instances of some targeted accounts (or OUs) in some targeted regions.
///
/// ```swift
/// .accounts([production], parameters: ["Size": "3"])
/// ```
public struct StackSetOverride: Sendable {
    /// The account or OU IDs it applies to.
    public var targets: [String]
    /// The regions it applies to; `nil` for every region the set targets.
    public var regions: [String]?
    /// The overriding values (literals), by parameter name.
    public var parameters: [String: String]
    /// Where the override was written.
    public internal(set) var location: SourceLocation

    /// Values for the instances of `accounts` (in `regions`, or every targeted region).
    public static func accounts(
        _ accounts: [Account], regions: [String]? = nil, parameters: [String: String], file: String = #filePath, line: Int = #line
    ) -> StackSetOverride {
        StackSetOverride(targets: accounts.map(\.id), regions: regions, parameters: parameters, location: SourceLocation(file: file, line: line))
    }

    /// Values for the instances of the OUs `ids` (in `regions`, or every targeted region).
    public static func organizationalUnits(
        _ ids: [String], regions: [String]? = nil, parameters: [String: String], file: String = #filePath, line: Int = #line
    ) -> StackSetOverride {
        StackSetOverride(targets: ids, regions: regions, parameters: parameters, location: SourceLocation(file: file, line: line))
    }
}

/// CloudFormation's operation preferences: how many accounts at once, how many failures before an
/// operation stops, and the regions' order. Unset fields keep CloudFormation's defaults (one
/// account at a time, no failure tolerated, regions one after another).
///
/// ```swift
/// StackSetPreferences(maxConcurrent: .percentage(25), failureTolerance: .count(1),
///                     regionOrder: ["eu-west-1", "eu-central-1"], regions: .sequential, concurrencyMode: .softFailureTolerance)
/// ```
public struct StackSetPreferences: Sendable {
    /// A number of accounts (`.count(5)`) or a percentage of them (`.percentage(25)`).
    public typealias Amount = Manifest.OperationPreferences.Amount

    /// Whether regions are deployed one after another or at once.
    public enum RegionConcurrency: String, Sendable {
        /// One region after another, in `regionOrder`.
        case sequential = "SEQUENTIAL"
        /// All regions at once.
        case parallel = "PARALLEL"
    }

    /// How the failure tolerance bounds concurrency.
    public enum ConcurrencyMode: String, Sendable {
        /// Concurrency drops as failures mount, so no more than the tolerance fail.
        case strictFailureTolerance = "STRICT_FAILURE_TOLERANCE"
        /// Concurrency stays at `maxConcurrent`; more failures than the tolerance are possible.
        case softFailureTolerance = "SOFT_FAILURE_TOLERANCE"
    }

    /// Accounts deployed at once per region: a count (at least 1) or a percentage (1 to 100).
    public var maxConcurrent: Amount?
    /// Failures tolerated per region: a count (0 or more) or a percentage (0 to 100).
    public var failureTolerance: Amount?
    /// The order regions are deployed in; each one targeted.
    public var regionOrder: [String]
    /// Sequential or parallel regions.
    public var regions: RegionConcurrency?
    /// Strict or soft failure tolerance.
    public var concurrencyMode: ConcurrencyMode?
    /// Where the preferences were written.
    public internal(set) var location: SourceLocation

    /// Preferences from their parts; each left out keeps CloudFormation's default.
    public init(
        maxConcurrent: Amount? = nil, failureTolerance: Amount? = nil, regionOrder: [String] = [], regions: RegionConcurrency? = nil,
        concurrencyMode: ConcurrencyMode? = nil, file: String = #filePath, line: Int = #line
    ) {
        self.maxConcurrent = maxConcurrent
        self.failureTolerance = failureTolerance
        self.regionOrder = regionOrder
        self.regions = regions
        self.concurrencyMode = concurrencyMode
        location = SourceLocation(file: file, line: line)
    }

    /// The manifest's preferences.
    var manifest: Manifest.OperationPreferences {
        Manifest.OperationPreferences(
            maxConcurrent: maxConcurrent, failureTolerance: failureTolerance, regionOrder: regionOrder, regionConcurrency: regions?.rawValue,
            concurrencyMode: concurrencyMode?.rawValue)
    }
}
