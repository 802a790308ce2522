// swift-tools-version:6.0
import PackageDescription

/// The services generated from the CloudFormation registry schemas into `Sources/Generated/<Service>`:
/// each one is its own module (`InfraAWS<Service>`) and library product, so a user compiles only the
/// services they import. `scripts/generate-catalogue.sh <Service>` generates another; add it here.
let catalogueServices = [
    "ApplicationAutoScaling", "AutoScaling", "CertificateManager", "CloudFormation", "CloudWatch", "CodeBuild",
    "DynamoDB", "EC2", "ECR", "ECS", "ElasticLoadBalancingV2", "Events", "IAM", "KMS", "Lambda", "Logs", "Route53",
    "S3", "SNS", "SQS", "SSM", "SecretsManager",
]

let package = Package(
    name: "InfraDSL",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "InfraDSL", targets: ["InfraDSL", "InfraSynth"]),
        .executable(name: "Stacks", targets: ["Stacks"]),
        .plugin(name: "GenerateStacks", targets: ["GenerateStacks"]),
        .library(name: "InfraComponents", targets: ["InfraComponents"]),
        .library(name: "InfraDeploy", targets: ["InfraDeploy"]),
        .executable(name: "infra", targets: ["infra"]),
    ] + catalogueServices.map { .library(name: "InfraAWS\($0)", targets: ["InfraAWS\($0)"]) },
    dependencies: [],
    targets: [
        // SHA-256 and HMAC-SHA256: shared by the manifest (template hashes) and the deployer (SigV4).
        .target(name: "InfraCrypto"),
        // The DSL: values, builders, resources, validation, deterministic rendering. Pure.
        .target(name: "InfraDSL", dependencies: ["InfraCrypto"]),
        // The command-line front of synthesis: arguments, files, exit codes.
        .target(name: "InfraSynth", dependencies: ["InfraDSL"]),
        // Higher-level constructs made of the DSL's pieces: deploy roles, the Jenkins agent cloud.
        .target(name: "InfraComponents", dependencies: ["InfraDSL", "InfraAWSECS", "InfraAWSIAM", "InfraAWSLogs"]),
        // This package's own infrastructure: the Jenkins agent cloud over four stages, written as a user would.
        .executableTarget(name: "Stacks", dependencies: ["InfraSynth", "InfraComponents", "InfraAWSECS", "InfraAWSIAM", "InfraAWSLogs"]),
        .plugin(
            name: "GenerateStacks",
            capability: .command(
                intent: .custom(verb: "generate-stacks", description: "Generate CloudFormation templates and the deployment manifest into stacks.out/"),
                permissions: [.writeToPackageDirectory(reason: "Writes the generated templates and manifest to stacks.out/")]
            )
        ),
        // AWS from the toolchain alone: SigV4, credentials, STS and CloudFormation over the Query protocol.
        .target(name: "InfraDeploy", dependencies: ["InfraCrypto"]),
        // The `infra` command line (plan, deploy, diff, status): thin over InfraDeploy's rollout engine.
        .executableTarget(name: "infra", dependencies: ["InfraDeploy"]),
        // The catalogue generator: registry schemas -> Swift (library, for tests) and its command.
        .target(name: "InfraCatalogue"),
        .executableTarget(name: "infra-catalogue", dependencies: ["InfraCatalogue"]),
        .testTarget(name: "InfraCatalogueTests", dependencies: ["InfraCatalogue"]),
        // The cfn-lint sweep: one instance of every generated type, rendered to templates (scripts/test.sh lints them).
        .executableTarget(name: "CatalogueSweep", dependencies: ["InfraSynth"] + catalogueServices.map { .target(name: "InfraAWS\($0)") }),
        .testTarget(name: "InfraCryptoTests", dependencies: ["InfraCrypto"]),
        .testTarget(name: "InfraDeployTests", dependencies: ["InfraDeploy", "InfraCrypto", "infra"], exclude: ["Fixtures"]),
        .testTarget(
            name: "InfraDSLTests", dependencies: ["InfraDSL", "InfraSynth", "InfraComponents", "Stacks", "InfraAWSECS", "InfraAWSIAM", "InfraAWSLogs"],
            exclude: ["Golden"]),
        .testTarget(name: "InfraSynthTests", dependencies: ["InfraSynth", "InfraAWSLogs"]),
    ] + catalogueServices.map { service in
        .target(name: "InfraAWS\(service)", dependencies: ["InfraDSL"], path: "Sources/Generated/\(service)")
    },
    swiftLanguageModes: [.v6]
)
