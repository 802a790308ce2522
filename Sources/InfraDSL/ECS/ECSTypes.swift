/// The ECS resource type names the core needs, written once, here.
enum ECSType {
    /// `AWS::ECS::TaskDefinition`.
    static let taskDefinition = "AWS::ECS::TaskDefinition"
    /// `AWS::ECS::Cluster`.
    static let cluster = "AWS::ECS::Cluster"
}
