// swift-tools-version:6.0
import PackageDescription

/// Every service of the pinned CloudFormation registry schemas (the union of all regions' provider
/// lists), generated into `Sources/Generated/<Service>`: each one is its own module
/// (`InfraAWS<Service>`) and library product, so a user compiles only the services they import.
/// `scripts/generate-catalogue.sh --list` lists them; the drift guard in scripts/test.sh keeps the two equal.
let catalogueServices = [
    "ACMPCA", "AIOps", "APS", "ARCRegionSwitch", "ARCZonalShift", "AWSExternalAnthropic", "AccessAnalyzer",
    "AccountAccess", "AgentRegistry", "AmazonMQ", "Amplify", "AmplifyUIBuilder", "ApiGateway", "ApiGatewayV2",
    "AppConfig", "AppFabric", "AppFlow", "AppIntegrations", "AppMesh", "AppRunner", "AppStream", "AppSync",
    "AppTest", "ApplicationAutoScaling", "ApplicationInsights", "ApplicationSignals", "Athena", "AuditManager",
    "AutoScaling", "AutoScalingPlans", "B2BI", "BCM", "BCMDataExports", "Backup", "BackupGateway", "Batch",
    "BcmPricingCalculator", "Bedrock", "BedrockAgentCore", "BedrockMantle", "Billing", "BillingConductor",
    "Braket", "Budgets", "CDK", "CE", "CUR", "Cases", "Cassandra", "CertificateManager", "Chatbot", "Chime",
    "CleanRooms", "CleanRoomsML", "Cloud9", "CloudFormation", "CloudFront", "CloudHSM", "CloudTrail",
    "CloudWatch", "CodeArtifact", "CodeBuild", "CodeCommit", "CodeConnections", "CodeDeploy",
    "CodeGuruProfiler", "CodeGuruReviewer", "CodePipeline", "CodeStarConnections", "CodeStarNotifications",
    "Cognito", "Comprehend", "ComputeOptimizer", "Config", "Connect", "ConnectCampaigns", "ConnectCampaignsV2",
    "ControlTower", "CustomerProfiles", "DAX", "DLM", "DMS", "DRS", "DSQL", "DataBrew", "DataExchange",
    "DataPipeline", "DataSync", "DataZone", "Deadline", "Detective", "DevOpsAgent", "DevOpsGuru", "DeviceFarm",
    "DirectConnect", "DirectoryService", "DocDB", "DocDBElastic", "DynamoDB", "EC2", "ECR", "ECS", "EFS", "EKS",
    "EMR", "EMRContainers", "EMRServerless", "EVS", "ElastiCache", "ElasticBeanstalk", "ElasticLoadBalancing",
    "ElasticLoadBalancingV2", "Elasticsearch", "ElementalInference", "EntityResolution", "EventSchemas",
    "Events", "EventsV2", "FIS", "FMS", "FSx", "FinSpace", "Forecast", "FraudDetector", "GameLift",
    "GameLiftStreams", "GammaDilithium", "GlobalAccelerator", "Glue", "Grafana", "Greengrass", "GreengrassV2",
    "GroundStation", "GuardDuty", "HealthAgent", "HealthImaging", "HealthLake", "IAM", "IVS", "IVSChat",
    "IdentityStore", "ImageBuilder", "Inspector", "InspectorV2", "Interconnect", "InternetMonitor", "Invoicing",
    "IoT", "IoTCoreDeviceAdvisor", "IoTFleetWise", "IoTManagedIntegrations", "IoTSecureTunneling",
    "IoTSiteWise", "IoTTwinMaker", "IoTWireless", "KMS", "KafkaConnect", "Kendra", "KendraRanking", "Kinesis",
    "KinesisAnalytics", "KinesisAnalyticsV2", "KinesisFirehose", "KinesisVideo", "LakeFormation", "Lambda",
    "LaunchWizard", "Lex", "LicenseManager", "LicenseManagerLinuxSubscriptions",
    "LicenseManagerUserSubscriptions", "Lightsail", "Location", "Logs", "LookoutEquipment", "LookoutVision",
    "M2", "MGN", "MPA", "MSK", "MWAA", "MWAAServerless", "Macie", "ManagedBlockchain", "MediaConnect",
    "MediaConvert", "MediaLive", "MediaPackage", "MediaPackageV2", "MediaStore", "MediaTailor", "MemoryDB",
    "Neptune", "NeptuneGraph", "NetworkFirewall", "NetworkFlowMonitor", "NetworkManager", "NetworkMonitor",
    "NetworkSecurityManager", "Notifications", "NotificationsContacts", "NovaAct", "ODB", "OSIS", "Oam",
    "ObservabilityAdmin", "Omics", "OpenSearch", "OpenSearchServerless", "OpenSearchService", "Organizations",
    "Outposts", "PCAConnectorAD", "PCAConnectorSCEP", "PCS", "PI", "Panorama", "PaymentCryptography",
    "Personalize", "Pinpoint", "PinpointEmail", "Pipes", "Polly", "PricingPlanManager", "Proton", "QBusiness",
    "QuickSight", "RAM", "RDS", "RTBFabric", "RUM", "Rbin", "Redshift", "RedshiftServerless", "RefactorSpaces",
    "Rekognition", "ResilienceHub", "ResilienceHubV2", "ResourceExplorer2", "ResourceGroups", "RoboMaker",
    "RolesAnywhere", "Route53", "Route53GlobalResolver", "Route53Profiles", "Route53RecoveryControl",
    "Route53RecoveryReadiness", "Route53Resolver", "S3", "S3Express", "S3Files", "S3ObjectLambda", "S3Outposts",
    "S3Tables", "S3Vectors", "SCN", "SDB", "SES", "SMSVOICE", "SNS", "SQS", "SSM", "SSMContacts",
    "SSMGuiConnect", "SSMIncidents", "SSMQuickSetup", "SSO", "SageMaker", "Scheduler", "SecretsManager",
    "SecurityAgent", "SecurityHub", "SecurityLake", "ServerlessRepo", "ServiceCatalog",
    "ServiceCatalogAppRegistry", "ServiceDiscovery", "Shield", "Signer", "SimSpaceWeaver", "StepFunctions",
    "StorageGateway", "SupportApp", "SupportAuthZ", "Synthetics", "SystemsManagerSAP", "Textract", "Timestream",
    "Transcribe", "Transfer", "Translate", "UXC", "VerifiedPermissions", "VoiceID", "VpcLattice", "WAF",
    "WAFRegional", "WAFv2", "WellArchitected", "Wickr", "Wisdom", "WorkSpaces", "WorkSpacesThinClient",
    "WorkSpacesWeb", "WorkspacesInstances", "XRay",
]

