import Foundation

/// Credentials and clients per account access, shared by every stack of a rollout.
///
/// Role credentials are cached per role (one `AssumeRole` per account, refreshed before expiry), and
/// the account behind a profile or the current credentials is checked once against the manifest,
/// so a wrong profile can never deploy into the wrong account.
public final class AccountSessions: Sendable {
    /// The process environment (variables, files, transport, clock).
    public let environment: AWSEnvironment
    /// The deployer's own credentials: the default chain unless given.
    public let baseCredentials: any AWSCredentialProvider
    /// Retries for every call.
    public let retryPolicy: RetryPolicy
    /// The session name sent with `AssumeRole`, visible in CloudTrail.
    public let sessionName: String
    /// Replaces every stack's manifest access (e.g. `.currentCredentials` on a Jenkins agent that
    /// already holds the stage's deploy role); `nil` follows the manifest.
    public let accessOverride: Manifest.Access?
    private let providers = LockedDictionary<String, any AWSCredentialProvider>()
    private let verified = LockedDictionary<String, Task<Void, any Error>>()

    /// Sessions over `environment`; `baseCredentials` defaults to the AWS SDKs' credential chain.
    public init(environment: AWSEnvironment, baseCredentials: (any AWSCredentialProvider)? = nil, retryPolicy: RetryPolicy = RetryPolicy(), sessionName: String = "infra-deploy",
                accessOverride: Manifest.Access? = nil) {
        self.environment = environment
        self.baseCredentials = baseCredentials ?? DefaultCredentialChain(environment: environment)
        self.retryPolicy = retryPolicy
        self.sessionName = sessionName
        self.accessOverride = accessOverride
    }

    /// How `stack`'s account is reached: the override, or the manifest's access.
    public func access(for stack: Manifest.Stack) -> Manifest.Access { accessOverride ?? stack.access }

    /// The credentials that reach `stack`'s account.
    public func credentials(for stack: Manifest.Stack) -> any AWSCredentialProvider {
        switch access(for: stack) {
        case .currentCredentials:
            return baseCredentials
        case .assumeRole(let roleARN, let externalID):
            return providers.value(forKey: "role \(roleARN) \(externalID ?? "")") {
                let environment = self.environment
                let region = stack.region
                return AssumeRoleCredentialProvider(
                    source: baseCredentials,
                    assumer: LazyRoleAssumer { try STSClient(region: region, credentials: NoCredentials(), environment: environment, retryPolicy: self.retryPolicy) },
                    request: AssumeRoleRequest(roleARN: roleARN, sessionName: sessionName, externalID: externalID),
                    clock: environment.clock)
            }
        case .profile(let profile):
            return providers.value(forKey: "profile \(profile)") {
                // A profile named in the manifest wins over keys in the environment, as `--profile` does in the AWS CLI.
                var variables = environment.variables
                for name in ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_WEB_IDENTITY_TOKEN_FILE"] { variables[name] = nil }
                variables["AWS_PROFILE"] = profile
                var profileEnvironment = environment
                profileEnvironment.variables = variables
                return DefaultCredentialChain(environment: profileEnvironment)
            }
        }
    }

    /// A CloudFormation client in `stack`'s account and region.
    public func cloudFormation(for stack: Manifest.Stack) throws -> CloudFormationClient {
        try CloudFormationClient(region: stack.region, credentials: credentials(for: stack), environment: environment, retryPolicy: retryPolicy)
    }

    /// An S3 client in `stack`'s account and region (for templates uploaded to its template bucket).
    public func s3(for stack: Manifest.Stack) throws -> S3Client {
        try S3Client(region: stack.region, credentials: credentials(for: stack), environment: environment, retryPolicy: retryPolicy)
    }

    /// Change-set listing in `stack`'s account and region.
    func changeSets(for stack: Manifest.Stack) throws -> ChangeSetLister {
        try ChangeSetLister(region: stack.region, credentials: credentials(for: stack), environment: environment, retryPolicy: retryPolicy)
    }

