/// Which resource types need `CAPABILITY_IAM`, and when their naming property is set (see
/// `NamingProperties`), `CAPABILITY_NAMED_IAM`.
enum IAMCapability {
    /// The capabilities CloudFormation demands before it creates `resources`.
    static func required(by resources: [ResourceDeclaration]) -> [String] {
        let iam = resources.filter { IAMType.needingCapability.contains($0.type) }
        if iam.contains(where: { resource in
            NamingProperties.byType[resource.type].map { name in resource.properties.contains { $0.key == name.property } } ?? false
        }) {
            return ["CAPABILITY_NAMED_IAM"]
        }
        return iam.isEmpty ? [] : ["CAPABILITY_IAM"]
    }
}
