import Testing
@testable import InfraDSL
import InfraAWSECS
import InfraAWSIAM
import InfraAWSLogs

/// One diagnostic, reduced to what a lint test asserts: severity, the user's line and the exact message.
private struct Reported: Equatable, CustomStringConvertible {
    var severity: Diagnostic.Severity
    var line: Int
    var message: String
    var description: String { "\(line): \(severity.rawValue): \(message)" }
}

/// A lint finding: always a warning (`--strict` is the command's business, tested in InfraSynthTests).
private func lintWarning(_ line: Int, _ message: String) -> Reported {
    Reported(severity: .warning, line: line, message: message)
}

/// Every diagnostic of synthesizing an app of `stack` — validation included, so a clean near-miss
/// proves no rule fires and the firing tests' resources are otherwise valid.
private func reported(_ stack: Stack, lint: LintSettings = LintSettings()) -> [Reported] {
    let diagnostics = App(lint: lint) { stack }.synthesize().diagnostics
    #expect(diagnostics.allSatisfy { $0.location.file.hasSuffix("Tests/InfraDSLTests/LintTests.swift") })
    return diagnostics.map { Reported(severity: $0.severity, line: $0.location.line, message: $0.message) }
}

/// The trust policy of an ECS task role: a service principal, never flagged.
private let taskTrust = PolicyDocument {
    Statement(.allow, principal: .service("ecs-tasks.amazonaws.com"), action: "sts:AssumeRole")
}

/// A role whose only inline policy holds `statement`.
private func role(
    _ logicalId: String, _ statement: Statement, file: String = #filePath, line: Int = #line
) -> IAM.Role {
    IAM.Role(
        logicalId, assumeRolePolicyDocument: taskTrust,
        policies: [.init(policyName: "policy", policyDocument: PolicyDocument { statement })],
        file: file, line: line)
}

/// A role trusted as `statement` says, with no permission policy.
private func trustingRole(_ statement: Statement, file: String = #filePath, line: Int = #line) -> IAM.Role {
    IAM.Role("Deploy", assumeRolePolicyDocument: PolicyDocument { statement }, file: file, line: line)
}

/// A task definition of one container, with a log configuration unless told otherwise.
private func task(
    environment: [ECS.TaskDefinition.KeyValuePair]? = nil, secrets: [ECS.TaskDefinition.Secret]? = nil, logs: Bool = true,
    file: String = #filePath, line: Int = #line
) -> ECS.TaskDefinition {
    ECS.TaskDefinition(
        "Agent",
        containerDefinitions: [
            .init(
                image: "jenkins/inbound-agent", name: "agent", environment: environment,
                logConfiguration: logs ? .init(logDriver: "awslogs", options: ["awslogs-group": "/ecs/agents", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "agent"]) : nil,
                memoryReservation: 512, secrets: secrets)
        ],
        family: "agent", file: file, line: line)
}

/// A bucket policy whose only statement is `statement` (raw JSON).
private func bucketPolicy(_ statement: CFValue, file: String = #filePath, line: Int = #line) -> RawResource {
    RawResource("ArtifactsPolicy", type: "AWS::S3::BucketPolicy", properties: [
        "Bucket": "artifacts",
        "PolicyDocument": ["Version": "2012-10-17", "Statement": [statement]],
    ], file: file, line: line)
}

/// IAM001's message for a role's first inline policy.
private let adminMessage = "Policies[0].PolicyDocument.Statement[0] allows '*' actions on '*' resources, which is full administrator access; list only the actions and resources it needs"

@Suite struct LintTests {
    // MARK: - The rule list

    @Test func thereAreAtLeastEightRulesWithUniqueIdsAndSummaries() {
        let ids = BuiltInRules.lint.compactMap(\.lintId)
        #expect(ids.count >= 8)
        #expect(Set(ids).count == ids.count)
        #expect(BuiltInRules.lint.allSatisfy { if case .lint(_, let summary) = $0.kind { !summary.isEmpty } else { false } })
        #expect(ids == ["IAM001", "IAM002", "IAM003", "IAM004", "IAM005", "IAM006", "IAM007", "LOG001", "ECS001", "ECS002", "DEP001"])
    }

    // MARK: - IAM001 `*` on `*`

    @Test func everyActionOnEveryResourceIsFlagged() {
        let line = #line; let r = role("DeployRole", Statement(.allow, action: ["*"], resource: ["*"]))
        #expect(reported(testStack { r }) == [lintWarning(line, "[IAM001] resource 'DeployRole': \(adminMessage)")])
    }

