import Testing
@testable import InfraDSL
import InfraAWSIAM

@Suite struct IAMTests {
    @Test func roleRendersEveryPropertyAlphabetically() {
        let role = IAM.Role(
            "Deploy",
            assumeRolePolicyDocument: PolicyDocument {
                Statement(.allow, principal: .service("ecs-tasks.amazonaws.com"), action: ["sts:AssumeRole"])
            },
            description: "Deploys",
            managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
            maxSessionDuration: 3600,
            path: "/ci/",
            permissionsBoundary: "arn:aws:iam::111111111111:policy/boundary",
            policies: [.init(policyName: "p", policyDocument: PolicyDocument { Statement(.allow, action: "s3:ListBucket", resource: "*") })],
            roleName: "deploy",
            tags: [Tag(key: "team", value: "platform")])
        #expect(json(CFValue.object(role.typedProperties)) == """
            {"AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ecs-tasks.amazonaws.com"},"Action":["sts:AssumeRole"]}]},\
            "Description":"Deploys","ManagedPolicyArns":["arn:aws:iam::aws:policy/ReadOnlyAccess"],"MaxSessionDuration":3600,"Path":"/ci/",\
            "PermissionsBoundary":"arn:aws:iam::111111111111:policy/boundary",\
            "Policies":[{"PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]},"PolicyName":"p"}],\
            "RoleName":"deploy","Tags":[{"Key":"team","Value":"platform"}]}
            """)
        #expect(json(role.arn) == #"{"Fn::GetAtt":["Deploy","Arn"]}"#)
        #expect(json(role.roleId) == #"{"Fn::GetAtt":["Deploy","RoleId"]}"#)
    }

    @Test func statementsRenderEveryElementInIAMOrder() {
        let statement = Statement(
            .deny, sid: "NoOutsiders", notPrincipal: .aws("arn:aws:iam::111111111111:root"),
            notAction: ["iam:*"], notResource: "arn:aws:s3:::logs/*",
            condition: [
                PolicyCondition(.stringEquals, "aws:RequestedRegion", ["eu-west-1"]),
                PolicyCondition(.bool, "aws:SecureTransport", "false"),
                PolicyCondition(.stringEquals, "aws:PrincipalTag/team", "ci"),
                PolicyCondition(.forAnyValue(.stringLike.ifExists), "aws:TagKeys", ["ci-*"]),
            ])
        #expect(json(statement) == """
            {"Sid":"NoOutsiders","Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:root"},"NotAction":["iam:*"],"NotResource":"arn:aws:s3:::logs/*",\
            "Condition":{"StringEquals":{"aws:RequestedRegion":["eu-west-1"],"aws:PrincipalTag/team":"ci"},"Bool":{"aws:SecureTransport":"false"},\
            "ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["ci-*"]}}}
            """)
    }

    @Test func principalsCombineAndWildcard() {
        let jenkins = Parameter("JenkinsAccountId")
        #expect(json(Principal.aws([jenkins.ref]).and(.service("ecs-tasks.amazonaws.com")))
            == #"{"AWS":[{"Ref":"JenkinsAccountId"}],"Service":"ecs-tasks.amazonaws.com"}"#)
        #expect(json(Principal.federated("cognito-identity.amazonaws.com")) == #"{"Federated":"cognito-identity.amazonaws.com"}"#)
        #expect(json(Principal.canonicalUser("abc")) == #"{"CanonicalUser":"abc"}"#)
        #expect(json(Principal.anyone) == #""*""#)
    }

    @Test func aTypedAttributeIsAResourceOrPrincipalAsItIs() {
        let agent = IAM.Role("Agent", assumeRolePolicyDocument: PolicyDocument {})
        let arn = agent.arn
        // One token where a list of policy strings is taken; literals and interpolations keep their forms.
        #expect(json(Statement(.allow, principal: .aws(agent.arn), action: "sts:AssumeRole", resource: arn))
            == #"{"Effect":"Allow","Principal":{"AWS":{"Fn::GetAtt":["Agent","Arn"]}},"Action":"sts:AssumeRole","Resource":{"Fn::GetAtt":["Agent","Arn"]}}"#)
        #expect(json(Statement(.allow, action: "s3:GetObject", resource: "\(arn)/*")) == #"{"Effect":"Allow","Action":"s3:GetObject","Resource":{"Fn::Sub":"${Agent.Arn}/*"}}"#)
        #expect(json(Statement(.allow, action: "s3:GetObject", resource: "*")) == #"{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}"#)
        #expect(json(Statement(.allow, action: "s3:GetObject", resource: ["a", arn])) == #"{"Effect":"Allow","Action":"s3:GetObject","Resource":["a",{"Fn::GetAtt":["Agent","Arn"]}]}"#)
    }

    @Test func documentsTakeAVersionIdOrRawJSON() {
        #expect(json(PolicyDocument(id: "doc") {}) == #"{"Version":"2012-10-17","Id":"doc","Statement":[]}"#)
        #expect(json(PolicyDocument(raw: ["Version": "2012-10-17", "Statement": []])) == #"{"Version":"2012-10-17","Statement":[]}"#)
    }
}
