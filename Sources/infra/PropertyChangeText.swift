import InfraDeploy

/// How `infra plan` words one property-level change of a change set (its `Details`).
enum PropertyChangeText {
    /// Values longer than this are cut in the text table (the JSON has them whole).
    static let maxValueLength = 80

    /// `BucketName: "a" → "b"  forces replacement  (changed in the template)`.
    static func line(_ detail: ResourceChangeDetail) -> String {
        var text = target(detail)
        if detail.beforeValue != nil || detail.afterValue != nil {
            text += ": \(value(detail.beforeValue)) → \(value(detail.afterValue))"
        } else if let kind = detail.attributeChangeType, kind != "Modify" {
            text += " (\(kind.lowercased()))"
        }
        if detail.forcesReplacement { text += "  forces replacement" } else if detail.mayForceReplacement { text += "  may force replacement" }
        if let source = source(detail) { text += "  (\(source))" }
        return text
    }

    /// The property's name for `Properties`, else the attribute (`Tags`, `Metadata`, `UpdatePolicy`, …).
    static func target(_ detail: ResourceChangeDetail) -> String {
        if detail.attribute == "Properties", let name = detail.name { return name }
        if let name = detail.name, !name.isEmpty { return "\(detail.attribute).\(name)" }
        return detail.attribute.isEmpty ? (detail.path ?? "?") : detail.attribute
    }

    /// Where the change comes from, in words; dynamic evaluations say that the value is known only at deploy time.
    static func source(_ detail: ResourceChangeDetail) -> String? {
        var words: String?
        switch detail.changeSource {
        case "DirectModification"?: words = "changed in the template"
        case "ParameterReference"?: words = "parameter \(detail.causingEntity ?? "?")"
        case "ResourceReference"?: words = "Ref \(detail.causingEntity ?? "?")"
        case "ResourceAttribute"?: words = "GetAtt \(detail.causingEntity ?? "?")"
        case "Automatic"?: words = "nested stack update"
        case let other?: words = other
        case nil: words = nil
        }
        if detail.evaluation == "Dynamic" { words = (words.map { $0 + ", " } ?? "") + "known only at deploy time" }
        return words
    }

    private static func value(_ text: String?) -> String {
        guard let text else { return "(none)" }
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        return flat.count > maxValueLength ? "\"\(flat.prefix(maxValueLength))…\"" : "\"\(flat)\""
    }

    /// The detail as `plan --output json` writes it; fields AWS did not send are left out.
    static func json(_ detail: ResourceChangeDetail) -> JSONValue {
        let fields: [(String, String?)] = [
            ("attribute", detail.attribute), ("name", detail.name), ("requiresRecreation", detail.requiresRecreation),
            ("changeSource", detail.changeSource), ("causingEntity", detail.causingEntity), ("evaluation", detail.evaluation),
            ("path", detail.path), ("before", detail.beforeValue), ("after", detail.afterValue), ("changeType", detail.attributeChangeType),
        ]
        var members = fields.compactMap { key, value in value.map { JSONValue.Member(key, .string($0)) } }
        members.append(JSONValue.Member("forcesReplacement", .bool(detail.forcesReplacement)))
        return .object(members)
    }
}
