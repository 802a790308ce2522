/// CloudFormation StackSets in the manifest (format version 3): one template rolled out by
/// CloudFormation itself to many accounts (or organizational units) and regions, with its
/// permission model, targets, per-instance parameter overrides and operation preferences.
extension Manifest {
    /// One StackSet: its own facts in the shape of a stack entry, plus what makes it a set.
    public struct StackSet: Sendable, Equatable {
        /// The set's facts as a stack entry has them: `name` (the StackSet name), `account` and
        /// `region` (the administrator account and region the set lives in), `access` (how the
        /// deployer reaches that account), the template, parameters (shared by every instance),
        /// capabilities, tags, stage and dependencies (stacks deployed first). Its `settings` stay empty.
        public var stack: Stack
        /// The set's description, shown in the console; `nil` for none.
        public var description: String?
        /// Who may deploy the instances: self-managed roles or AWS Organizations.
        public var permissions: Permissions
        /// The accounts or organizational units, each with its regions; at least one.
        public var targets: [Target]
        /// Parameter values that differ for some accounts (or OUs) and regions.
        public var overrides: [Override]
        /// How CloudFormation paces and tolerates failures in each operation.
        public var preferences: OperationPreferences

        /// A StackSet entry from its parts.
        public init(
            stack: Stack, description: String? = nil, permissions: Permissions, targets: [Target], overrides: [Override] = [],
            preferences: OperationPreferences = OperationPreferences()
        ) {
            self.stack = stack
            self.description = description
            self.permissions = permissions
            self.targets = targets
            self.overrides = overrides
            self.preferences = preferences
        }

        /// The StackSet's name.
        public var name: String { stack.name }

        /// Every (account or OU, region) pair the set targets, in declaration order, without repeats.
        public var instances: [Instance] {
            var result: [Instance] = []
            for target in targets {
                for unit in target.accounts + target.organizationalUnits {
                    for region in target.regions where !result.contains(Instance(target: unit, region: region)) {
                        result.append(Instance(target: unit, region: region))
                    }
                }
            }
            return result
        }
    }

    /// One stack instance's place: an account ID (self-managed) or an OU ID (service-managed), and a region.
    public struct Instance: Sendable, Hashable {
        /// The account ID or organizational-unit ID.
        public var target: String
        /// The region.
        public var region: String

        /// An instance place from its parts.
        public init(target: String, region: String) {
            self.target = target
            self.region = region
        }
    }

    /// The StackSet permission models.
    public enum Permissions: Sendable, Equatable {
        /// `SELF_MANAGED`: the administration role in the administrator account assumes the execution
        /// role in each target account; `nil` uses CloudFormation's default role names.
        case selfManaged(administrationRoleARN: String?, executionRoleName: String?)
        /// `SERVICE_MANAGED`: AWS Organizations grants the access; targets are OUs. `autoDeployment`
        /// `nil` leaves it off; `delegatedAdmin` calls as a delegated administrator (`CallAs=DELEGATED_ADMIN`).
        case serviceManaged(autoDeployment: AutoDeployment?, delegatedAdmin: Bool)
    }

    /// Service-managed auto-deployment: instances for accounts that join a targeted OU.
    public struct AutoDeployment: Sendable, Equatable {
        /// Whether new accounts of a targeted OU get instances.
        public var enabled: Bool
        /// Whether an account's stacks are kept (not deleted) when it leaves the OU.
        public var retainStacksOnAccountRemoval: Bool

        /// Auto-deployment from its parts.
        public init(enabled: Bool, retainStacksOnAccountRemoval: Bool) {
            self.enabled = enabled
            self.retainStacksOnAccountRemoval = retainStacksOnAccountRemoval
        }
    }

    /// Accounts or OUs (exactly one of the two lists is non-empty) and the regions to deploy them in.
    public struct Target: Sendable, Equatable {
        /// 12-digit account IDs (self-managed sets).
        public var accounts: [String]
        /// Organizational-unit or root IDs (`ou-…`, `r-…`; service-managed sets).
        public var organizationalUnits: [String]
        /// The regions, each once.
        public var regions: [String]

        /// A target from its parts.
        public init(accounts: [String] = [], organizationalUnits: [String] = [], regions: [String]) {
            self.accounts = accounts
            self.organizationalUnits = organizationalUnits
            self.regions = regions
        }
    }

