import InfraAWSIAM
import InfraAWSKMS
import InfraAWSLambda
import InfraAWSLogs
import InfraAWSS3
import InfraAWSSQS
import Testing
@testable import InfraDSL

/// The rendered properties of a resource, as compact JSON.
private func properties(_ resource: some Resource) -> String {
    JSONWriter.compact(.object(resource.typedProperties))
}

/// Typed JSON properties (issue 13, item 3): redrive policies, policy documents and string maps
/// take typed values and tokens without `.cfValue`, and render as CloudFormation reads them.
@Suite struct TypedJSONPropertyTests {
    @Test func aQueueRedrivesToItsDeadLetterQueuesArn() {
        let receives = 5
        let deadLetters = SQS.Queue(
            "DeadLetters", queueName: "jobs-dead-letters",
            redriveAllowPolicy: .init(redrivePermission: .byQueue, sourceQueueArns: ["arn:aws:sqs:eu-west-1:111111111111:jobs"]))
        let jobs = SQS.Queue("Jobs", queueName: "jobs", redrivePolicy: .init(deadLetterTargetArn: deadLetters.arn, maxReceiveCount: receives))
        #expect(properties(jobs) == #"{"QueueName":"jobs","RedrivePolicy":{"deadLetterTargetArn":{"Fn::GetAtt":["DeadLetters","Arn"]},"maxReceiveCount":5}}"#)
        #expect(properties(deadLetters) == #"{"QueueName":"jobs-dead-letters","RedriveAllowPolicy":{"redrivePermission":"byQueue","sourceQueueArns":["arn:aws:sqs:eu-west-1:111111111111:jobs"]}}"#)
        let synthesis = App { testStack { deadLetters; jobs } }.synthesize()
        #expect(!synthesis.hasErrors, "\(synthesis.diagnostics)")
        // A redrive-allow policy other than the listed ones is still accepted: the values are an open enumeration.
        #expect(json(SQS.Queue.RedriveAllowPolicy(redrivePermission: "denyAll")) == #"{"redrivePermission":"denyAll"}"#)
    }

    @Test func aBucketPolicyIsAPolicyDocumentOnTheBucketsArn() {
        let bucket = S3.Bucket("Uploads")
        let policy = S3.BucketPolicy("UploadsPolicy", bucket: bucket.ref, policyDocument: PolicyDocument {
            Statement(.deny, principal: .anyone, action: "s3:*", resource: [bucket.arn, "\(bucket.arn)/*"],
                      condition: [PolicyCondition(.bool, "aws:SecureTransport", "false")])
        })
        #expect(properties(policy) == #"{"Bucket":{"Ref":"Uploads"},"PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":[{"Fn::GetAtt":["Uploads","Arn"]},{"Fn::Sub":"${Uploads.Arn}/*"}],"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}}"#)
    }

    @Test func aKeyPolicyIsAPolicyDocumentAndRawJSONStillFits() {
        let key = KMS.Key("Key", keyPolicy: PolicyDocument {
            Statement(.allow, principal: .aws("\(AWS.partition):iam::\(AWS.accountId):root"), action: "kms:*", resource: "*")
        })
        #expect(properties(key) == #"{"KeyPolicy":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":{"Fn::Sub":"${AWS::Partition}:iam::${AWS::AccountId}:root"}},"Action":"kms:*","Resource":"*"}]}}"#)
        let raw = KMS.Key("RawKey", keyPolicy: PolicyDocument(raw: ["Version": "2012-10-17", "Statement": []]))
        #expect(properties(raw) == #"{"KeyPolicy":{"Version":"2012-10-17","Statement":[]}}"#)
    }

    @Test func lambdaEnvironmentVariablesAreAMapOfStringTokens() {
        let queue = SQS.Queue("Jobs")
        let role = IAM.Role("FunctionRole", assumeRolePolicyDocument: PolicyDocument {
            Statement(.allow, principal: .service("lambda.amazonaws.com"), action: "sts:AssumeRole")
        })
        let function = Lambda.Function(
            "Worker", code: .init(zipFile: "def handler(e, c): pass"), role: role.arn,
            environment: .init(variables: ["QUEUE_URL": queue.queueUrl, "MODE": "fast", "STAGE": "\(AWS.stackName)-worker"]),
            handler: "index.handler", runtime: .python312)
        #expect(json(CFValue.object(function.typedProperties.filter { $0.key == "Environment" })) == #"{"Environment":{"Variables":{"MODE":"fast","QUEUE_URL":{"Fn::GetAtt":["Jobs","QueueUrl"]},"STAGE":{"Fn::Sub":"${AWS::StackName}-worker"}}}}"#)
    }

