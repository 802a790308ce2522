/// Finds two resources that would claim the same physical name: CloudFormation accepts each
/// template alone, and the second stack fails halfway through its deployment.
enum PhysicalNames {
    /// The property that names a resource, and whether the name is unique per account (IAM, S3)
    /// rather than per account and region.
    static let nameProperties: [String: (property: String, accountWide: Bool)] = [
        "AWS::IAM::Role": ("RoleName", true),
        "AWS::IAM::ManagedPolicy": ("ManagedPolicyName", true),
        "AWS::IAM::User": ("UserName", true),
        "AWS::IAM::Group": ("GroupName", true),
        "AWS::IAM::InstanceProfile": ("InstanceProfileName", true),
        "AWS::S3::Bucket": ("BucketName", true),
        "AWS::Logs::LogGroup": ("LogGroupName", false),
        "AWS::ECS::Cluster": ("ClusterName", false),
        "AWS::SQS::Queue": ("QueueName", false),
        "AWS::SNS::Topic": ("TopicName", false),
        "AWS::DynamoDB::Table": ("TableName", false),
        "AWS::Lambda::Function": ("FunctionName", false),
    ]

    static func check(_ stacks: [Stack], into diagnostics: inout Diagnostics) {
        var claimed: [String: (stack: String, resource: ResourceDeclaration)] = [:]
        for stack in stacks {
            for resource in TemplateSections(stack.elements).resources {
                guard let (property, accountWide) = nameProperties[resource.type],
                    let name = resource.properties.first(where: { $0.key == property })?.value.stringValue
                else { continue }
                let place = accountWide ? "account \(stack.account)" : "account \(stack.account), \(stack.region)"
                let key = "\(resource.type)|\(name)|\(stack.account)|\(accountWide ? "" : stack.region)"
                if let first = claimed[key] {
                    diagnostics.error(
                        "resource '\(resource.logicalId)' of stack '\(stack.name)' names its \(resource.type) '\(name)', which resource '\(first.resource.logicalId)' of stack '\(first.stack)' also claims in \(place); the second deployment would fail — give one another name",
                        at: resource.options.location,
                        notes: [.init(message: "'\(name)' is first claimed here", location: first.resource.options.location)])
                } else {
                    claimed[key] = (stack.name, resource)
                }
            }
        }
    }
}