    /// Parameter values for the instances of some accounts (or OUs) in some regions.
    public struct Override: Sendable, Equatable {
        /// The account or OU IDs it applies to; each must be targeted.
        public var targets: [String]
        /// The regions it applies to; each must be targeted.
        public var regions: [String]
        /// The overriding values (literals only), sorted by name.
        public var parameters: [Parameter]

        /// An override from its parts.
        public init(targets: [String], regions: [String], parameters: [Parameter]) {
            self.targets = targets
            self.regions = regions
            self.parameters = parameters
        }
    }

    /// `StackSetOperationPreferences`: concurrency, failure tolerance and region order. `nil` and
    /// empty fields leave CloudFormation's defaults (one account at a time, no failure tolerated).
    public struct OperationPreferences: Sendable, Equatable {
        /// A number of accounts, or a percentage of them.
        public enum Amount: Sendable, Equatable {
            /// An absolute number of accounts.
            case count(Int)
            /// A percentage (0 to 100) of the accounts in each region.
            case percentage(Int)
        }

        /// Accounts deployed at once per region (count ≥ 1, or percentage 1 to 100).
        public var maxConcurrent: Amount?
        /// Failed accounts tolerated per region before the operation stops (count ≥ 0, or percentage 0 to 100).
        public var failureTolerance: Amount?
        /// The order regions are deployed in; each must be targeted.
        public var regionOrder: [String]
        /// `SEQUENTIAL` or `PARALLEL` regions; `nil` for CloudFormation's default (sequential).
        public var regionConcurrency: String?
        /// `STRICT_FAILURE_TOLERANCE` or `SOFT_FAILURE_TOLERANCE`; `nil` for the default (strict).
        public var concurrencyMode: String?

        /// Preferences from their parts; the defaults are CloudFormation's.
        public init(maxConcurrent: Amount? = nil, failureTolerance: Amount? = nil, regionOrder: [String] = [], regionConcurrency: String? = nil, concurrencyMode: String? = nil) {
            self.maxConcurrent = maxConcurrent
            self.failureTolerance = failureTolerance
            self.regionOrder = regionOrder
            self.regionConcurrency = regionConcurrency
            self.concurrencyMode = concurrencyMode
        }

        /// The values `regionConcurrency` takes.
        public static let regionConcurrencies = ["SEQUENTIAL", "PARALLEL"]
        /// The values `concurrencyMode` takes.
        public static let concurrencyModes = ["STRICT_FAILURE_TOLERANCE", "SOFT_FAILURE_TOLERANCE"]
    }
}

// MARK: - JSON

extension Manifest.StackSet {
    /// The entry as JSON: the stack entry's fields, then `description`, `permissionModel`, `targets`,
    /// `overrides` and `operationPreferences`; optional fields left out when unset.
    public var json: JSONValue {
        guard case .object(let members) = stack.json else { preconditionFailure("a stack entry is an object") }
        var result = members
        if let description { result.append(JSONValue.Member("description", .string(description))) }
        result += [
            JSONValue.Member("permissionModel", permissions.json),
            JSONValue.Member("targets", .list(targets.map(\.json))),
            JSONValue.Member("overrides", .list(overrides.map(\.json))),
            JSONValue.Member("operationPreferences", preferences.json),
        ]
        return .object(result)
    }

    init(json entry: JSONValue, at place: String, reader: FieldReader) throws(ArtifactError) {
        let stack = try Manifest.Stack(json: entry, at: place, reader: reader)
        let here = "stack set '\(stack.name)'"
        guard stack.settings.isEmpty else {
            throw reader.error("\(here) has stack settings (terminationProtection, stackPolicy, notificationArns, serviceRoleArn), which StackSets do not take")
        }
        var targets: [Manifest.Target] = []
        for (position, target) in try reader.list(entry, "targets", at: here).enumerated() {
            targets.append(try Manifest.Target(json: target, at: "\(here) targets[\(position)]", reader: reader))
        }
        var overrides: [Manifest.Override] = []
        for (position, override) in try reader.list(entry, "overrides", at: here).enumerated() {
            overrides.append(try Manifest.Override(json: override, at: "\(here) overrides[\(position)]", reader: reader))
        }
        self.init(
            stack: stack, description: try reader.optionalString(entry, "description", at: here),
            permissions: try Manifest.Permissions(json: entry["permissionModel"], at: here, reader: reader), targets: targets, overrides: overrides,
            preferences: try Manifest.OperationPreferences(json: entry["operationPreferences"], at: here, reader: reader))
    }
}

