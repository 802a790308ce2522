/// One CloudFormation stack: a template bound to an account and a region.
///
/// ```swift
/// Stack("jenkins-deploy-role", account: "222222222222", region: "eu-west-1",
///       description: "IAM role for Jenkins agent",
///       parameters: ["JenkinsAccountId": "111111111111"]) {
///     jenkinsAccountId
///     deployRole
/// }
/// ```
public struct Stack: Sendable {
    /// The stack name: unique in the app, `[A-Za-z][-A-Za-z0-9]*`, at most 128 characters.
    public let name: String
    /// The 12-digit account it deploys to.
    public var account: String
    /// The account's name, when the stack was declared with an `Account`.
    public var accountName: String?
    /// How the deployer reaches the account.
    public var access: AccountAccess
    /// The region it deploys to, such as `eu-west-1`.
    public var region: String
    /// The rollout stage; stacks without one roll out before the first stage.
    public var stage: StagePlacement?
    /// The template's `Description`.
    public var description: String?
    /// The template's `Metadata` section, set with `.metadata(…)`.
    public var metadata: TemplateMetadata?
    /// Values for the template's parameters at deploy time, by parameter name.
    public var parameterValues: [String: String]
    /// Tags the deployer puts on the stack (and CloudFormation on its resources).
    public var tags: [String: String]
    /// The S3 bucket for a template over 51,200 bytes (`{account}` and `{region}` are expanded);
    /// `nil` uses the app's `templateBucket`.
    public var templateBucket: String?
    /// Termination protection, stack policy, notification topics and service role, set with
    /// `.terminationProtection()`, `.stackPolicy(…)`, `.notifications(…)` and `.serviceRole(…)` (or the account's `serviceRole`).
    public var settings = Manifest.StackSettings()
    /// Where the last setting was made (its mistakes are reported there); the stack's line otherwise.
    var settingsLocation: SourceLocation?
    /// The template's pieces in the order the body listed them.
    public var elements: [StackElement]
    /// Where the stack was declared.
    public internal(set) var location: SourceLocation
    /// The finding of the `PerStage` that gave this stack's account to several stages, if one did.
    var stageAccountSharing: StageAccountSharing?

    /// A stack in an account given by ID; the deployer reaches it by assuming
    /// `OrganizationAccountAccessRole` unless `access` says otherwise.
    public init(
        _ name: String,
        account: String,
        region: String,
        access: AccountAccess = .assumeRole(),
        description: String? = nil,
        parameters parameterValues: [String: String] = [:],
        tags: [String: String] = [:],
        templateBucket: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        @StackBuilder content: () -> Group
    ) {
        self.name = name
        self.account = account
        self.access = access
        self.region = region
        self.description = description
        self.parameterValues = parameterValues
        self.tags = tags
        self.templateBucket = templateBucket
        elements = content().stackElements
        location = SourceLocation(file: file, line: line)
    }

    /// A stack in a declared `Account` (its primary region unless `region` is given), optionally
    /// placed in a rollout stage of your own `StageSet`, named with its type (`Stages.live`);
    /// `stage: .live` infers the type with `accounts:` below.
    public init<S: StageSet>(
        _ name: String,
        account: Account,
        region: String? = nil,
        stage: S? = Stage?.none,
        description: String? = nil,
        parameters parameterValues: [String: String] = [:],
        tags: [String: String] = [:],
        templateBucket: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        @StackBuilder content: () -> Group
    ) {
        self.init(
            name, declared: account, region: region, placement: stage.map(StagePlacement.init), description: description, parameters: parameterValues, tags: tags,
            templateBucket: templateBucket, file: file, line: line, content: content)
    }

    /// A stack in a declared `Account`, in one of the default stages: `stage: .production`.
    public init(
        _ name: String,
        account: Account,
        region: String? = nil,
        stage: Stage?,
        description: String? = nil,
        parameters parameterValues: [String: String] = [:],
        tags: [String: String] = [:],
        templateBucket: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        @StackBuilder content: () -> Group
    ) {
        self.init(
            name, declared: account, region: region, placement: stage.map(StagePlacement.init), description: description, parameters: parameterValues, tags: tags,
            templateBucket: templateBucket, file: file, line: line, content: content)
    }

    /// The stack of `stage` in that stage's account of `accounts`: the stage set's type comes from
    /// `accounts`, so `stage: .live` names a stage of your own `StageSet`.
    ///
    /// ```swift
    /// enum Stages: String, StageSet { case dev, live }
    /// let accounts = PerStage<Stages, Account> { $0 == .dev ? dev : live }
    /// Stack("shop", accounts: accounts, stage: .live) { … }
    /// ```
    public init<S: StageSet>(
        _ name: String,
        accounts: PerStage<S, Account>,
        stage: S,
        region: String? = nil,
        description: String? = nil,
        parameters parameterValues: [String: String] = [:],
        tags: [String: String] = [:],
        templateBucket: String? = nil,
        file: String = #filePath,
        line: Int = #line,
        @StackBuilder content: () -> Group
    ) {
        self.init(
            name, declared: accounts[stage], region: region, placement: StagePlacement(stage), description: description, parameters: parameterValues, tags: tags,
            templateBucket: templateBucket, file: file, line: line, content: content)
    }

