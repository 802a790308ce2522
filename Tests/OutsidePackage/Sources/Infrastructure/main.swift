import InfraAWSApiGateway
import InfraAWSCloudFront
import InfraAWSIAM
import InfraAWSLambda
import InfraAWSRDS
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

let hello = Lambda.Function(
    "Hello", code: .asset(folder: "lambda/hello"), role: functionRole.arn, handler: "index.handler", runtime: .python312)

App {
    Stack("outside-data", account: "123456789012", region: "eu-west-1") {
        database
        Output("DatabaseEndpoint", value: database.endpointAddress)
        Output("DatabaseSecretArn", value: database.masterUserSecretSecretArn)
    }
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
    }
}
.main()
