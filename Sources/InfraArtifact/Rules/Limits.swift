/// CloudFormation's quotas and naming limits: one list, read by the DSL's validation and by the
/// deployer alike.
public enum Limits: Sendable {
    /// Largest template passed inline as `TemplateBody`.
    public static let templateBodyBytes = 51_200
    /// Largest template passed through S3 as `TemplateURL`.
    public static let templateURLBytes = 1_000_000
    /// Resources per template.
    public static let resources = 500
    /// Parameters per template.
    public static let parameters = 200
    /// Outputs per template.
    public static let outputs = 200
    /// Mappings per template.
    public static let mappings = 200
    /// Characters in a logical ID.
    public static let logicalIdLength = 255
    /// Characters in a stack name.
    public static let stackNameLength = 128
}
