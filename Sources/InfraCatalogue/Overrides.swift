/// The few places where the generated API deliberately differs from a literal reading of the
/// schema. Each entry is keyed `Type#Path`: `Path` is a top-level property (`PolicyDocument`) or a
/// definition's property (`Policy.PolicyDocument`).
public enum Overrides: Sendable {
    /// The shape the generator types a property with where the schema leaves it free-form JSON
    /// though the service documents one (JSON schema text, `Type#Path` as above). Typing only:
    /// validation and the raw-resource checks keep the schema as published, so the DSL refuses
    /// nothing CloudFormation and cfn-lint accept. Policy documents are found by a rule instead
    /// (``PolicyDocuments``).
    public static let shapes: [String: String] = [
        // SQS's redrive policies as its documentation describes them (the schema gives no required
        // members, and no members at all for the redrive-allow policy); SQS refuses either without
        // the members required here.
        "AWS::SQS::Queue#RedrivePolicy": #"""
            {"required": ["deadLetterTargetArn", "maxReceiveCount"], "properties": {
                "deadLetterTargetArn": {"type": "string", "description": "The ARN of the dead-letter queue SQS moves messages to after `maxReceiveCount` receives."},
                "maxReceiveCount": {"type": "integer", "description": "How many times a message is received before SQS moves it to the dead-letter queue."}}}
            """#,
        "AWS::SQS::Queue#RedriveAllowPolicy": #"""
            {"type": ["object", "string"], "required": ["redrivePermission"], "properties": {
                "redrivePermission": {"type": "string", "enum": ["allowAll", "denyAll", "byQueue"],
                    "description": "Which source queues may name this queue as their dead-letter queue: any in the account and Region, none, or those in `sourceQueueArns`."},
                "sourceQueueArns": {"type": "array", "items": {"type": "string"},
                    "description": "The ARNs of the source queues (up to 10) that may name this queue as their dead-letter queue, with `byQueue`."}}}
            """#,
        // Maps of strings in the CloudFormation resource specification (`PrimitiveItemType: String`);
        // the registry schema allows any JSON value, which CloudFormation turns into a string.
        "AWS::Lambda::Function#Environment.Variables": #"""
            {"type": "object", "patternProperties": {"[a-zA-Z][a-zA-Z0-9_]+": {"type": "string"}}}
            """#,
        "AWS::CloudFormation::Stack#Parameters": #"{"type": "object", "additionalProperties": {"type": "string"}}"#,
    ]

    /// Property type names that would stutter or differ from the established API.
    public static let typeNames: [String: String] = [
        "AWS::ECS::TaskDefinition#TaskDefinitionPlacementConstraint": "PlacementConstraint"
    ]
}
