/// Stack settings the deployer applies besides the template: termination protection, a stack
/// policy, notification topics and the CloudFormation service role. Defaults manage nothing.
extension Manifest {
    /// How CloudFormation should guard and run one stack.
    public struct StackSettings: Sendable, Equatable {
        /// Termination protection on (`true`) or off; `nil` leaves it as it is.
        public var terminationProtection: Bool?
        /// The stack policy's JSON text; `nil` leaves the deployed policy alone (CloudFormation cannot remove one).
        public var stackPolicy: String?
        /// SNS topics CloudFormation sends stack events to, sorted; empty leaves them as they are.
        public var notificationARNs: [String]
        /// The IAM role CloudFormation acts with (`RoleARN`); `nil` leaves it as it is.
        public var serviceRoleARN: String?

        /// Settings from their parts; the defaults manage nothing.
        public init(terminationProtection: Bool? = nil, stackPolicy: String? = nil, notificationARNs: [String] = [], serviceRoleARN: String? = nil) {
            self.terminationProtection = terminationProtection
            self.stackPolicy = stackPolicy
            self.notificationARNs = notificationARNs
            self.serviceRoleARN = serviceRoleARN
        }

        /// Whether nothing is managed (then the manifest holds none of the fields).
        public var isEmpty: Bool { self == StackSettings() }

        /// The fields of a stack entry, each left out when unset.
        var jsonMembers: [JSONValue.Member] {
            var members: [JSONValue.Member] = []
            if let terminationProtection { members.append(JSONValue.Member("terminationProtection", .bool(terminationProtection))) }
            if let stackPolicy { members.append(JSONValue.Member("stackPolicy", .string(stackPolicy))) }
            if !notificationARNs.isEmpty { members.append(JSONValue.Member("notificationArns", .list(notificationARNs.map(JSONValue.string)))) }
            if let serviceRoleARN { members.append(JSONValue.Member("serviceRoleArn", .string(serviceRoleARN))) }
            return members
        }

        init(json entry: JSONValue, at place: String, reader: FieldReader) throws(ArtifactError) {
            var protection: Bool?
            switch entry["terminationProtection"] {
            case nil, .null?: protection = nil
            case .bool(let value)?: protection = value
            default: throw reader.error("\(place): \"terminationProtection\" must be true or false")
            }
            self.init(
                terminationProtection: protection, stackPolicy: try reader.optionalString(entry, "stackPolicy", at: place, nonEmpty: true),
                notificationARNs: try reader.strings(entry, "notificationArns", at: place, optional: true),
                serviceRoleARN: try reader.optionalString(entry, "serviceRoleArn", at: place, nonEmpty: true))
        }
    }

    /// The oldest version that can hold this manifest: 3 when it has StackSets (a version 2 reader
    /// would deploy everything else and silently leave the sets out); 2 when it has assets or a stack
    /// has settings (a version 1 reader would ignore them — deploy code it never uploaded, deploy
    /// without the service role, leave protection off — which is not safe); 1 otherwise, so manifests
    /// without them stay byte-identical and readable by older `infra`.
    public var writtenVersion: Int {
        if !stackSets.isEmpty { return 3 }
        return !assets.isEmpty || stacks.contains { !$0.settings.isEmpty } ? 2 : 1
    }
}