    /// `AWS::Logs::Destination`'s `DestinationPolicy` takes only a string: the document is written
    /// as its JSON text, an `Fn::Sub` where it holds references.
    @Test func aStringOnlyPolicyIsTheStringOfItsJSON() {
        let literal = Logs.Destination(
            "Forward", destinationName: "forward", roleArn: "arn:aws:iam::111111111111:role/logs", targetArn: "arn:aws:kinesis:eu-west-1:111111111111:stream/logs",
            destinationPolicy: PolicyDocument {
                Statement(.allow, principal: .aws("222222222222"), action: "logs:PutSubscriptionFilter", resource: "*")
            })
        #expect(literal.typedProperties.first { $0.key == "DestinationPolicy" }?.value
            == .string(#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"logs:PutSubscriptionFilter","Resource":"*"}]}"#))

        let role = IAM.Role("LogsRole", assumeRolePolicyDocument: PolicyDocument {
            Statement(.allow, principal: .service("logs.amazonaws.com"), action: "sts:AssumeRole")
        })
        let referencing = Logs.Destination(
            "Referencing", destinationName: "referencing", roleArn: role.arn, targetArn: "arn:aws:kinesis:eu-west-1:111111111111:stream/logs",
            destinationPolicy: PolicyDocument {
                Statement(.allow, principal: .aws(role.arn), action: "logs:PutSubscriptionFilter",
                          resource: "arn:aws:logs:\(AWS.region):\(AWS.accountId):destination:referencing")
            })
        let policy = referencing.typedProperties.first { $0.key == "DestinationPolicy" }?.value
        #expect(policy.map(JSONWriter.compact) == #"{"Fn::Sub":"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"${LogsRole.Arn}\"},\"Action\":\"logs:PutSubscriptionFilter\",\"Resource\":\"arn:aws:logs:${AWS::Region}:${AWS::AccountId}:destination:referencing\"}]}"}"#)
        // The references inside the text still count: the template is valid, and the role comes first.
        let synthesis = App { testStack { role; referencing } }.synthesize()
        #expect(!synthesis.hasErrors, "\(synthesis.diagnostics)")
        // A raw document is the text as written.
        let raw = Logs.Destination(
            "Raw", destinationName: "raw", roleArn: role.arn, targetArn: "arn:aws:kinesis:eu-west-1:111111111111:stream/logs",
            destinationPolicy: PolicyDocument(raw: #"{"Version":"2012-10-17","Statement":[]}"#))
        #expect(raw.typedProperties.first { $0.key == "DestinationPolicy" }?.value == .string(#"{"Version":"2012-10-17","Statement":[]}"#))
    }

    /// `Fn.if(condition, document, AWS.noValue())` where the schema takes a string: each branch its text.
    @Test func aConditionalStringOnlyPolicyEncodesEachBranch() {
        let production = Condition("IsProduction", .equals(AWS.region, "eu-west-1"))
        let destination = Logs.Destination(
            "Forward", destinationName: "forward", roleArn: "arn:aws:iam::111111111111:role/logs", targetArn: "arn:aws:kinesis:eu-west-1:111111111111:stream/logs",
            destinationPolicy: Fn.if(production, PolicyDocument { Statement(.allow, principal: .aws("222222222222"), action: "logs:PutSubscriptionFilter", resource: "*") }, AWS.noValue()))
        #expect(destination.typedProperties.first { $0.key == "DestinationPolicy" }.map { JSONWriter.compact($0.value) }
            == #"{"Fn::If":["IsProduction","{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"222222222222\"},\"Action\":\"logs:PutSubscriptionFilter\",\"Resource\":\"*\"}]}",{"Ref":"AWS::NoValue"}]}"#)
        let synthesis = App { testStack { production; destination } }.synthesize()
        #expect(!synthesis.hasErrors, "\(synthesis.diagnostics)")
    }

    @Test func aStringOnlyDocumentReferringToAnUnknownResourceIsAnError() {
        let destination = Logs.Destination(
            "Forward", destinationName: "forward", roleArn: "arn:aws:iam::111111111111:role/logs", targetArn: "arn:aws:kinesis:eu-west-1:111111111111:stream/logs",
            destinationPolicy: PolicyDocument {
                Statement(.allow, principal: .aws(Fn.getAtt("Missing", "Arn")), action: "logs:PutSubscriptionFilter", resource: "*")
            })
        let synthesis = App { testStack { destination } }.synthesize()
        #expect(synthesis.diagnostics.contains { $0.severity == .error && $0.message.contains("Missing") }, "\(synthesis.diagnostics)")
    }
}

/// ``CFValue/asJSONString``, the encoding behind documents a schema takes only as a string.
@Suite struct JSONStringTests {
    @Test func withoutFunctionsItIsTheCompactText() {
        let value: CFValue = ["b": 1, "a": ["x", true, .null]]
        #expect(value.asJSONString == .string(#"{"b":1,"a":["x",true,null]}"#))
    }

    @Test func referencesBecomePlaceholdersAndOtherFunctionsVariables() {
        let value: CFValue = [
            "Ref": .list([Fn.ref("Queue").cfValue]), "Arn": Fn.getAtt("Queue", "Arn").cfValue,
            "Sub": Token<String>("\(Fn.ref("Bucket"))/*").cfValue, "Import": Fn.importValue("shared-key").cfValue,
            "Literal": "cost is ${price}",
        ]
        #expect(JSONWriter.compact(value.asJSONString) == #"{"Fn::Sub":["{\"Ref\":[\"${Queue}\"],\"Arn\":\"${Queue.Arn}\",\"Sub\":\"${Bucket}/*\",\"Import\":\"${Var1}\",\"Literal\":\"cost is ${!price}\"}",{"Var1":{"Fn::ImportValue":"shared-key"}}]}"#)
    }

    @Test func aStringOrAFunctionIsLeftAsItIsAndAConditionEncodesEachBranch() {
        #expect(CFValue.string("{}").asJSONString == .string("{}"))
        let parameter = Fn.ref("PolicyText").cfValue
        #expect(parameter.asJSONString == parameter)
        let conditional = Fn.call("Fn::If", ["Strict", ["Statement": []], ["Ref": "AWS::NoValue"]], as: String.self).cfValue
        #expect(JSONWriter.compact(conditional.asJSONString) == #"{"Fn::If":["Strict","{\"Statement\":[]}",{"Ref":"AWS::NoValue"}]}"#)
    }
}
