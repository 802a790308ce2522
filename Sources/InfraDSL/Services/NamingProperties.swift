/// Which property names a resource of each type, and whether the name is unique per account
/// (IAM, S3) rather than per account and region: the one table of resource types that physical
/// name clashes and `CAPABILITY_NAMED_IAM` read. Types without a service folder of their own are
/// named here.
enum NamingProperties {
    /// Resource type → its naming property and whether the name is account-wide.
    static let byType: [String: (property: String, accountWide: Bool)] = {
        var table: [String: (property: String, accountWide: Bool)] = [
            "AWS::S3::Bucket": ("BucketName", true),
            LogsType.logGroup: ("LogGroupName", false),
            ECSType.cluster: ("ClusterName", false),
            "AWS::SQS::Queue": ("QueueName", false),
            "AWS::SNS::Topic": ("TopicName", false),
            "AWS::DynamoDB::Table": ("TableName", false),
            "AWS::Lambda::Function": ("FunctionName", false),
        ]
        for (type, property) in IAMType.nameProperties { table[type] = (property, true) }
        return table
    }()
}
