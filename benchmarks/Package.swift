// swift-tools-version:6.0
// The benchmark harness's Swift side, kept out of the root package on purpose:
// - the root package keeps `dependencies: []` and CI (`swift build --build-tests` at the root)
//   never compiles benchmark code;
// - it builds in release mode into its own `.build`, so benchmarking never disturbs the debug
//   build the tests use.
// It depends on the root package by path, exactly as a user's package depends on InfraDSL.
import Foundation
import PackageDescription

// A path dependency's package identity is its folder's name, which differs between clones
// (`InfraDSL`, `infradsl`, a worktree's name …); read it instead of hard-coding it.
let rootFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
let rootIdentity = rootFolder.lastPathComponent

let package = Package(
    name: "InfraDSLBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: "..")],
    targets: [
        // The parameterised organisation of issue 6, synthesized as `generate-stacks` would.
        .executableTarget(
            name: "OrgSynth",
            dependencies: ["InfraDSL", "InfraAWSIAM", "InfraAWSECS", "InfraAWSLogs"].map { .product(name: $0, package: rootIdentity) }),
        // The rollout benchmark's 10 accounts × 3 stacks, generated like any user's app.
        .executableTarget(
            name: "RolloutApp",
            dependencies: ["InfraDSL", "InfraAWSIAM", "InfraAWSLogs"].map { .product(name: $0, package: rootIdentity) }),
    ],
    swiftLanguageModes: [.v6]
)