extension Manifest.Permissions {
    /// `{"type": "selfManaged", "administrationRoleArn"?, "executionRoleName"?}` or
    /// `{"type": "serviceManaged", "autoDeployment"?: {"enabled", "retainStacksOnAccountRemoval"}, "callAs": "SELF"|"DELEGATED_ADMIN"}`.
    public var json: JSONValue {
        switch self {
        case .selfManaged(let administrationRoleARN, let executionRoleName):
            var members = [JSONValue.Member("type", "selfManaged")]
            if let administrationRoleARN { members.append(JSONValue.Member("administrationRoleArn", .string(administrationRoleARN))) }
            if let executionRoleName { members.append(JSONValue.Member("executionRoleName", .string(executionRoleName))) }
            return .object(members)
        case .serviceManaged(let autoDeployment, let delegatedAdmin):
            var members = [JSONValue.Member("type", "serviceManaged")]
            if let autoDeployment {
                members.append(JSONValue.Member("autoDeployment", .object([
                    JSONValue.Member("enabled", .bool(autoDeployment.enabled)),
                    JSONValue.Member("retainStacksOnAccountRemoval", .bool(autoDeployment.retainStacksOnAccountRemoval)),
                ])))
            }
            members.append(JSONValue.Member("callAs", .string(delegatedAdmin ? "DELEGATED_ADMIN" : "SELF")))
            return .object(members)
        }
    }

    init(json: JSONValue?, at place: String, reader: FieldReader) throws(ArtifactError) {
        guard let json, case .object = json else { throw reader.error("\(place): \"permissionModel\" must be an object") }
        let here = place + " permissionModel"
        switch json["type"] {
        case .string("selfManaged"):
            self = .selfManaged(
                administrationRoleARN: try reader.optionalString(json, "administrationRoleArn", at: here, nonEmpty: true),
                executionRoleName: try reader.optionalString(json, "executionRoleName", at: here, nonEmpty: true))
        case .string("serviceManaged"):
            var autoDeployment: Manifest.AutoDeployment?
            if let auto = json["autoDeployment"], auto != .null {
                autoDeployment = Manifest.AutoDeployment(
                    enabled: try reader.bool(auto, "enabled", at: here + " autoDeployment"),
                    retainStacksOnAccountRemoval: try reader.bool(auto, "retainStacksOnAccountRemoval", at: here + " autoDeployment"))
            }
            let callAs = try reader.optionalString(json, "callAs", at: here) ?? "SELF"
            guard callAs == "SELF" || callAs == "DELEGATED_ADMIN" else { throw reader.error("\(here): \"callAs\" '\(callAs)' is not SELF or DELEGATED_ADMIN") }
            self = .serviceManaged(autoDeployment: autoDeployment, delegatedAdmin: callAs == "DELEGATED_ADMIN")
        case .string(let other): throw reader.error("\(here): type '\(other)' is not selfManaged or serviceManaged")
        default: throw reader.error("\(here): type (missing) is not selfManaged or serviceManaged")
        }
    }
}

extension Manifest.Target {
    /// `{"accounts": […], "regions": […]}` or `{"organizationalUnits": […], "regions": […]}`.
    public var json: JSONValue {
        var members: [JSONValue.Member] = []
        if !accounts.isEmpty { members.append(JSONValue.Member("accounts", .list(accounts.map(JSONValue.string)))) }
        if !organizationalUnits.isEmpty { members.append(JSONValue.Member("organizationalUnits", .list(organizationalUnits.map(JSONValue.string)))) }
        members.append(JSONValue.Member("regions", .list(regions.map(JSONValue.string))))
        return .object(members)
    }

    init(json: JSONValue, at place: String, reader: FieldReader) throws(ArtifactError) {
        guard case .object = json else { throw reader.error("\(place) is not an object") }
        self.init(
            accounts: try reader.strings(json, "accounts", at: place, optional: true),
            organizationalUnits: try reader.strings(json, "organizationalUnits", at: place, optional: true),
            regions: try reader.strings(json, "regions", at: place, optional: false))
    }
}

