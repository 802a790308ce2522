import InfraAWSApiGateway
import InfraAWSCloudFront
import InfraAWSDynamoDB
import InfraAWSIAM
import InfraAWSKMS
import InfraAWSLambda
import InfraAWSLogs
import InfraAWSRDS
import InfraAWSS3
import InfraAWSSNS
import InfraAWSSQS
import InfraAWSSecretsManager
import InfraAWSStepFunctions
import InfraSynth

// Four services beyond the core, typed: their attributes are used as outputs, so the templates
// carry `Fn::GetAtt` of each.

let database = RDS.DBInstance(
    "Database", allocatedStorage: "20", dbInstanceClass: "db.t3.micro", engine: "postgres",
    manageMasterUserPassword: true, masterUsername: "app")

let api = ApiGateway.RestApi("Api", name: "outside-api")

let distribution = CloudFront.Distribution(
    "Site",
    distributionConfig: .init(
        defaultCacheBehavior: .init(
            targetOriginId: "api", viewerProtocolPolicy: .redirectToHttps,
            cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6"),
        enabled: true,
        origins: [.init(domainName: "example.com", id: "api", customOriginConfig: .init(originProtocolPolicy: "https-only"))]))

let machineRole = IAM.Role(
    "MachineRole",
    assumeRolePolicyDocument: PolicyDocument {
        Statement(.allow, principal: .service("states.amazonaws.com"), action: "sts:AssumeRole")
    })

let machine = StepFunctions.StateMachine(
    "Machine", roleArn: machineRole.arn,
    definitionString: #"{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}"#)

// Lambda code from a folder of this package: zipped by generate-stacks, uploaded by infra deploy.
let functionRole = IAM.Role(
    "FunctionRole",
    assumeRolePolicyDocument: PolicyDocument {
        Statement(.allow, principal: .service("lambda.amazonaws.com"), action: "sts:AssumeRole")
    })

// Typed JSON properties: environment variables as a map of string tokens, a redrive policy to the
// dead-letter queue's ARN with a plain Int, a redrive-allow policy, and policy documents for a
// bucket and a key (a string-only one too, written as its JSON text with the references substituted).
let maxReceives = 3
let deadLetters = SQS.Queue(
    "DeadLetters", queueName: "outside-dead-letters",
    redriveAllowPolicy: .init(redrivePermission: .byQueue, sourceQueueArns: ["arn:aws:sqs:eu-west-1:123456789012:outside-retries"]))
let retries = SQS.Queue(
    "Retries", queueName: "outside-retries", redrivePolicy: .init(deadLetterTargetArn: deadLetters.arn, maxReceiveCount: maxReceives))

let hello = Lambda.Function(
    "Hello", code: .asset(folder: "lambda/hello"), role: functionRole.arn,
    environment: .init(variables: ["RETRIES_URL": retries.queueUrl, "MODE": "outside"]),
    handler: "index.handler", runtime: .python312)

// Grants: the function reads the bucket and sends to the queue, the state machine invokes the
// function; each role gets one policy with the least-privilege actions on the typed ARNs.
let uploads = S3.Bucket("Uploads")
let uploadsPolicy = S3.BucketPolicy("UploadsPolicy", bucket: uploads.ref, policyDocument: PolicyDocument {
    Statement(.deny, principal: .anyone, action: "s3:*", resource: [uploads.arn, "\(uploads.arn)/*"],
              condition: [PolicyCondition(.bool, "aws:SecureTransport", "false")])
})
let work = SQS.Queue("Work")

// The other services' grants, to one worker role: one policy, so cfn-lint sees every helper.
let worker = IAM.Role(
    "Worker",
    assumeRolePolicyDocument: PolicyDocument {
        Statement(.allow, principal: .service("ecs-tasks.amazonaws.com"), action: "sts:AssumeRole")
    })
let alerts = SNS.Topic("Alerts")
let orders = DynamoDB.Table(
    "Orders", keySchema: [["AttributeName": "id", "KeyType": "HASH"]], attributeDefinitions: [.init(attributeName: "id", attributeType: .s)],
    billingMode: .payPerRequest)
let key = KMS.Key("Key", keyPolicy: PolicyDocument {
    Statement(.allow, principal: .aws("arn:aws:iam::123456789012:root"), action: "kms:*", resource: "*")
})
let forwarding = Logs.Destination(
    "Forwarding", destinationName: "outside-forwarding", roleArn: worker.arn,
    targetArn: "arn:aws:kinesis:eu-west-1:123456789012:stream/outside-logs",
    destinationPolicy: PolicyDocument {
        Statement(.allow, principal: .aws("210987654321"), action: "logs:PutSubscriptionFilter",
                  resource: "arn:aws:logs:\(AWS.region):\(AWS.accountId):destination:outside-forwarding")
    })
let apiToken = SecretsManager.Secret("ApiToken")
let workerLogs = Logs.LogGroup("WorkerLogs", retentionInDays: 30)

// A raw resource of a type whose module this package does not import: checked against its registry
// schema all the same (the schema facts travel as InfraDSL's resource file).
let environment = Parameter("Environment", default: "outside")
let jobs = RawResource("Jobs", type: "AWS::SQS::Queue", properties: ["QueueName": "jobs-\(environment)", "DelaySeconds": 5])

// Typed resource attributes: CloudFormation waits for one signal before it calls this created.
let ready = RawResource("Ready", type: "AWS::CloudFormation::WaitConditionHandle")
let waitForSignal = RawResource("WaitForSignal", type: "AWS::CloudFormation::WaitCondition", properties: ["Handle": .object([CFValue.Member("Ref", "Ready")])])
    .creationPolicy(CreationPolicy(resourceSignal: .init(count: 1, timeout: "PT15M")))

// A StackSet over 20 workload accounts and 2 regions (40 stack instances), administered from the
// package's own account: CloudFormation rolls it out, paced by the operation preferences.
let administrator = Account("outside-admin", id: "123456789012", region: "eu-west-1", access: .currentCredentials)
let workloads = (1...20).map { Account("workload-\($0)", id: "20000000\(1000 + $0)", region: "eu-west-1") }
let alertsName = Parameter("AlertsName", description: "The alerts topic's display name")
let baseline = StackSet(
    "outside-baseline", administrator: administrator, permissions: .selfManaged(),
    targets: [.accounts(workloads, regions: ["eu-west-1", "eu-central-1"])],
    overrides: [.accounts([workloads[0]], regions: ["eu-central-1"], parameters: ["AlertsName": "first-central"])],
    preferences: StackSetPreferences(
        maxConcurrent: .percentage(25), failureTolerance: .count(1), regionOrder: ["eu-west-1", "eu-central-1"], regions: .sequential,
        concurrencyMode: .strictFailureTolerance),
    description: "Every workload account's alerts topic", parameters: ["AlertsName": "alerts"]
) {
    alertsName
    // Named from the parameter, so the override shows in the instance's own topic; a name of its
    // own also keeps moto (which names instance stacks `StackSet:<set>`) from deriving an invalid one.
    RawResource("Alerts", type: "AWS::SNS::Topic", properties: [
        "DisplayName": .object([CFValue.Member("Ref", "AlertsName")]),
        "TopicName": .object([CFValue.Member("Fn::Sub", "outside-baseline-${AlertsName}")]),
    ])
    Output("AlertsTopicArn", value: Token<String>(raw: .object([CFValue.Member("Ref", "Alerts")])))
}

App(name: "outside", tags: ["team": "platform"]) {
    baseline
    Stack("outside-data", account: "123456789012", region: "eu-west-1") {
        database
        environment
        jobs
        ready
        waitForSignal
        worker
        alerts
        orders
        key
        apiToken
        workerLogs
        forwarding
        alerts.grantPublish(to: worker)
        orders.grantReadWriteData(to: worker)
        key.grantEncryptDecrypt(to: worker)
        apiToken.grantRead(to: worker)
        workerLogs.grantWrite(to: worker)
        Output("DatabaseEndpoint", value: database.endpointAddress)
        Output("DatabaseSecretArn", value: database.masterUserSecretSecretArn)
    }
    .metadata(TemplateMetadata(interface: .init(groups: [.init("Naming", environment)], labels: [.init(environment, "Which environment is this?")])))
    Stack("outside-edge", account: "123456789012", region: "eu-west-1", templateBucket: "outside-assets-{account}-{region}") {
        api
        distribution
        machineRole
        machine
        Output("ApiRootResourceId", value: api.rootResourceId)
        Output("SiteDomainName", value: distribution.domainName)
        Output("MachineArn", value: machine.arn)
        functionRole
        hello
        uploads
        uploadsPolicy
        work
        deadLetters
        retries
        uploads.grantRead(to: functionRole)
        work.grantSendMessages(to: functionRole)
        hello.grantInvoke(to: machineRole)
    }
}
.main()
