import Testing
import InfraArtifact
@testable import InfraCatalogue

/// The policy-document rule (``PolicyDocuments``) over every pinned schema, against the list of IAM
/// policy documents read one by one in the services' documentation: a schema update or a rule
/// change that types another property, or stops typing one, fails here with the difference.
@Suite struct PinnedPolicyDocumentTests {
    /// Every generated property with its place, `Type#Key` or `Type#Definition.Key`.
    private func places() throws -> [(place: String, property: PropertyModel)] {
        let (_, models) = try PinnedSchemas.catalogue.get()
        var found: [(place: String, property: PropertyModel)] = []
        for model in models {
            let owners = [("", model.properties)] + model.structs.map { ("\($0.source).", $0.properties) }
            for (owner, properties) in owners {
                for property in properties { found.append(("\(model.typeName)#\(owner)\(property.key)", property)) }
            }
        }
        return found
    }

    /// The place of every property typed `PolicyDocument`, `(string)` after those written as the
    /// string of their JSON.
    private func typedDocuments() throws -> [String] {
        try places().filter { $0.property.type == .named("PolicyDocument") }
            .map { $0.place + ($0.property.writesJSONString ? " (string)" : "") }.sorted()
    }

    /// Read one by one: the IAM grammar (`Version`, `Statement`, `Effect`, `Principal`, `Action`,
    /// `Resource`, `Condition`) in each service's documentation; IoT's policies share it.
    static let expected: [String] = [
        "AWS::AIOps::InvestigationGroup#InvestigationGroupPolicy (string)",
        "AWS::APS::ResourcePolicy#PolicyDocument (string)",
        "AWS::ApiGateway::DomainNameV2#Policy",
        "AWS::ApiGateway::RestApi#Policy",
        "AWS::Backup::BackupVault#AccessPolicy",
        "AWS::Backup::LogicallyAirGappedBackupVault#AccessPolicy",
        "AWS::Bedrock::KnowledgeBasePolicy#PolicyDocument",
        "AWS::Bedrock::ResourcePolicy#PolicyDocument",
        "AWS::BedrockAgentCore::ResourcePolicy#Policy (string)",
        "AWS::CloudTrail::ResourcePolicy#ResourcePolicy",
        "AWS::CodeArtifact::Domain#PermissionsPolicyDocument",
        "AWS::CodeArtifact::Repository#PermissionsPolicyDocument",
        "AWS::Comprehend::DocumentClassifier#ModelPolicy (string)",
        "AWS::Comprehend::EntityRecognizer#ModelPolicy (string)",
        "AWS::DSQL::Cluster#PolicyDocument (string)",
        "AWS::DynamoDB::GlobalTable#ResourcePolicy.PolicyDocument",
        "AWS::DynamoDB::Table#ResourcePolicy.PolicyDocument",
        "AWS::EC2::VPCEndpoint#PolicyDocument",
        "AWS::ECR::PublicRepository#RepositoryPolicyText",
        "AWS::ECR::RegistryPolicy#PolicyText",
        "AWS::ECR::Repository#RepositoryPolicyText",
        "AWS::ECR::RepositoryCreationTemplate#RepositoryPolicy (string)",
        "AWS::EFS::FileSystem#FileSystemPolicy",
        "AWS::EKS::PodIdentityAssociation#Policy (string)",
        "AWS::Elasticsearch::Domain#AccessPolicies",
        "AWS::EventSchemas::RegistryPolicy#Policy",
        "AWS::Events::EventBus#Policy",
        "AWS::EventsV2::ResourcePolicy#PolicyDocument",
        "AWS::FSx::S3AccessPointAttachment#S3AccessPoint.Policy",
        "AWS::IAM::Group#Policy.PolicyDocument",
        "AWS::IAM::GroupPolicy#PolicyDocument",
        "AWS::IAM::ManagedPolicy#PolicyDocument",
        "AWS::IAM::Policy#PolicyDocument",
        "AWS::IAM::Role#AssumeRolePolicyDocument",
        "AWS::IAM::Role#Policy.PolicyDocument",
        "AWS::IAM::RolePolicy#PolicyDocument",
        "AWS::IAM::User#Policy.PolicyDocument",
        "AWS::IAM::UserPolicy#PolicyDocument",
        "AWS::IoT::Policy#PolicyDocument",
        "AWS::KMS::Key#KeyPolicy",
        "AWS::KMS::ReplicaKey#KeyPolicy",
        "AWS::Kinesis::ResourcePolicy#ResourcePolicy",
        "AWS::Lambda::ResourcePolicy#PolicyDocument",
        "AWS::Lex::ResourcePolicy#Policy",
        "AWS::Logs::DeliveryDestination#DestinationPolicy.DeliveryDestinationPolicy",
        "AWS::Logs::Destination#DestinationPolicy (string)",
        "AWS::Logs::LogGroup#ResourcePolicyDocument",
        "AWS::Logs::ResourcePolicy#PolicyDocument",
        "AWS::MSK::ClusterPolicy#Policy",
        "AWS::MediaPackageV2::ChannelPolicy#Policy",
        "AWS::MediaPackageV2::OriginEndpointPolicy#Policy",
        "AWS::MediaStore::Container#Policy (string)",
        "AWS::MediaTailor::ChannelPolicy#Policy",
        "AWS::ODB::OdbNetwork#KmsPolicyDocument (string)",
        "AWS::ODB::OdbNetwork#S3PolicyDocument (string)",
        "AWS::ODB::OdbNetwork#StsPolicyDocument (string)",
        "AWS::OSIS::Pipeline#ResourcePolicy.Policy",
        "AWS::Oam::Sink#Policy",
        "AWS::Omics::SequenceStore#S3AccessPolicy",
        "AWS::OpenSearchService::Domain#AccessPolicies",
        "AWS::Organizations::ResourcePolicy#Content",
        "AWS::PaymentCryptography::Key#Policy (string)",
        "AWS::RUM::AppMonitor#ResourcePolicy.PolicyDocument (string)",
        "AWS::Redshift::Cluster#NamespaceResourcePolicy",
        "AWS::RedshiftServerless::Namespace#NamespaceResourcePolicy",
        "AWS::RolesAnywhere::Profile#SessionPolicy (string)",
        "AWS::S3::AccessPoint#Policy",
        "AWS::S3::BucketPolicy#PolicyDocument",
        "AWS::S3::MultiRegionAccessPointPolicy#Policy",
        "AWS::S3Express::AccessPoint#Policy",
        "AWS::S3Express::BucketPolicy#PolicyDocument",
        "AWS::S3Files::FileSystemPolicy#Policy",
        "AWS::S3ObjectLambda::AccessPointPolicy#PolicyDocument",
        "AWS::S3Outposts::AccessPoint#Policy",
        "AWS::S3Outposts::BucketPolicy#PolicyDocument",
        "AWS::S3Tables::TableBucketPolicy#ResourcePolicy",
        "AWS::S3Tables::TablePolicy#ResourcePolicy",
        "AWS::S3Vectors::VectorBucketPolicy#Policy",
        "AWS::SMSVOICE::ResourcePolicy#PolicyDocument",
        "AWS::SNS::TopicInlinePolicy#PolicyDocument",
        "AWS::SNS::TopicPolicy#PolicyDocument",
        "AWS::SQS::QueueInlinePolicy#PolicyDocument",
        "AWS::SQS::QueuePolicy#PolicyDocument",
        "AWS::SSM::ResourcePolicy#Policy",
        "AWS::SSO::PermissionSet#InlinePolicy",
        "AWS::SageMaker::ModelPackageGroup#ModelPackageGroupPolicy",
        "AWS::SecretsManager::ResourcePolicy#ResourcePolicy",
        "AWS::Transfer::User#Policy (string)",
        "AWS::VpcLattice::AuthPolicy#Policy",
        "AWS::VpcLattice::ResourcePolicy#Policy",
        "AWS::XRay::ResourcePolicy#PolicyDocument (string)",
    ]

    @Test func everyIAMPolicyDocumentOfThePinnedSchemasIsTypedAndNothingElse() throws {
        let found = try typedDocuments()
        let missing = Self.expected.filter { !found.contains($0) }
        let unexpected = found.filter { !Self.expected.contains($0) }
        #expect(missing.isEmpty && unexpected.isEmpty, "not typed: \(missing)\nnot expected: \(unexpected)")
    }

    /// A listed exception or shape whose property a schema update renamed or dropped would go unseen.
    @Test func everyExceptionAndShapeNamesAGeneratedProperty() throws {
        let known = Set(try places().map(\.place))
        for place in PolicyDocuments.notPolicyDocuments.union(PolicyDocuments.alsoPolicyDocuments).union(Overrides.shapes.keys).sorted() {
            #expect(known.contains(place), "\(place) is no property of the pinned schemas")
        }
    }
}
