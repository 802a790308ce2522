import InfraAWSDynamoDB
import InfraAWSIAM
import InfraAWSKMS
import InfraAWSLambda
import InfraAWSLogs
import InfraAWSS3
import InfraAWSSNS
import InfraAWSSQS
import InfraAWSSecretsManager
import Testing
@testable import InfraDSL

private let thisFile = #filePath

private func role(_ id: String = "Worker") -> IAM.Role {
    IAM.Role(id, assumeRolePolicyDocument: PolicyDocument {
        Statement(.allow, principal: .service("lambda.amazonaws.com"), action: "sts:AssumeRole")
    })
}

/// The rendered resources of a stack's template, by logical ID, in template order.
private func resources(_ stack: Stack) -> [(id: String, value: CFValue)] {
    guard case .object(let sections) = stack.template, let resources = sections.first(where: { $0.key == "Resources" })?.value,
          case .object(let members) = resources else { return [] }
    return members.map { ($0.key, $0.value) }
}

/// The compact JSON of one resource's `PolicyDocument.Statement`.
private func statements(_ stack: Stack, _ id: String) -> String {
    guard let policy = resources(stack).first(where: { $0.id == id })?.value else { return "no \(id)" }
    return policy["Properties"]?["PolicyDocument"]?["Statement"].map(JSONWriter.compact) ?? "no statements"
}

/// A resource that claims to be a grantee without being an IAM identity.
private struct Robot: Grantee {
    var resourceType: String { "Custom::Robot" }
    let logicalId = "Robot"
    var options = ResourceOptions(location: SourceLocation(file: "Robot.swift", line: 1))
    var typedProperties: [CFValue.Member] { [] }
}