extension Manifest.Override {
    /// `{"targets": […], "regions": […], "parameters": [{"name", "value"}…]}`.
    public var json: JSONValue {
        .object([
            JSONValue.Member("targets", .list(targets.map(JSONValue.string))), JSONValue.Member("regions", .list(regions.map(JSONValue.string))),
            JSONValue.Member("parameters", .list(parameters.map(\.json))),
        ])
    }

    init(json: JSONValue, at place: String, reader: FieldReader) throws(ArtifactError) {
        guard case .object = json else { throw reader.error("\(place) is not an object") }
        var parameters: [Manifest.Parameter] = []
        for (position, parameter) in try reader.list(json, "parameters", at: place).enumerated() {
            parameters.append(try Manifest.Parameter(json: parameter, stack: place, position: position, reader: reader))
        }
        self.init(
            targets: try reader.strings(json, "targets", at: place, optional: false), regions: try reader.strings(json, "regions", at: place, optional: false),
            parameters: parameters)
    }
}

extension Manifest.OperationPreferences {
    /// CloudFormation's own field names: `maxConcurrentCount` or `maxConcurrentPercentage`,
    /// `failureToleranceCount` or `failureTolerancePercentage`, `regionOrder`, `regionConcurrencyType`,
    /// `concurrencyMode`; each left out when unset.
    public var json: JSONValue {
        var members: [JSONValue.Member] = []
        func amount(_ value: Amount?, _ prefix: String) {
            switch value {
            case .count(let count)?: members.append(JSONValue.Member(prefix + "Count", .int(count)))
            case .percentage(let percentage)?: members.append(JSONValue.Member(prefix + "Percentage", .int(percentage)))
            case nil: break
            }
        }
        amount(maxConcurrent, "maxConcurrent")
        amount(failureTolerance, "failureTolerance")
        if !regionOrder.isEmpty { members.append(JSONValue.Member("regionOrder", .list(regionOrder.map(JSONValue.string)))) }
        if let regionConcurrency { members.append(JSONValue.Member("regionConcurrencyType", .string(regionConcurrency))) }
        if let concurrencyMode { members.append(JSONValue.Member("concurrencyMode", .string(concurrencyMode))) }
        return .object(members)
    }

    init(json: JSONValue?, at place: String, reader: FieldReader) throws(ArtifactError) {
        guard let json, json != .null else {
            self.init()
            return
        }
        guard case .object = json else { throw reader.error("\(place): \"operationPreferences\" must be an object") }
        let here = place + " operationPreferences"
        func amount(_ prefix: String) throws(ArtifactError) -> Amount? {
            let count = try reader.optionalInt(json, prefix + "Count", at: here)
            let percentage = try reader.optionalInt(json, prefix + "Percentage", at: here)
            switch (count, percentage) {
            case (let count?, nil): return .count(count)
            case (nil, let percentage?): return .percentage(percentage)
            case (nil, nil): return nil
            case (.some, .some): throw reader.error("\(here): \"\(prefix)Count\" and \"\(prefix)Percentage\" exclude each other")
            }
        }
        self.init(
            maxConcurrent: try amount("maxConcurrent"), failureTolerance: try amount("failureTolerance"),
            regionOrder: try reader.strings(json, "regionOrder", at: here, optional: true),
            regionConcurrency: try reader.optionalString(json, "regionConcurrencyType", at: here, nonEmpty: true),
            concurrencyMode: try reader.optionalString(json, "concurrencyMode", at: here, nonEmpty: true))
    }
}

extension FieldReader {
    /// The Boolean under `key`.
    func bool(_ object: JSONValue, _ key: String, at place: String) throws(ArtifactError) -> Bool {
        guard case .bool(let value)? = object[key] else { throw error("\(place): \"\(key)\" must be true or false") }
        return value
    }

    /// The integer under `key`, `nil` when missing or `null`.
    func optionalInt(_ object: JSONValue, _ key: String, at place: String) throws(ArtifactError) -> Int? {
        guard let value = object[key], value != .null else { return nil }
        guard case .int(let number) = value else { throw error("\(place): \"\(key)\" must be an integer") }
        return number
    }
}
