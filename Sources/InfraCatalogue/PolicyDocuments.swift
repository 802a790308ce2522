import InfraArtifact

/// Which properties hold an IAM policy document, typed as the core's `PolicyDocument` instead of
/// free-form JSON: found by a rule over the schemas, with the few exceptions it cannot see listed.
///
/// The rule: a property named like a policy (`…Policy`, `…PolicyDocument`, `…PolicyText`,
/// `AccessPolicies`) whose schema is free-form — an object, an object or its JSON string, or
/// untyped, with no properties, items, enumeration or map of its own. A property that takes only a
/// string qualifies when its name ends in `PolicyDocument` or its description says it is a policy
/// document, an IAM, resource-based or permissions policy, or JSON; `PolicyDocument` then renders
/// as the string of its JSON. `PinnedSchemaListTests` checks the result against the list of
/// documents read one by one, so a schema update that changes it is seen.
public enum PolicyDocuments: Sendable {
    /// How a policy document property is written.
    public enum Form: Sendable, Equatable {
        /// The schema takes the object (and maybe its JSON string too): the object.
        case object
        /// The schema takes only a string: the document's compact JSON as one string.
        case string
    }

    /// Policy-named, policy-shaped properties whose JSON is not IAM's policy grammar, by `Type#Path`.
    public static let notPolicyDocuments: Set<String> = [
        // Cedar (Verified Access) and the Client VPN's authorization policy: another language.
        "AWS::EC2::ClientVpnEndpoint#AuthorizationPolicy.PolicyDocument",
        "AWS::EC2::VerifiedAccessEndpoint#PolicyDocument",
        "AWS::EC2::VerifiedAccessGroup#PolicyDocument",
        // Lifecycle rules, delivery and filter settings, retention: JSON of their own shape.
        "AWS::ECR::Repository#LifecyclePolicy.LifecyclePolicyText",
        "AWS::SNS::Subscription#DeliveryPolicy",
        "AWS::SNS::Subscription#FilterPolicy",
        "AWS::SNS::Subscription#RedrivePolicy",
        "AWS::SNS::Subscription#ReplayPolicy",
        "AWS::SNS::Topic#ArchivePolicy",
        "AWS::StorageGateway::NFSFileShare#NotificationPolicy",
        "AWS::StorageGateway::SMBFileShare#NotificationPolicy",
        // Data protection policies (data identifiers and operations), account-level log policies
        // of several kinds, and a core network's routing policy.
        "AWS::SNS::Topic#DataProtectionPolicy",
        "AWS::Logs::LogGroup#DataProtectionPolicy",
        "AWS::Logs::AccountPolicy#PolicyDocument",
        "AWS::NetworkManager::CoreNetwork#PolicyDocument",
        // OpenSearch Serverless policies are lists of rules, not IAM documents.
        "AWS::OpenSearchServerless::AccessPolicy#Policy",
        "AWS::OpenSearchServerless::LifecyclePolicy#Policy",
        "AWS::OpenSearchServerless::SecurityPolicy#Policy",
    ]

    /// IAM policy documents the rule misses (an undescribed string, or a name of its own), by
    /// `Type#Path`, each read in its service's documentation.
    public static let alsoPolicyDocuments: Set<String> = [
        "AWS::AIOps::InvestigationGroup#InvestigationGroupPolicy",
        "AWS::Comprehend::DocumentClassifier#ModelPolicy",
        "AWS::EKS::PodIdentityAssociation#Policy",
        "AWS::MediaStore::Container#Policy",
        "AWS::Organizations::ResourcePolicy#Content",
        "AWS::RolesAnywhere::Profile#SessionPolicy",
        "AWS::Transfer::User#Policy",
    ]

    /// Whether the property `key` at `place` (`Type#Path`) holds a policy document, and how it is
    /// written; `schema` is the property's schema with its `$ref` resolved, `types` its declared
    /// types (sorted), `description` the property's and its target's descriptions.
    static func form(place: String, key: String, schema: JSONValue, types: [String], description: String) -> Form? {
        guard !notPolicyDocuments.contains(place) else { return nil }
        let freeForm = ["properties", "patternProperties", "items", "enum", "oneOf", "anyOf"].allSatisfy { schema[$0] == nil }
            && schema["additionalProperties"]?.members == nil
        guard freeForm else { return nil }
        let form: Form
        switch types {
        case [], ["object"], ["object", "string"]: form = .object
        case ["string"]: form = .string
        default: return nil
        }
        if alsoPolicyDocuments.contains(place) { return form }
        guard isPolicyName(key) else { return nil }
        if form == .string, !key.hasSuffix("PolicyDocument"), !describesPolicy(description) { return nil }
        return form
    }

    static func isPolicyName(_ key: String) -> Bool {
        key.hasSuffix("Policy") || key.hasSuffix("PolicyDocument") || key.hasSuffix("PolicyText") || key == "AccessPolicies"
    }

    /// Whether a string property's description says it holds a policy document.
    static func describesPolicy(_ description: String) -> Bool {
        let text = description.lowercased()
        return ["policy document", "iam polic", "resource-based polic", "resource based polic", "resource polic", "permission polic", "permissions polic", "json"]
            .contains { text.contains($0) }
    }
}