let package = Package(
    name: "InfraDSL",
    // macOS 13 or later. Linux is supported too: SwiftPM has no Linux entry, and a platform left out
    // here builds with the toolchain's defaults.
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "InfraDSL", targets: ["InfraDSL", "InfraSynth"]),
        .executable(name: "Stacks", targets: ["Stacks"]),
        .plugin(name: "GenerateStacks", targets: ["GenerateStacks"]),
        .library(name: "InfraComponents", targets: ["InfraComponents"]),
        .library(name: "InfraDeploy", targets: ["InfraDeploy"]),
        .library(name: "InfraArtifact", targets: ["InfraArtifact"]),
        .executable(name: "infra", targets: ["infra"]),
    ] + catalogueServices.map { .library(name: "InfraAWS\($0)", targets: ["InfraAWS\($0)"]) },
    dependencies: [],
    targets: [
        // The one argument rule (`--flag value` = `--flag=value`) of infra, the stacks front and infra-catalogue.
        .target(name: "InfraCommandLine"),
        // SHA-256 and HMAC-SHA256: shared by the manifest (template hashes) and the deployer (SigV4).
        .target(name: "InfraCrypto"),
        // The artifact contract between the DSL and the deployer: the ordered JSON value with its
        // writer and bounded parser, the versioned manifest, the stacks.out folder, CloudFormation's limits and names.
        .target(name: "InfraArtifact", dependencies: ["InfraCrypto"]),
        // The DSL: values, builders, resources, validation, deterministic rendering. Pure.
        // resource-schemas.tsv: every pinned type's schema facts, so raw resources are validated too.
        .target(name: "InfraDSL", dependencies: ["InfraCrypto", "InfraArtifact"], resources: [.copy("Resources/resource-schemas.tsv")]),
        // The command-line front of synthesis: arguments, files, exit codes.
        .target(name: "InfraSynth", dependencies: ["InfraDSL", "InfraCommandLine"]),
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
        .target(name: "InfraDeploy", dependencies: ["InfraCrypto", "InfraArtifact"]),
        // The `infra` command line (plan, deploy, diff, status): thin over InfraDeploy's rollout engine.
        .executableTarget(name: "infra", dependencies: ["InfraDeploy", "InfraCommandLine"]),
        // The catalogue generator: registry schemas -> Swift (library, for tests) and its command.
        .target(name: "InfraCatalogue", dependencies: ["InfraArtifact"]),
        .executableTarget(name: "infra-catalogue", dependencies: ["InfraCatalogue", "InfraCommandLine"]),
        .testTarget(name: "InfraCatalogueTests", dependencies: ["InfraCatalogue", "InfraArtifact"]),
        // The cfn-lint sweep: one instance of every generated type, rendered to templates (scripts/test.sh lints them).
        .executableTarget(name: "CatalogueSweep", dependencies: ["InfraSynth"] + catalogueServices.map { .target(name: "InfraAWS\($0)") }),
        .testTarget(name: "InfraCryptoTests", dependencies: ["InfraCrypto"]),
        .testTarget(name: "InfraCommandLineTests", dependencies: ["InfraCommandLine"]),
        .testTarget(name: "InfraArtifactTests", dependencies: ["InfraArtifact"]),
        .testTarget(name: "InfraDeployTests", dependencies: ["InfraDeploy", "InfraCrypto", "infra"], exclude: ["Fixtures"]),
        .testTarget(
            name: "InfraDSLTests",
            dependencies: [
                "InfraDSL", "InfraSynth", "InfraComponents", "Stacks", "InfraAWSDynamoDB", "InfraAWSECS", "InfraAWSIAM", "InfraAWSLogs",
                // The services with grant helpers, for GrantTests.
                "InfraAWSKMS", "InfraAWSLambda", "InfraAWSS3", "InfraAWSSNS", "InfraAWSSQS", "InfraAWSSecretsManager",
            ],
            exclude: ["Golden"]),
        .testTarget(name: "InfraSynthTests", dependencies: ["InfraSynth", "InfraAWSLogs", "InfraAWSLambda"]),
    ] + catalogueServices.map { service in
        .target(name: "InfraAWS\(service)", dependencies: ["InfraDSL"], path: "Sources/Generated/\(service)")
    },
    swiftLanguageModes: [.v6]
)
