import Testing
@testable import InfraDSL
import InfraAWSIAM

@Suite struct ValueTests {
    let account = Parameter("TargetAccountX")
    let role = IAM.Role("DeployRole", assumeRolePolicyDocument: PolicyDocument {})

    @Test func literalsStayLiterals() {
        let name: Token<String> = "deploy-role"
        let seconds: Token<Int> = 43200
        let flag: Token<Bool> = true
        let list: Token<[String]> = ["a", account.ref]
        #expect(json(name) == #""deploy-role""#)
        #expect(json(seconds) == "43200")
        #expect(json(flag) == "true")
        #expect(json(list) == #"["a",{"Ref":"TargetAccountX"}]"#)
    }

    @Test func interpolatingAParameterRendersSub() {
        let arn: Token<String> = "arn:aws:iam::\(account):role/deploy-role"
        #expect(json(arn) == #"{"Fn::Sub":"arn:aws:iam::${TargetAccountX}:role/deploy-role"}"#)
    }

    @Test func interpolatingAttributesAndPseudoParametersUsesPlaceholders() {
        let text: Token<String> = "\(AWS.partition):\(role.arn):\(AWS.region)"
        #expect(json(text) == #"{"Fn::Sub":"${AWS::Partition}:${DeployRole.Arn}:${AWS::Region}"}"#)
    }

    @Test func interpolatingOtherFunctionsUsesVariables() {
        let text: Token<String> = "zone-\(Fn.select(0, Fn.getAZs()))"
        #expect(json(text) == #"{"Fn::Sub":["zone-${Var1}",{"Var1":{"Fn::Select":[0,{"Fn::GetAZs":""}]}}]}"#)
    }

    @Test func literalDollarBracesAreEscapedOnlyInsideSub() {
        let plain: Token<String> = "echo ${HOME} \("x")"
        let sub: Token<String> = "echo ${HOME} \(account)"
        #expect(json(plain) == #""echo ${HOME} x""#)
        #expect(json(sub) == #"{"Fn::Sub":"echo ${!HOME} ${TargetAccountX}"}"#)
    }

    @Test func intrinsicFunctionsRenderAsCloudFormationReadsThem() {
        let mapping = Mapping("Images", ["eu-west-1": ["Agent": "img"]])
        let condition = Condition("IsProd", .equals(account.ref, "333333333333"))
        #expect(json(role.ref) == #"{"Ref":"DeployRole"}"#)
        #expect(json(role.arn) == #"{"Fn::GetAtt":["DeployRole","Arn"]}"#)
        #expect(json(Fn.join(",", ["a", "b"])) == #"{"Fn::Join":[",",["a","b"]]}"#)
        #expect(json(Fn.split(",", "a,b")) == #"{"Fn::Split":[",","a,b"]}"#)
        #expect(json(Fn.importValue("shared-VpcId")) == #"{"Fn::ImportValue":"shared-VpcId"}"#)
        #expect(json(Fn.getAZs(AWS.region)) == #"{"Fn::GetAZs":{"Ref":"AWS::Region"}}"#)
        #expect(json(mapping.find(AWS.region, "Agent")) == #"{"Fn::FindInMap":["Images",{"Ref":"AWS::Region"},"Agent"]}"#)
        #expect(json(Fn.if(condition, "big", AWS.noValue())) == #"{"Fn::If":["IsProd","big",{"Ref":"AWS::NoValue"}]}"#)
        #expect(json(Fn.sub("${A}-${B}", ["A": "x", "B": AWS.stackName])) == #"{"Fn::Sub":["${A}-${B}",{"A":"x","B":{"Ref":"AWS::StackName"}}]}"#)
        #expect(json(Fn.base64("#!/bin/sh")) == ##"{"Fn::Base64":"#!/bin/sh"}"##)
        #expect(json(Fn.cidr("10.0.0.0/16", count: 4, bits: 8)) == #"{"Fn::Cidr":["10.0.0.0/16",4,8]}"#)
    }

    @Test func everyPseudoParameterIsARef() {
        let all: [Token<String>] = [AWS.region, AWS.accountId, AWS.partition, AWS.stackName, AWS.stackId, AWS.urlSuffix, AWS.noValue()]
        #expect(all.map { json($0) } == [
            "AWS::Region", "AWS::AccountId", "AWS::Partition", "AWS::StackName", "AWS::StackId", "AWS::URLSuffix", "AWS::NoValue",
        ].map { #"{"Ref":"\#($0)"}"# })
        #expect(json(AWS.notificationARNs) == #"{"Ref":"AWS::NotificationARNs"}"#)
    }

    @Test func conditionFunctionsRender() {
        let stage = Parameter("Stage")
        let isProd = Condition("IsProd", .equals(stage.ref, "production"))
        let expression = ConditionExpression.and([.holds(isProd), .not(.or([.equals(AWS.region, "eu-west-1"), .equals(AWS.region, "us-east-1")]))])
        #expect(JSONWriter.compact(expression.cfValue)
            == #"{"Fn::And":[{"Condition":"IsProd"},{"Fn::Not":[{"Fn::Or":[{"Fn::Equals":[{"Ref":"AWS::Region"},"eu-west-1"]},{"Fn::Equals":[{"Ref":"AWS::Region"},"us-east-1"]}]}]}]}"#)
    }

    @Test func rawValuesKeepTheirKeyOrder() {
        let value: CFValue = ["Zeta": 1, "Alpha": [true, .null, 1.5], "Mid": "x"]
        #expect(JSONWriter.compact(value) == #"{"Zeta":1,"Alpha":[true,null,1.5],"Mid":"x"}"#)
    }

    @Test func dictionariesRenderWithSortedKeys() {
        let map: [String: Token<String>] = ["b": "2", "a": "1", "c": AWS.region]
        #expect(json(map) == #"{"a":"1","b":"2","c":{"Ref":"AWS::Region"}}"#)
    }
}