    /// For profile and current-credential access: checks once that the credentials act in the
    /// manifest's account (`GetCallerIdentity`). A role ARN names its account, so roles need no check.
    public func verifyAccount(for stack: Manifest.Stack) async throws {
        let key: String
        let access = access(for: stack)
        switch access {
        case .assumeRole: return
        case .profile(let profile): key = "profile \(profile) \(stack.account)"
        case .currentCredentials: key = "current \(stack.account)"
        }
        let task = verified.value(forKey: key) {
            let credentials = credentials(for: stack)
            let environment = environment
            let retryPolicy = retryPolicy
            return Task {
                let identity = try await STSClient(region: stack.region, credentials: credentials, environment: environment, retryPolicy: retryPolicy).getCallerIdentity()
                guard identity.account == stack.account else {
                    let how: String
                    if case .profile(let profile) = access { how = "profile '\(profile)'" } else { how = "the current credentials" }
                    throw RolloutError(.input, "\(how) act in account \(identity.account) (\(identity.arn)), but the manifest deploys this stack to account \(stack.account)",
                                       context: .init(stack: stack.name, account: stack.account, region: stack.region),
                                       remedy: "select credentials for account \(stack.account) (AWS_PROFILE, or the profile in the manifest)")
                }
            }
        }
        try await task.value
    }
}

/// Builds the STS client on first use, so a missing region or endpoint surfaces as a call error.
private struct LazyRoleAssumer: RoleAssuming {
    let make: @Sendable () throws -> STSClient
    func assumeRole(_ request: AssumeRoleRequest, using credentials: AWSCredentials) async throws -> AWSCredentials {
        try await make().assumeRole(request, using: credentials)
    }
}

/// A dictionary behind a lock whose values are created once per key.
final class LockedDictionary<Key: Hashable & Sendable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Key: Value] = [:]

    func value(forKey key: Key, create: () -> Value) -> Value {
        lock.locked {
            if let existing = storage[key] { return existing }
            let created = create()
            storage[key] = created
            return created
        }
    }

    func set(_ value: Value?, forKey key: Key) { lock.locked { storage[key] = value } }
    func get(_ key: Key) -> Value? { lock.locked { storage[key] } }
}

/// One change set as `ListChangeSets` reports it.
struct ChangeSetSummary: Sendable, Equatable {
    let name: String
    let status: String
    let executionStatus: String
    /// The stack's ARN and name, as the listing gives them.
    var stackID = ""
    var stackName = ""

    /// It was executed, or is being: CloudFormation consumes it, so it is no leftover to delete.
    var isExecuted: Bool { ChangeSetDescription.hasStarted(executionStatus) }
}

/// `ListChangeSets`, which the rollout needs to remove change sets an interrupted run left behind.
struct ChangeSetLister: Sendable {
    private let query: QueryClient

    init(region: String, credentials: any AWSCredentialProvider, environment: AWSEnvironment, retryPolicy: RetryPolicy) throws {
        let endpoint = try EndpointResolver.endpoint(service: "cloudformation", region: region, environment: environment)
        query = QueryClient(service: "cloudformation", version: "2010-05-15", region: region, endpoint: endpoint, credentials: credentials, environment: environment, retryPolicy: retryPolicy)
    }

    /// Every change set of `stackName` (a name or a stack ARN; all pages). Summaries of another
    /// stack are dropped: CloudFormation lists only the stack's own, but emulators have answered
    /// with every change set of the account, including those of deleted stacks of the same name.
    func list(stackName: String) async throws -> [ChangeSetSummary] {
        var result: [ChangeSetSummary] = []
        try await query.pages("ListChangeSets", [("StackName", stackName)]) { page in
            result += page.members("Summaries").map {
                ChangeSetSummary(name: $0.string("ChangeSetName") ?? "", status: $0.string("Status") ?? "", executionStatus: $0.string("ExecutionStatus") ?? "",
                                 stackID: $0.string("StackId") ?? "", stackName: $0.string("StackName") ?? "")
            }
            return true
        }
        let byID = stackName.hasPrefix("arn:")
        return result.filter { summary in
            byID ? (summary.stackID.isEmpty || summary.stackID == stackName) : (summary.stackName.isEmpty || summary.stackName == stackName)
        }
    }
}