    /// The initializers with a declared `Account` share this: the account's ID, region (unless
    /// `region` is given), access, name, service role and stage-sharing finding, and the stage.
    private init(
        _ name: String, declared account: Account, region: String?, placement: StagePlacement?, description: String?,
        parameters parameterValues: [String: String], tags: [String: String], templateBucket: String?, file: String, line: Int,
        content: () -> Group
    ) {
        self.init(
            name, account: account.id, region: region ?? account.region, access: account.access, description: description,
            parameters: parameterValues, tags: tags, templateBucket: templateBucket, file: file, line: line, content: content)
        accountName = account.name
        stageAccountSharing = account.sharedByStages
        settings.serviceRoleARN = account.serviceRole
        stage = placement
    }
}

/// Every stack and StackSet of a deployment, plus the other files it generates: what `generate-stacks` writes.
///
/// ```swift
/// App(templateBucket: "infradsl-templates-{account}-{region}") {
///     deployRoleStack
///     jenkinsStack
/// }
/// ```
public struct App: Sendable {
    /// The app's name: every stack carries the tag `infradsl:app` with it, so `infra plan` can list
    /// (and `infra deploy --prune` delete) stacks of this app that are no longer declared.
    public var name: String?
    /// Tags on every stack of the app, components' stacks included; a stack's own `tags` win.
    public var tags: [String: String]
    /// The stacks, in the order declared.
    public var stacks: [Stack]
    /// The StackSets, in the order declared.
    public var stackSets: [StackSet]
    /// Other generated files (Jenkins configuration …), by path inside the output folder.
    public var files: [GeneratedFile]
    /// Lint settings for every stack.
    public var lint: LintSettings
    /// The app's own rules, checked on every resource after the built-in ones (like CDK Aspects).
    public var rules: [any ResourceRule]
    /// The S3 bucket for templates over 51,200 bytes, for stacks that name none themselves;
    /// `{account}` and `{region}` are expanded per stack. The bucket must exist in each such account and region.
    public var templateBucket: String?
    /// Where the app was declared (diagnostics about its `templateBucket` point here).
    public var location: SourceLocation

    /// An app of the block's stacks and constructs; `templateBucket` lets templates over 51,200
    /// bytes (up to 1,000,000) deploy through S3, and `rules` holds every resource to the app's own
    /// rules too. `name` tags every stack with `infradsl:app` (for prune), and `tags` go on every stack.
    public init(
        name: String? = nil, tags: [String: String] = [:], templateBucket: String? = nil, lint: LintSettings = LintSettings(), rules: [any ResourceRule] = [],
        file: String = #filePath, line: Int = #line, @AppBuilder _ content: () -> [AppElement]
    ) {
        self.name = name
        self.tags = tags
        self.lint = lint
        self.rules = rules
        self.templateBucket = templateBucket
        location = SourceLocation(file: file, line: line)
        var stacks: [Stack] = []
        var stackSets: [StackSet] = []
        var files: [GeneratedFile] = []
        for element in content() {
            switch element {
            case .stack(let stack): stacks.append(stack)
            case .stackSet(let set): stackSets.append(set)
            case .file(let file): files.append(file)
            }
        }
        self.stacks = stacks
        self.stackSets = stackSets
        self.files = files
    }
}

/// Anything that can appear in an app: stacks, and constructs that yield stacks in several
/// accounts together with their configuration files.
public protocol AppContent: Sendable {
    /// What this contributes to the app, in order.
    var appElements: [AppElement] { get }
}

/// One piece of an app.
public enum AppElement: Sendable {
    /// A stack.
    case stack(Stack)
    /// A StackSet.
    case stackSet(StackSet)
    /// Another generated file.
    case file(GeneratedFile)
}

/// A generated file other than templates and the manifest, such as Jenkins configuration.
public struct GeneratedFile: Sendable, Equatable {
    /// The path inside the output folder, such as `jenkins/jenkins-agent-cloud.yaml`.
    public var path: String
    /// The text.
    public var contents: String
    /// Where the construct that generates it was declared.
    public var location: SourceLocation

    /// A file at a relative path.
    public init(path: String, contents: String, location: SourceLocation) {
        self.path = path
        self.contents = contents
        self.location = location
    }
}

extension Stack: AppContent {
    /// The stack itself.
    public var appElements: [AppElement] { [.stack(self)] }
}

/// Optional app content contributes nothing when nil.
extension Optional: AppContent where Wrapped: AppContent {
    /// The wrapped content's elements, or none.
    public var appElements: [AppElement] { self?.appElements ?? [] }
}

/// The result builder of an app's stacks and constructs: one `buildExpression` (optionals are
/// content too) and one variadic `buildBlock`, as `StackBuilder`.
@resultBuilder
public enum AppBuilder: ListResultBuilder, Sendable {
    /// An app lists stacks and generated files.
    public typealias Element = AppElement
    /// Any app content, optionals included.
    public static func buildExpression(_ content: some AppContent) -> [AppElement] { content.appElements }
}