/// Grants (issue 13, item 5): `bucket.grantRead(to: role)` in a stack's body adds least-privilege
/// statements on the resource's typed ARNs to one `AWS::IAM::Policy` per identity.
@Suite struct GrantTests {
    @Test func eachHelperAllowsItsActionsOnTheResourcesTypedArns() {
        let worker = role()
        let bucket = S3.Bucket("Bucket")
        let queue = SQS.Queue("Jobs")
        let topic = SNS.Topic("Alerts")
        let table = DynamoDB.Table("Orders", keySchema: [["AttributeName": "id", "KeyType": "HASH"]])
        let key = KMS.Key("Key")
        let secret = SecretsManager.Secret("Secret")
        let function = Lambda.Function("Fn", code: .init(zipFile: "def handler(e, c): pass"), role: worker.arn, handler: "index.handler", runtime: "python3.12")
        let logs = Logs.LogGroup("Logs")
        let cases: [(Grant, [any Resource], String)] = [
            (bucket.grantRead(to: worker), [bucket],
             #"[{"Effect":"Allow","Action":["s3:GetBucketLocation","s3:ListBucket"],"Resource":{"Fn::GetAtt":["Bucket","Arn"]}},{"Effect":"Allow","Action":"s3:GetObject","Resource":{"Fn::Sub":"${Bucket.Arn}/*"}}]"#),
            (bucket.grantWrite(to: worker), [bucket],
             #"[{"Effect":"Allow","Action":["s3:AbortMultipartUpload","s3:DeleteObject","s3:PutObject"],"Resource":{"Fn::Sub":"${Bucket.Arn}/*"}}]"#),
            (bucket.grantReadWrite(to: worker), [bucket],
             #"[{"Effect":"Allow","Action":["s3:GetBucketLocation","s3:ListBucket"],"Resource":{"Fn::GetAtt":["Bucket","Arn"]}},{"Effect":"Allow","Action":["s3:AbortMultipartUpload","s3:DeleteObject","s3:GetObject","s3:PutObject"],"Resource":{"Fn::Sub":"${Bucket.Arn}/*"}}]"#),
            (queue.grantSendMessages(to: worker), [queue],
             #"[{"Effect":"Allow","Action":["sqs:GetQueueAttributes","sqs:GetQueueUrl","sqs:SendMessage"],"Resource":{"Fn::GetAtt":["Jobs","Arn"]}}]"#),
            (queue.grantConsumeMessages(to: worker), [queue],
             #"[{"Effect":"Allow","Action":["sqs:ChangeMessageVisibility","sqs:DeleteMessage","sqs:GetQueueAttributes","sqs:GetQueueUrl","sqs:ReceiveMessage"],"Resource":{"Fn::GetAtt":["Jobs","Arn"]}}]"#),
            (topic.grantPublish(to: worker), [topic],
             #"[{"Effect":"Allow","Action":"sns:Publish","Resource":{"Fn::GetAtt":["Alerts","TopicArn"]}}]"#),
            (table.grantReadData(to: worker), [table],
             #"[{"Effect":"Allow","Action":["dynamodb:BatchGetItem","dynamodb:ConditionCheckItem","dynamodb:DescribeTable","dynamodb:GetItem","dynamodb:Query","dynamodb:Scan"],"Resource":[{"Fn::GetAtt":["Orders","Arn"]},{"Fn::Sub":"${Orders.Arn}/index/*"}]}]"#),
            (table.grantWriteData(to: worker), [table],
             #"[{"Effect":"Allow","Action":["dynamodb:BatchWriteItem","dynamodb:DeleteItem","dynamodb:DescribeTable","dynamodb:PutItem","dynamodb:UpdateItem"],"Resource":{"Fn::GetAtt":["Orders","Arn"]}}]"#),
            (key.grantEncrypt(to: worker), [key],
             #"[{"Effect":"Allow","Action":["kms:Encrypt","kms:GenerateDataKey*","kms:ReEncrypt*"],"Resource":{"Fn::GetAtt":["Key","Arn"]}}]"#),
            (key.grantDecrypt(to: worker), [key], #"[{"Effect":"Allow","Action":"kms:Decrypt","Resource":{"Fn::GetAtt":["Key","Arn"]}}]"#),
            (key.grantEncryptDecrypt(to: worker), [key],
             #"[{"Effect":"Allow","Action":["kms:Decrypt","kms:Encrypt","kms:GenerateDataKey*","kms:ReEncrypt*"],"Resource":{"Fn::GetAtt":["Key","Arn"]}}]"#),
            (secret.grantRead(to: worker), [secret],
             #"[{"Effect":"Allow","Action":["secretsmanager:DescribeSecret","secretsmanager:GetSecretValue"],"Resource":{"Ref":"Secret"}}]"#),
            (function.grantInvoke(to: worker), [function],
             #"[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":{"Fn::GetAtt":["Fn","Arn"]}}]"#),
            (logs.grantWrite(to: worker), [logs],
             #"[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],"Resource":{"Fn::GetAtt":["Logs","Arn"]}}]"#),
        ]
        for (grant, granted, expected) in cases {
            let stack = testStack {
                worker
                for resource in granted { Group(elements: resource.stackElements) }
                grant
            }
            #expect(statements(stack, "WorkerDefaultPolicy") == expected, "\(grant.resourceType)")
        }
    }

    @Test func allGrantsToOneRoleBecomeOnePolicyRightAfterTheRoleAttachedByRef() throws {
        let worker = role()
        let other = role("Other")
        let bucket = S3.Bucket("Bucket")
        let queue = SQS.Queue("Jobs")
        let stack = testStack {
            worker
            other
            bucket
            queue
            bucket.grantRead(to: worker)
            queue.grantSendMessages(to: other)
            bucket.grantWrite(to: worker)
            bucket.grantRead(to: worker)
        }
        #expect(resources(stack).map(\.id) == ["Worker", "WorkerDefaultPolicy", "Other", "OtherDefaultPolicy", "Bucket", "Jobs"])
        let policy = try #require(resources(stack).first { $0.id == "WorkerDefaultPolicy" }?.value)
        #expect(policy["Type"] == "AWS::IAM::Policy")
        #expect(policy["Properties"]?["PolicyName"] == "WorkerDefaultPolicy")
        #expect(policy["Properties"].map(JSONWriter.compact)?.hasSuffix(#""Roles":[{"Ref":"Worker"}]}"#) == true)
        #expect(policy["Properties"]?["PolicyDocument"]?["Version"] == "2012-10-17")
        // Read, write, read again: the same statements as one read-write grant, each once, in first-use order.
        let merged = statements(stack, "WorkerDefaultPolicy")
        let readWrite = statements(testStack { worker; bucket; bucket.grantReadWrite(to: worker) }, "WorkerDefaultPolicy")
        #expect(merged == readWrite)
        #expect(merged.components(separatedBy: "s3:GetObject").count == 2)
        #expect(stack.requiredCapabilities == ["CAPABILITY_IAM"])
    }

    @Test func aUserOrGroupGetsItsPolicyThroughUsersOrGroups() {
        let user = IAM.User("Deployer")
        let group = IAM.Group("Readers")
        let topic = SNS.Topic("Alerts")
        let stack = testStack {
            user
            group
            topic
            topic.grantPublish(to: user)
            topic.grantPublish(to: group)
        }
        let found = resources(stack)
        #expect(found.first { $0.id == "DeployerDefaultPolicy" }?.value["Properties"]?["Users"].map(JSONWriter.compact) == #"[{"Ref":"Deployer"}]"#)
        #expect(found.first { $0.id == "ReadersDefaultPolicy" }?.value["Properties"]?["Groups"].map(JSONWriter.compact) == #"[{"Ref":"Readers"}]"#)
    }

    @Test func aStackWithGrantsSynthesizesWithoutDiagnostics() {
        let worker = role()
        let bucket = S3.Bucket("Bucket")
        let table = DynamoDB.Table("Orders", keySchema: [["AttributeName": "id", "KeyType": "HASH"]])
        let synthesis = App {
            testStack {
                worker
                bucket
                table
                bucket.grantRead(to: worker)
                table.grantReadWriteData(to: worker)
            }
        }.synthesize()
        #expect(synthesis.diagnostics.isEmpty, "\(synthesis.diagnostics)")
        #expect(synthesis.manifest.stacks[0].capabilities == ["CAPABILITY_IAM"])
        #expect(synthesis.stacks[0].template.contains("\"WorkerDefaultPolicy\": {"))
    }

    @Test func aGrantAcrossStacksIsAnErrorAtTheGrantsLine() {
        let worker = role()
        let bucket = S3.Bucket("Bucket")
        let roleElsewhere = #line; let grantToRoleElsewhere = bucket.grantRead(to: worker)
        let bucketElsewhere = #line; let grantOfBucketElsewhere = bucket.grantWrite(to: role("Local"))
        let synthesis = App {
            testStack("roles") { worker }
            testStack("data") {
                bucket
                grantToRoleElsewhere
            }
            testStack("compute") {
                role("Local")
                grantOfBucketElsewhere
            }
        }.synthesize()
        let errors = synthesis.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 2, "\(errors)")
        #expect(errors.contains {
            $0.location == SourceLocation(file: thisFile, line: roleElsewhere)
                && $0.message.contains("stack 'data': grant of 'Bucket' to 'Worker': the AWS::IAM::Role 'Worker' is not a resource of this stack, and grants across stacks are not supported")
        })
        #expect(errors.contains {
            $0.location == SourceLocation(file: thisFile, line: bucketElsewhere)
                && $0.message.contains("stack 'compute': grant of 'Bucket' to 'Local': the AWS::S3::Bucket 'Bucket' is not a resource of this stack")
        })
        // A refused grant writes no policy, so nothing else complains about a dangling reference.
        #expect(!synthesis.stacks.contains { $0.template.contains("DefaultPolicy") })
    }

    @Test func aGranteeThatIsNoIAMIdentityIsAnErrorAtTheGrantsLine() {
        let topic = SNS.Topic("Alerts")
        let line = #line; let grant = topic.grantPublish(to: Robot())
        let errors = App { testStack { Robot(); topic; grant } }.synthesize().diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.location) == [SourceLocation(file: thisFile, line: line)])
        #expect(errors.first?.message == "stack 'test': grant of 'Alerts' to 'Robot': 'Robot' (Custom::Robot) holds no IAM policy; grant to an IAM.Role, IAM.User or IAM.Group")
    }

    @Test func aRawRoleTakesGrantsAndARawQueueIsRefused() {
        let raw = RawResource("Legacy", type: "AWS::IAM::Role", properties: ["AssumeRolePolicyDocument": PolicyDocument {
            Statement(.allow, principal: .service("ec2.amazonaws.com"), action: "sts:AssumeRole")
        }.cfValue])
        let rawQueue = RawResource("Old", type: "AWS::SQS::Queue")
        let topic = SNS.Topic("Alerts")
        let line = #line; let refused = topic.grantPublish(to: rawQueue)
        let synthesis = App { testStack { raw; rawQueue; topic; topic.grantPublish(to: raw); refused } }.synthesize()
        #expect(synthesis.diagnostics.filter { $0.severity == .error }.map(\.location) == [SourceLocation(file: thisFile, line: line)])
        let policy = resources(synthesis.stacks[0].stack).first { $0.id == "LegacyDefaultPolicy" }?.value
        #expect(policy?["Properties"]?["Roles"].map(JSONWriter.compact) == #"[{"Ref":"Legacy"}]"#)
    }

    @Test func aHandWrittenGrantMayNameAnotherStacksOutputWhichBecomesAnImport() throws {
        let worker = role()
        let queue = SQS.Queue("Jobs")
        let producer = testStack("producer") {
            SNS.Topic("Alerts")
            Output("AlertsArn", value: Fn.ref("Alerts"))
        }
        let grant = Grant(on: queue, to: worker, permissions: [
            .init(actions: ["sqs:SendMessage"], resources: [queue.arn]),
            .init(actions: ["sns:Publish"], resources: [producer.output("AlertsArn")]),
        ])
        let synthesis = App {
            producer
            testStack("consumer") { worker; queue; grant }
        }.synthesize()
        #expect(!synthesis.hasErrors, "\(synthesis.diagnostics)")
        let consumer = try #require(synthesis.stacks.first { $0.stack.name == "consumer" })
        #expect(statements(consumer.stack, "WorkerDefaultPolicy")
            == #"[{"Effect":"Allow","Action":"sqs:SendMessage","Resource":{"Fn::GetAtt":["Jobs","Arn"]}},{"Effect":"Allow","Action":"sns:Publish","Resource":{"Fn::ImportValue":"producer-AlertsArn"}}]"#)
    }

    @Test func aGrantInAComponentIsReportedAtTheComponentsLineAndTheRolesConditionCarriesOver() throws {
        let here = InfraDSL.SourceLocation(file: "Sources/Stacks/Team.swift", line: 7)
        let bucket = S3.Bucket("Bucket")
        let grant = Group { bucket.grantRead(to: role()) }.declared(at: here)
        guard case .grant(let placed) = grant.stackElements[0] else { Issue.record("not a grant"); return }
        #expect(placed.location == here)

        let isProd = Condition("IsProd", .equals(AWS.region.cfValue, "eu-west-1"))
        let conditional = role().condition(isProd)
        let stack = testStack { isProd; conditional; bucket; bucket.grantRead(to: conditional) }
        let policy = try #require(resources(stack).first { $0.id == "WorkerDefaultPolicy" }?.value)
        #expect(policy["Condition"] == "IsProd")
    }
}