    @Test func everyActionIsFoundInOtherPolicyTypesAndSingleStatements() {
        let line = #line; let r = RawResource("Admin", type: "AWS::IAM::ManagedPolicy", properties: ["PolicyDocument": ["Version": "2012-10-17", "Statement": ["Effect": "Allow", "Action": "*", "Resource": "*"]]])
        #expect(reported(testStack { r }) == [
            lintWarning(line, "[IAM001] resource 'Admin': PolicyDocument.Statement allows '*' actions on '*' resources, which is full administrator access; list only the actions and resources it needs")
        ])
    }

    @Test func everyActionOfOneServiceOrOnNamedResourcesOrDeniedIsNotFlagged() {
        let a = role("A", Statement(.allow, action: "s3:*", resource: "*"))
        let b = role("B", Statement(.allow, action: "*", resource: "arn:aws:s3:::artifacts/*"))
        let c = role("C", Statement(.deny, action: "*", resource: "*"))
        #expect(reported(testStack { a; b; c }) == [])
    }

    // MARK: - IAM002 whole-account trust

    @Test func trustOfABareAccountIdIsFlagged() {
        let line = #line; let r = trustingRole(Statement(.allow, principal: .aws("111111111111"), action: "sts:AssumeRole"))
        #expect(reported(testStack { r }) == [
            lintWarning(line, "[IAM002] resource 'Deploy': AssumeRolePolicyDocument.Statement[0] trusts the whole account '111111111111' with no Condition, so every role and user in it may assume this role; add a condition on aws:PrincipalArn naming the role that needs it, or name that role's ARN as the principal")
        ])
    }

    @Test func trustOfAnAccountRootIsFlaggedLiteralOrSubstituted() {
        let account = Parameter("JenkinsAccountId", default: "111111111111")
        let line = #line; let r = trustingRole(Statement(.allow, principal: .aws(["arn:aws:iam::111111111111:root", "arn:\(AWS.partition):iam::\(account):root"]), action: ["sts:AssumeRole", "sts:TagSession"]))
        let tail = "with no Condition, so every role and user in it may assume this role; add a condition on aws:PrincipalArn naming the role that needs it, or name that role's ARN as the principal"
        #expect(reported(testStack { account; r }) == [
            lintWarning(line, "[IAM002] resource 'Deploy': AssumeRolePolicyDocument.Statement[0] trusts the whole account 'arn:aws:iam::111111111111:root' \(tail)"),
            lintWarning(line, "[IAM002] resource 'Deploy': AssumeRolePolicyDocument.Statement[0] trusts the whole account 'arn:${AWS::Partition}:iam::${JenkinsAccountId}:root' \(tail)"),
        ])
    }

    @Test func trustWithAConditionARoleOrAnUnknowableReferenceIsNotFlagged() {
        let account = Parameter("JenkinsAccountId", default: "111111111111")
        let conditioned = trustingRole(Statement(
            .allow, principal: .aws("arn:aws:iam::111111111111:root"), action: "sts:AssumeRole",
            condition: [PolicyCondition(.arnEquals, "aws:PrincipalArn", "arn:aws:iam::111111111111:role/jenkins-agent")]))
        let namedRole = IAM.Role("Named", assumeRolePolicyDocument: PolicyDocument {
            Statement(.allow, principal: .aws("arn:aws:iam::111111111111:role/jenkins-agent"), action: "sts:AssumeRole")
        })
        // The article's principal: a Ref could be a role ARN as well as an account, so it is unknown.
        let article = IAM.Role("Article", assumeRolePolicyDocument: PolicyDocument {
            Statement(.allow, principal: .aws([account.ref]), action: "sts:AssumeRole")
        })
        #expect(reported(testStack { account; conditioned; namedRole; article }) == [])
    }

    // MARK: - IAM003 iam:PassRole on `*`

    @Test func passRoleOnEveryResourceIsFlagged() {
        let line = #line; let r = role("Agent", Statement(.allow, action: ["iam:PassRole", "ecs:RunTask"], resource: "*"))
        #expect(reported(testStack { r }) == [
            lintWarning(line, "[IAM003] resource 'Agent': Policies[0].PolicyDocument.Statement[0] allows iam:PassRole on every resource ('*'), so it can hand any role, however privileged, to a service; list the ARNs of the roles it may pass")
        ])
    }

    @Test func passRoleThroughAWildcardNamesTheWildcard() {
        let line = #line; let r = role("Agent", Statement(.allow, action: "IAM:Pass*", resource: "*"))
        #expect(reported(testStack { r }) == [
            lintWarning(line, "[IAM003] resource 'Agent': Policies[0].PolicyDocument.Statement[0] allows iam:PassRole (through 'IAM:Pass*') on every resource ('*'), so it can hand any role, however privileged, to a service; list the ARNs of the roles it may pass")
        ])
    }

    @Test func passRoleOnNamedRolesOrOtherIAMActionsOnEveryResourceIsNotFlagged() {
        let a = role("A", Statement(.allow, action: "iam:PassRole", resource: "arn:aws:iam::111111111111:role/ecs-task"))
        let b = role("B", Statement(.allow, action: ["iam:GetRole", "iam:List*"], resource: "*"))
        #expect(reported(testStack { a; b }) == [])
    }

    // MARK: - IAM004 wildcard principal

    @Test func anyonePrincipalWithoutConditionIsFlagged() {
        let line = #line; let r = bucketPolicy(["Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::artifacts/*"])
        #expect(reported(testStack { r }) == [
            lintWarning(line, "[IAM004] resource 'ArtifactsPolicy': PolicyDocument.Statement[0] allows any principal ('*'), anonymous callers included, with no Condition; name the principals, or add a Condition that narrows them, such as aws:PrincipalOrgID or aws:SourceArn")
        ])
    }

    @Test func anyAWSPrincipalInATrustPolicyIsFlagged() {
        let line = #line; let r = trustingRole(Statement(.allow, principal: .aws("*"), action: "sts:AssumeRole"))
        #expect(reported(testStack { r }) == [
            lintWarning(line, "[IAM004] resource 'Deploy': AssumeRolePolicyDocument.Statement[0] allows any principal ('*'), anonymous callers included, with no Condition; name the principals, or add a Condition that narrows them, such as aws:PrincipalOrgID or aws:SourceArn")
        ])
    }

    @Test func anyonePrincipalWithAConditionOrDeniedIsNotFlagged() {
        let narrowed = bucketPolicy(["Effect": "Allow", "Principal": ["AWS": "*"], "Action": "s3:GetObject", "Resource": "arn:aws:s3:::artifacts/*", "Condition": ["StringEquals": ["aws:PrincipalOrgID": "o-abc123"]]])
        let denied = RawResource("Queue", type: "AWS::SQS::Queue")
        let deniedPolicy = RawResource("QueuePolicy", type: "AWS::SQS::QueuePolicy", properties: [
            "Queues": [.object(["Ref": "Queue"])],
            "PolicyDocument": ["Statement": [["Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": "*", "Condition": ["Bool": ["aws:SecureTransport": "false"]]]]],
        ])
        #expect(reported(testStack { narrowed; denied; deniedPolicy }) == [])
    }

    // MARK: - IAM005 Allow with NotAction / NotResource

    @Test func allowWithNotActionAndNotResourceIsFlagged() {
        let line = #line; let r = role("Agent", Statement(.allow, notAction: "iam:*", notResource: "arn:aws:s3:::audit/*"))
        #expect(reported(testStack { r }) == [
            lintWarning(line, "[IAM005] resource 'Agent': Policies[0].PolicyDocument.Statement[0] allows with NotAction, which grants every action not listed, including actions AWS adds later; list what is allowed under Action instead"),
            lintWarning(line, "[IAM005] resource 'Agent': Policies[0].PolicyDocument.Statement[0] allows with NotResource, which grants on every resource not listed, including ones created later; list the resources under Resource instead"),
        ])
    }

    @Test func denyWithNotActionIsNotFlagged() {
        // The usual guard rail: deny everything but global services outside one region.
        let r = role("Agent", Statement(.deny, notAction: ["iam:*", "sts:*"], resource: "*", condition: [PolicyCondition(.stringNotEquals, "aws:RequestedRegion", "eu-west-1")]))
        #expect(reported(testStack { r }) == [])
    }

    // MARK: - IAM006 permissions boundary

    @Test func aRoleWithoutABoundaryIsFlaggedWhenTheAppRequiresOne() {
        let line = #line; let r = IAM.Role("Agent", assumeRolePolicyDocument: taskTrust)
        #expect(reported(testStack { r }, lint: LintSettings(requirePermissionsBoundary: true)) == [
            lintWarning(line, "[IAM006] resource 'Agent': role has no PermissionsBoundary, which this app requires (LintSettings.requirePermissionsBoundary); set permissionsBoundary to the ARN of the boundary policy")
        ])
    }

    @Test func aBoundaryIsNotRequiredByDefaultAndARoleWithOneIsNotFlagged() {
        #expect(LintSettings().requirePermissionsBoundary == false)
        let without = IAM.Role("Agent", assumeRolePolicyDocument: taskTrust)
        #expect(reported(testStack { without }) == [])
        let with = IAM.Role("Bounded", assumeRolePolicyDocument: taskTrust, permissionsBoundary: "arn:aws:iam::111111111111:policy/boundary")
        #expect(reported(testStack { with }, lint: LintSettings(requirePermissionsBoundary: true)) == [])
    }

    // MARK: - IAM007 sts:AssumeRole on `*`

    @Test func assumeRoleOnEveryResourceIsFlagged() {
        let line = #line; let r = role("Agent", Statement(.allow, action: ["sts:*"], resource: ["*"]))
        #expect(reported(testStack { r }) == [
            lintWarning(line, "[IAM007] resource 'Agent': Policies[0].PolicyDocument.Statement[0] allows sts:AssumeRole (through 'sts:*') on every resource ('*'), so it may assume any role that trusts its account; name the ARNs of the roles it may assume")
        ])
    }

    @Test func assumeRoleOfOneDeployRoleIsNotFlagged() {
        let account = Parameter("TargetAccountX", default: "222222222222")
        let r = role("Agent", Statement(.allow, action: ["sts:AssumeRole"], resource: ["arn:aws:iam::\(account):role/deploy-role"]))
        #expect(reported(testStack { account; r }) == [])
    }

    // MARK: - DEP001 redundant dependsOn

    @Test func aDependsOnImpliedByAReferenceIsFlaggedAndAnUnimpliedOneIsNot() {
        let queue = RawResource("Jobs", type: "AWS::SQS::Queue")
        let other = RawResource("Audit", type: "AWS::SNS::Topic")
        let line = #line; let topic = RawResource("Alerts", type: "AWS::SNS::Topic", properties: ["DisplayName": "\(queue.getAtt("QueueName"))"])
            .dependsOn(queue, other)
        #expect(reported(testStack { queue; other; topic }) == [
            lintWarning(line, "[DEP001] resource 'Alerts': dependsOn 'Jobs' is implied: the properties already refer to it, so CloudFormation creates it first; remove it from dependsOn")
        ])
        let quiet = RawResource("Alerts", type: "AWS::SNS::Topic").dependsOn(queue)
        #expect(reported(testStack { queue; quiet }) == [])
        let suppressed = topic.suppressingLint("DEP001", because: "kept while the reference is being removed")
        #expect(reported(testStack { queue; other; suppressed }) == [])
    }

    // MARK: - LOG001 retention

    @Test func aLogGroupWithoutRetentionIsFlagged() {
        let line = #line; let r = Logs.LogGroup("AgentLogs", logGroupName: "/ecs/agents")
        #expect(reported(testStack { r }) == [
            lintWarning(line, "[LOG001] resource 'AgentLogs': log group has no RetentionInDays, so CloudWatch Logs keeps (and bills) its events forever; set retentionInDays, such as 30")
        ])
    }

    @Test func aLogGroupWithRetentionLiteralOrReferencedIsNotFlagged() {
        let days = Parameter("RetentionDays", type: .number, default: "30")
        let a = Logs.LogGroup("A", retentionInDays: 30)
        let b = Logs.LogGroup("B", retentionInDays: days.ref.as(Int.self))
        #expect(reported(testStack { days; a; b }) == [])
    }

    // MARK: - ECS001 log configuration

    @Test func aContainerWithoutLogConfigurationIsFlagged() {
        let line = #line; let r = task(logs: false)
        #expect(reported(testStack { r }) == [
            lintWarning(line, "[ECS001] resource 'Agent': container 'agent' has no LogConfiguration, so its output is lost with the task (or left on the instance); set logConfiguration with the awslogs driver and a log group")
        ])
    }

    @Test func aContainerWithLogConfigurationIsNotFlagged() {
        let r = task()
        #expect(reported(testStack { r }) == [])
    }

    // MARK: - ECS002 secrets in plain environment variables

    @Test func aSecretLookingNameWithALiteralValueIsFlaggedWithoutItsValue() {
        let line = #line; let r = task(environment: [.init(name: "AWS_REGION", value: "eu-west-1"), .init(name: "DB_PASSWORD", value: "hunter2")])
        let found = reported(testStack { r })
        #expect(found == [
            lintWarning(line, "[ECS002] resource 'Agent': container 'agent' sets 'DB_PASSWORD' as a plain environment variable, which anyone who may describe the task definition can read; pass it with secrets: [.init(name: \"DB_PASSWORD\", valueFrom: <Secrets Manager secret or SSM parameter ARN>)] instead")
        ])
        #expect(!found.contains { $0.message.contains("hunter2") })
    }

    @Test func anAccessKeyIdUnderAnyNameIsFlaggedWithoutItsValue() {
        let line = #line; let r = task(environment: [.init(name: "UPLOAD_KEY", value: "AKIAIOSFODNN7EXAMPLE")])
        let found = reported(testStack { r })
        #expect(found == [
            lintWarning(line, "[ECS002] resource 'Agent': container 'agent' sets 'UPLOAD_KEY' to what looks like an AWS access key ID; give the task a task role instead of keys, or pass it with secrets: [.init(name: \"UPLOAD_KEY\", valueFrom: <Secrets Manager secret or SSM parameter ARN>)]")
        ])
        #expect(!found.contains { $0.message.contains("AKIAIOSFODNN7EXAMPLE") })
    }

    @Test func ordinaryVariablesReferencesAndSecretsAreNotFlagged() {
        let password = Parameter("DbPassword", type: .ssmValue(), default: "/jenkins/db-password")
        let r = task(
            environment: [
                .init(name: "AWS_REGION", value: AWS.region),
                .init(name: "DEPLOY_ROLE", value: "arn:aws:iam::222222222222:role/deploy-role"),
                .init(name: "DB_SECRET_ARN", value: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:db"),
                .init(name: "AWS_WEB_IDENTITY_TOKEN_FILE", value: "/var/run/token"),
                .init(name: "DB_PASSWORD", value: password.ref),
                .init(name: "BUILD_ID", value: "AKIAIOSFODNN7EXAMPLE1"),
            ],
            secrets: [.init(name: "API_TOKEN", valueFrom: "arn:aws:ssm:eu-west-1:111111111111:parameter/api-token")])
        #expect(reported(testStack { password; r }) == [])
    }

    @Test(arguments: [
        ("DB_PASSWORD", true), ("dbPassword", true), ("GITHUB_TOKEN", true), ("API_KEY", true), ("apiKey", true),
        ("PRIVATE_KEY", true), ("AWS_SECRET_ACCESS_KEY", true), ("CLIENT_SECRET", true), ("JENKINS_CREDENTIALS", true),
        ("SMTP_PASS", true), ("SSH_PASSPHRASE", true),
        ("AWS_REGION", false), ("DEPLOY_ROLE", false), ("DB_SECRET_ARN", false), ("TOKEN_URL", false),
        ("AWS_ACCESS_KEY_ID", false), ("PASSENGER_COUNT", false), ("KEY_ALIAS", false),
    ])
    func secretLookingNames(name: String, isSecret: Bool) {
        #expect(SecretLooking.isSecretName(name) == isSecret)
    }

    @Test(arguments: [
        ("AKIAIOSFODNN7EXAMPLE", true), ("key=ASIAIOSFODNN7EXAMPLE;", true),
        ("AKIAIOSFODNN7EXAMPL", false), ("XAKIAIOSFODNN7EXAMPLE", false), ("akiaiosfodnn7example", false),
    ])
    func accessKeyIds(text: String, isKey: Bool) {
        #expect(SecretLooking.containsAccessKeyId(text) == isKey)
    }

    // MARK: - STG001 one account for two stages

    private static let shared = Account("shared", id: "222222222222", region: "eu-west-1")
    private static let production = Account("production", id: "555555555555", region: "eu-west-1")

    /// One stack per stage, each in its stage's account.
    private func perStageStacks(_ accounts: PerStage<Stage, Account>) -> [Reported] {
        let diagnostics = App {
            for (stage, account) in accounts.values {
                Stack("app-\(stage.rawValue)", account: account, stage: stage) { topic("Topic") }
            }
        }.synthesize().diagnostics
        #expect(diagnostics.allSatisfy { $0.location.file.hasSuffix("Tests/InfraDSLTests/LintTests.swift") })
        return diagnostics.map { Reported(severity: $0.severity, line: $0.location.line, message: $0.message) }
    }

    @Test func twoStagesOfOnePerStageOnOneAccountAreFlaggedOnceAtItsLine() {
        let line = #line; let accounts = PerStage<Stage, Account> { stage in
            switch stage {
            case .development, .test: Self.shared
            case .acceptance: Account("acceptance", id: "444444444444", region: "eu-west-1")
            case .production: Self.production
            }
        }
        #expect(perStageStacks(accounts) == [lintWarning(line, "[STG001] PerStage: stages development and test both deploy to account 'shared' (222222222222); give each stage an account of its own, so a change tried in one stage cannot reach the next")])
    }

    @Test func everySharedAccountIsNamedAndTheWarningDoesNotFailSynthesis() {
        let line = #line; let accounts = PerStage(development: Self.shared, test: Self.shared, acceptance: Self.production, production: Self.production)
        let message = "[STG001] PerStage: stages development and test both deploy to account 'shared' (222222222222); stages acceptance and production both deploy to account 'production' (555555555555); give each stage an account of its own, so a change tried in one stage cannot reach the next"
        #expect(perStageStacks(accounts) == [lintWarning(line, message)])
        // A stack deploying to just one of the shared accounts carries the finding too.
        #expect(reported(Stack("dev", account: accounts[.development], stage: Stage.development) { topic("Topic") }) == [lintWarning(line, message)])
    }

    @Test func oneAccountPerStageOrASuppressedFindingIsNotFlagged() {
        let distinct = PerStage<Stage, Account> { Account($0.rawValue, id: "11111111111\(Stage.allCases.firstIndex(of: $0)!)", region: "eu-west-1") }
        #expect(perStageStacks(distinct) == [])
        let silenced = PerStage(development: Self.shared, test: Self.shared, acceptance: Self.shared, production: Self.production)
            .suppressingLint("STG001", because: "the sandbox stages share an account on purpose")
        #expect(perStageStacks(silenced) == [])
        #expect(perStageStacks(PerStage(development: Self.shared, test: Self.shared, acceptance: Self.shared, production: Self.production)).map(\.message)
            == ["[STG001] PerStage: stages development, test and acceptance all deploy to account 'shared' (222222222222); give each stage an account of its own, so a change tried in one stage cannot reach the next"])
        // Sharing is no part of an account's identity.
        #expect(silenced[.development] == Self.shared && PerStage(development: Self.shared, test: Self.shared, acceptance: Self.production, production: Self.production)[.test] == Self.shared)
    }

    // MARK: - Suppression and unknown values

    @Test func aResourceSilencesOneRuleForItselfOnly() {
        let silenced = role("DeployRole", Statement(.allow, action: "*", resource: "*"))
            .suppressingLint("IAM001", because: "the deploy role creates whatever the stacks hold")
        let line = #line; let other = role("Other", Statement(.allow, action: "*", resource: "*")).suppressingLint("IAM003", because: "unrelated")
        #expect(silenced.options.suppressedLint == ["IAM001": "the deploy role creates whatever the stacks hold"])
        #expect(reported(testStack { silenced; other }) == [lintWarning(line, "[IAM001] resource 'Other': \(adminMessage)")])
    }

    @Test func intrinsicActionsResourcesAndPrincipalsAreNeverFlagged() {
        let actions = Parameter("Actions", type: .commaDelimitedList, default: "*")
        let principal = Parameter("Principal", default: "*")
        let r = IAM.Role(
            "Agent",
            assumeRolePolicyDocument: PolicyDocument { Statement(.allow, principal: .aws(PolicyStrings(principal.ref)), action: "sts:AssumeRole") },
            policies: [.init(policyName: "p", policyDocument: PolicyDocument { Statement(.allow, action: PolicyStrings(actions.ref.as([String].self)), resource: PolicyStrings(principal.ref)) })])
        #expect(reported(testStack { actions; principal; r }) == [])
    }

    @Test func warningsAreWarningsAndDoNotFailSynthesis() {
        let r = Logs.LogGroup("AgentLogs")
        let synthesis = App { testStack { r } }.synthesize()
        #expect(synthesis.diagnostics.map(\.severity) == [.warning])
        #expect(!synthesis.hasErrors)
        #expect(synthesis.stacks.count == 1)
    }
}
