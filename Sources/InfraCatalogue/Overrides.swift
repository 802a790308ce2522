/// The few places where the generated API deliberately differs from a literal reading of the
/// schema. Each entry is keyed `Type#Path`: `Path` is a top-level property (`PolicyDocument`) or a
/// definition's property (`Policy.PolicyDocument`).
public enum Overrides: Sendable {
    /// IAM policy documents: typed `PolicyDocument` (the core's policy DSL) instead of free-form
    /// JSON. A policy document parameter comes last among the required ones, where a trailing
    /// `PolicyDocument { … }` block reads best.
    public static let policyDocuments: Set<String> = [
        "AWS::IAM::Role#AssumeRolePolicyDocument",
        "AWS::IAM::Role#Policy.PolicyDocument",
        "AWS::IAM::User#Policy.PolicyDocument",
        "AWS::IAM::Group#Policy.PolicyDocument",
        "AWS::IAM::Policy#PolicyDocument",
        "AWS::IAM::ManagedPolicy#PolicyDocument",
        "AWS::IAM::RolePolicy#PolicyDocument",
        "AWS::IAM::UserPolicy#PolicyDocument",
        "AWS::IAM::GroupPolicy#PolicyDocument",
        "AWS::S3::BucketPolicy#PolicyDocument",
        "AWS::SQS::QueuePolicy#PolicyDocument",
        "AWS::SNS::TopicPolicy#PolicyDocument",
        "AWS::KMS::Key#KeyPolicy",
        "AWS::SecretsManager::ResourcePolicy#ResourcePolicy",
        "AWS::ECR::Repository#RepositoryPolicyText",
        "AWS::EC2::VPCEndpoint#PolicyDocument",
        "AWS::S3::AccessPoint#Policy",
        "AWS::S3::MultiRegionAccessPointPolicy#Policy",
        "AWS::DynamoDB::Table#ResourcePolicy.PolicyDocument",
        "AWS::DynamoDB::GlobalTable#ResourcePolicy.PolicyDocument",
        "AWS::ECR::PublicRepository#RepositoryPolicyText",
        "AWS::ECR::RegistryPolicy#PolicyText",
        "AWS::Events::EventBus#Policy",
        "AWS::KMS::ReplicaKey#KeyPolicy",
        "AWS::Lambda::ResourcePolicy#PolicyDocument",
        "AWS::Logs::LogGroup#ResourcePolicyDocument",
        "AWS::Logs::ResourcePolicy#PolicyDocument",
        "AWS::SNS::TopicInlinePolicy#PolicyDocument",
        "AWS::SQS::QueueInlinePolicy#PolicyDocument",
        "AWS::SSM::ResourcePolicy#Policy",
    ]

    /// Property type names that would stutter or differ from the established API.
    public static let typeNames: [String: String] = [
        "AWS::ECS::TaskDefinition#TaskDefinitionPlacementConstraint": "PlacementConstraint"
    ]
}
