import InfraArtifact

/// Gives union objects their properties. A registry schema often writes a "one of these shapes"
/// object as `oneOf` (or `anyOf`) alternatives, each an inline object with its own properties, and no
/// `properties` of its own. The CloudFormation resource specification — and so CDK and troposphere —
/// describes the same value as one property type whose members are all optional; this does the same,
/// so the value becomes a typed struct instead of untyped JSON. The alternatives stay, so the first
/// one's `required` still picks the sweep's placeholder members.
enum UnionObjects {
    /// `schema` with every union object, at any depth, given the merged properties of its alternatives.
    static func merged(_ schema: JSONValue) -> JSONValue {
        switch schema {
        case .list(let elements):
            return .list(elements.map(merged))
        case .object(let members):
            var node = JSONValue.object(members.map { .init($0.key, merged($0.value)) })
            if let properties = unionProperties(node), case .object(var withProperties) = node {
                if node["type"] == nil { withProperties.append(.init("type", .string("object"))) }
                withProperties.append(.init("properties", .object(properties)))
                node = .object(withProperties)
            }
            return node
        default:
            return schema
        }
    }

    /// The properties of a union object's alternatives, first occurrence first; nil when `node` is
    /// not one (it has properties, is not an object, or an alternative is not an inline object).
    static func unionProperties(_ node: JSONValue) -> [JSONValue.Member]? {
        guard node["properties"] == nil, node["type"] == nil || node["type"]?.string == "object" else { return nil }
        for keyword in ["oneOf", "anyOf"] {
            guard let alternatives = node[keyword]?.array, !alternatives.isEmpty else { continue }
            var merged: [JSONValue.Member] = []
            for alternative in alternatives {
                guard alternative["type"] == nil || alternative["type"]?.string == "object",
                    let properties = alternative["properties"]?.members, !properties.isEmpty
                else { return nil }
                for property in properties where !merged.contains(where: { $0.key == property.key }) {
                    merged.append(property)
                }
            }
            return merged
        }
        return nil
    }
}
