// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "InfraDSL",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "InfraDSL", targets: ["InfraDSL", "InfraSynth"]),
        .executable(name: "Stacks", targets: ["Stacks"]),
        .plugin(name: "GenerateStacks", targets: ["GenerateStacks"]),
        .library(name: "InfraDeploy", targets: ["InfraDeploy"]),
        .executable(name: "infra", targets: ["infra"]),
    ],
    dependencies: [],
    targets: [
        // SHA-256 and HMAC-SHA256: shared by the manifest (template hashes) and the deployer (SigV4).
        .target(name: "InfraCrypto"),
        // The DSL: values, builders, resources, validation, deterministic rendering. Pure.
        .target(name: "InfraDSL", dependencies: ["InfraCrypto"]),
        // The command-line front of synthesis: arguments, files, exit codes.
        .target(name: "InfraSynth", dependencies: ["InfraDSL"]),
        // This package's own infrastructure: the article's setup, written as a user would.
        .executableTarget(name: "Stacks", dependencies: ["InfraSynth"]),
        .plugin(
            name: "GenerateStacks",
            capability: .command(
                intent: .custom(verb: "generate-stacks", description: "Generate CloudFormation templates and the deployment manifest into stacks.out/"),
                permissions: [.writeToPackageDirectory(reason: "Writes the generated templates and manifest to stacks.out/")]
            ),
            dependencies: ["Stacks"]
        ),
        // AWS from the toolchain alone: SigV4, credentials, STS and CloudFormation over the Query protocol.
        .target(name: "InfraDeploy", dependencies: ["InfraCrypto"]),
        // The `infra` command line (plan, deploy, diff, status): thin over InfraDeploy's rollout engine.
        .executableTarget(name: "infra", dependencies: ["InfraDeploy"]),
        .testTarget(name: "InfraCryptoTests", dependencies: ["InfraCrypto"]),
        .testTarget(name: "InfraDeployTests", dependencies: ["InfraDeploy", "InfraCrypto", "infra"], exclude: ["Fixtures"]),
        .testTarget(name: "InfraDSLTests", dependencies: ["InfraDSL", "InfraSynth", "Stacks"]),
        .testTarget(name: "InfraSynthTests", dependencies: ["InfraSynth"]),
    ],
    swiftLanguageModes: [.v6]
)
