import InfraArtifact

/// Prunes a schema to the constraints validation checks — enum, pattern, length, range, item
/// count, required, and a scalar `type` (integer, number, boolean: what a parameter's `Ref` or a
/// raw literal must fit) — keeping only the paths that carry one. `$ref`s are resolved; a definition that
/// contains itself is followed once.
struct ConstraintBuilder {
    let definitions: [String: JSONValue]

    /// The tree for a resource's writable properties.
    func root(properties: [JSONValue.Member], required: [String]) -> JSONValue {
        var members: [JSONValue.Member] = []
        let writable = Set(properties.map(\.key))
        let requiredWritable = required.filter(writable.contains).sorted()
        if !requiredWritable.isEmpty { members.append(.init("required", .list(requiredWritable.map(JSONValue.string)))) }
        var children: [JSONValue.Member] = []
        for property in properties {
            if let node = node(property.value, visiting: []) { children.append(.init(property.key, node)) }
        }
        if !children.isEmpty { members.append(.init("properties", .object(children))) }
        return .object(members)
    }

    func node(_ schema: JSONValue, visiting: Set<String>) -> JSONValue? {
        if let reference = schema["$ref"]?.string {
            guard reference.hasPrefix("#/definitions/") else { return nil }
            // cfn-lint applies the keywords beside a `$ref` as well as the target's (a local secondary
            // index's `KeySchema` is the shared key schema, of exactly two items).
            let siblings = (schema.members ?? []).filter { $0.key != "$ref" }
            let own = siblings.isEmpty ? nil : node(.object(siblings), visiting: visiting)
            let key = String(reference.dropFirst("#/definitions/".count))
            guard !visiting.contains(key), let target = definitions[key] else { return own }
            return Self.both(node(target, visiting: visiting.union([key])), own)
        }
        var members: [JSONValue.Member] = []
        if let values = schema["enum"]?.array {
            let texts = values.compactMap { value -> String? in value.string ?? value.number }
            if texts.count == values.count { members.append(.init("enum", .list(texts.map(JSONValue.string)))) }
        }
        if let pattern = schema["pattern"]?.string { members.append(.init("pattern", .string(pattern))) }
        for keyword in ["minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems"] {
            if let value = schema[keyword], value.number != nil { members.append(.init(keyword, value)) }
        }
        if let type = Self.scalarType(schema) { members.append(.init("type", .string(type))) }
        // JSON Schema applies `properties` to objects only: beside a declared non-object type (cfn-lint's
        // patches put some beside a list's `items`) they constrain nothing, and are left out.
        if let properties = schema["properties"]?.members, Self.mayBeObject(schema) {
            let keys = Set(properties.map(\.key))
            let required = (schema["required"]?.strings ?? []).filter(keys.contains).sorted()
            if !required.isEmpty { members.append(.init("required", .list(required.map(JSONValue.string)))) }
            var children: [JSONValue.Member] = []
            for property in properties.sorted(by: { $0.key < $1.key }) {
                if let child = node(property.value, visiting: visiting) { children.append(.init(property.key, child)) }
            }
            if !children.isEmpty { members.append(.init("properties", .object(children))) }
        }
        if let items = schema["items"], items.members != nil, let child = node(items, visiting: visiting) {
            members.append(.init("items", child))
        }
        return members.isEmpty ? nil : .object(members)
    }

    /// The constraints of two nodes that both apply: the tighter bound of each, every required key,
    /// and the children merged; for an enumeration or a pattern both give, `extra`'s. Members keep
    /// the order `node` writes them in.
    static func both(_ base: JSONValue?, _ extra: JSONValue?) -> JSONValue? {
        guard let base else { return extra }
        guard let extra else { return base }
        var members: [JSONValue.Member] = []
        for keyword in ["enum", "pattern"] {
            if let value = extra[keyword] ?? base[keyword] { members.append(.init(keyword, value)) }
        }
        for keyword in ["minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems"] {
            switch (base[keyword], extra[keyword]) {
            case (let value?, nil), (nil, let value?):
                members.append(.init(keyword, value))
            case (let first?, let second?):
                let firstIsTighter = keyword.hasPrefix("min") ? numeric(first) >= numeric(second) : numeric(first) <= numeric(second)
                members.append(.init(keyword, firstIsTighter ? first : second))
            case (nil, nil):
                break
            }
        }
        if let type = extra["type"] ?? base["type"] { members.append(.init("type", type)) }
        let required = Set((base["required"]?.strings ?? []) + (extra["required"]?.strings ?? [])).sorted()
        if !required.isEmpty { members.append(.init("required", .list(required.map(JSONValue.string)))) }
        let keys = Set((base["properties"]?.members ?? []).map(\.key) + (extra["properties"]?.members ?? []).map(\.key)).sorted()
        let children = keys.compactMap { key in both(base["properties"]?[key], extra["properties"]?[key]).map { JSONValue.Member(key, $0) } }
        if !children.isEmpty { members.append(.init("properties", .object(children))) }
        if let items = both(base["items"], extra["items"]) { members.append(.init("items", items)) }
        return .object(members)
    }

    /// A bound's value; `node` keeps only numbers.
    static func numeric(_ value: JSONValue) -> Double {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        default: 0
        }
    }

    /// The one scalar type validation checks values against: `integer`, `number` or `boolean`,
    /// when the schema declares exactly that type (a list of types, such as string-or-integer, says nothing).
    static func scalarType(_ schema: JSONValue) -> String? {
        guard case .string(let type)? = schema["type"], ["integer", "number", "boolean"].contains(type) else { return nil }
        return type
    }

    /// Whether `schema` declares no type, or one that includes `object`.
    static func mayBeObject(_ schema: JSONValue) -> Bool {
        switch schema["type"] {
        case .string(let single)?: single == "object"
        case .list(let many)?: many.contains(.string("object"))
        default: true
        }
    }
}
