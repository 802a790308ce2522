import InfraArtifact

/// A problem in a schema that the generator cannot turn into Swift.
public struct GeneratorError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, naming the type and path.
    public let message: String

    /// An error with a message.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// Turns one registry resource schema into a `ResourceModel`: names, Swift types, enumerations,
/// nested structs, attributes and the constraint tree.
public struct ResourceBuilder: Sendable {
    /// Type names generated code refers to; a generated type of one of these names would shadow it.
    static let reservedTypeNames: Set<String> = [
        "Type", "Protocol", "Self", "Any", "Token", "CFValue", "CFValueConvertible", "Tag", "PolicyDocument",
        "String", "Int", "Bool", "Double", "Resource", "ResourceOptions", "ResourceSchema", "SourceLocation",
        "PropertyWriter", "OpenEnum", "Sendable",
    ]
    /// Member names of `Resource` and its extension that a property must not take.
    static let reservedResourceMembers: Set<String> = [
        "logicalId", "options", "resourceType", "typedProperties", "schema", "ref", "stackElements", "getAtt",
        "property", "attribute", "dependsOn", "condition", "deletionPolicy", "updateReplacePolicy", "metadata",
    ]
    /// Member names of a property type that a property must not take.
    static let reservedStructMembers: Set<String> = ["cfValue"]

    let schema: JSONValue
    let typeName: String
    let service: String
    let name: String
    let definitions: [String: JSONValue]
    let readOnly: Set<String>
    let createOnly: Set<String>

    /// Definition key → Swift name, for every definition that is a struct or an enumeration.
    var definitionNames: [String: String] = [:]
    /// Named definitions that are lists: their name is their item struct's (see `listItemObject`).
    var listDefinitions: Set<String> = []
    /// Names taken in the resource's scope.
    var resourceScope: Set<String> = []
    var structs: [String: StructModel] = [:]
    var sharedEnums: [String: EnumModel] = [:]
    var pending: [String] = []

    /// The Swift name of a resource type, inside its service's namespace: `AWS::IAM::Role` → `Role`.
    public static func swiftName(typeName: String) -> String {
        // A resource named like a type generated code uses (`Resource`, `Tag`, `Type` …) would shadow it.
        let plain = Naming.upperCamel(typeName.components(separatedBy: "::").last ?? typeName)
        return reservedTypeNames.contains(plain) ? plain + "Resource" : plain
    }

    /// A builder for one schema.
    public init(schema: JSONValue) throws(GeneratorError) {
        let schema = UnionObjects.merged(schema)
        guard let typeName = schema["typeName"]?.string else { throw GeneratorError("schema without typeName") }
        let parts = typeName.components(separatedBy: "::")
        guard parts.count == 3 else { throw GeneratorError("\(typeName): not a Service::Provider::Type name") }
        self.schema = schema
        self.typeName = typeName
        service = parts[1]
        name = Self.swiftName(typeName: typeName)
        var definitions: [String: JSONValue] = [:]
        for member in schema["definitions"]?.members ?? [] { definitions[member.key] = member.value }
        self.definitions = definitions
        readOnly = Set((schema["readOnlyProperties"]?.strings ?? []).map(Self.path))
        createOnly = Set((schema["createOnlyProperties"]?.strings ?? []).map(Self.path))
    }

    /// `/properties/Endpoint/Address` → `Endpoint.Address`.
    static func path(_ pointer: String) -> String {
        var text = pointer
        if text.hasPrefix("/properties/") { text.removeFirst("/properties/".count) }
        return text.split(separator: "/").joined(separator: ".")
    }

    /// Builds the model.
    public mutating func build() throws(GeneratorError) -> ResourceModel {
        resourceScope = Self.reservedTypeNames
        // Definitions first, in key order, so their names win over inline types.
        for key in definitions.keys.sorted() where isNamedDefinition(definitions[key]!) {
            let wanted = Overrides.typeNames["\(typeName)#\(key)"] ?? Naming.upperCamel(key)
            definitionNames[key] = unique(wanted, in: &resourceScope)
            if listItemObject(definitions[key]!) != nil { listDefinitions.insert(key) }
        }
        let required = Set(schema["required"]?.strings ?? [])
        var enums: [EnumModel] = []
        var ownScope: Set<String> = []
        var properties: [PropertyModel] = []
        for member in sortedMembers(schema["properties"]) where !readOnly.contains(member.key) {
            // The resource's own enumerations share its scope with the property types.
            ownScope.formUnion(resourceScope)
            var property = try makeProperty(
                member.key, member.value, required: required.contains(member.key), owner: name, ownerPath: "",
                enums: &enums, scope: &ownScope)
            resourceScope.formUnion(ownScope)
            property.isCreateOnly = createOnly.contains(member.key)
            properties.append(property)
        }
        properties = uniqueMembers(properties, reserved: Self.reservedResourceMembers)
        // Structs reached through definitions, built until none is pending.
        while let key = pending.popLast() {
            try buildDefinitionStruct(key)
        }
        breakCycles()
        let attributes = makeAttributes(taken: Set(properties.map(\.name)))
        let constraints = ConstraintBuilder(definitions: definitions).root(
            properties: sortedMembers(schema["properties"]).filter { !readOnly.contains($0.key) },
            required: schema["required"]?.strings ?? [])
        var model = ResourceModel(
            typeName: typeName, service: service, name: name,
            summary: Naming.summary(schema["description"]?.string),
            properties: properties, enums: enums,
            structs: structs.keys.sorted().map { structs[$0]! },
            sharedEnums: sharedEnums.keys.sorted().map { sharedEnums[$0]! },
            attributes: attributes,
            primaryIdentifier: (schema["primaryIdentifier"]?.strings ?? []).map(Self.path),
            createOnly: (schema["createOnlyProperties"]?.strings ?? []).map(Self.path),
            constraints: constraints.compactText,
            alternativeRequired: alternativeRequired(schema),
            requiredXor: schema["requiredXor"]?.strings ?? [])
        model.lifecycle = Self.lifecycleNote(schema["lifecycle"])
        Self.nameTags(&model)
        return model
    }

    /// The documentation note of a retiring service: `lifecycle.status` is `sunset` (AWS ends it on
    /// its date) or `maintenance` (no new customers). Shut-down types are never built.
    static func lifecycleNote(_ lifecycle: JSONValue?) -> String? {
        let date = lifecycle?["date"]?.string
        switch lifecycle?["status"]?.string {
        case "sunset": return "AWS is retiring this service" + (date.map { ": it shuts down on \($0)." } ?? ".") + " Plan to move to an alternative."
        case "maintenance": return "This service has been in maintenance mode" + (date.map { " since \($0)" } ?? "") + ": no new features; consider an alternative."
        default: return nil
        }
    }

    /// Names each enumeration's `Choice` tag. Tags are looked up by bare name from nested scopes, so
    /// one must not equal (or shadow) any type of the resource: they are unique against all of them.
    static func nameTags(_ model: inout ResourceModel) {
        var taken = reservedTypeNames.union([model.name])
        taken.formUnion(model.structs.map(\.name))
        taken.formUnion((model.enums + model.sharedEnums + model.structs.flatMap(\.enums)).map(\.name))
        func tag(_ name: String) -> String {
            var candidate = name + "Values"
            while taken.contains(candidate) { candidate += "_" }
            return candidate
        }
        for index in model.enums.indices { model.enums[index].tagName = tag(model.enums[index].name) }
        for index in model.sharedEnums.indices { model.sharedEnums[index].tagName = tag(model.sharedEnums[index].name) }
        for index in model.structs.indices {
            for inner in model.structs[index].enums.indices {
                model.structs[index].enums[inner].tagName = tag(model.structs[index].enums[inner].name)
            }
        }
    }

    func sortedMembers(_ value: JSONValue?) -> [JSONValue.Member] {
        (value?.members ?? []).sorted { $0.key < $1.key }
    }

    /// Whether a definition becomes a named Swift type (a struct, a shared enumeration, or the item
    /// struct of a list definition).
    func isNamedDefinition(_ definition: JSONValue) -> Bool {
        if isTag(definition) { return false }
        guard definition["properties"]?.members?.isEmpty == false else { return isStringEnum(definition) }
        // `properties` beside a declared non-object type constrain nothing (JSON Schema applies
        // them to objects only): such a definition is no struct of its own.
        let types = typeList(definition)
        return types.isEmpty || types.contains("object") || listItemObject(definition) != nil
    }

    /// The inline item object of a definition that is a list yet lists `properties` too: cfn-lint's
    /// patches write `properties` beside `items` (`AWS::DynamoDB::Table`'s `KeySchema`), which once
    /// made the list one struct. The name such a definition had goes to its item struct instead, so
    /// users keep the type name and write a list of it.
    func listItemObject(_ definition: JSONValue) -> JSONValue? {
        guard typeList(definition) == ["array"], definition["properties"]?.members?.isEmpty == false,
            let items = definition["items"], items["$ref"] == nil, typeList(items).isEmpty || typeList(items) == ["object"],
            items["properties"]?.members?.isEmpty == false, !isTag(items)
        else { return nil }
        return items
    }

    func isStringEnum(_ schema: JSONValue) -> Bool {
        guard let values = schema["enum"]?.array, !values.isEmpty, values.allSatisfy({ $0.string != nil }) else { return false }
        let types = typeList(schema)
        return types.isEmpty || types == ["string"]
    }

    func typeList(_ schema: JSONValue) -> [String] {
        switch schema["type"] {
        case .string(let single): [single]
        case .list(let many): Array(Set(many.compactMap(\.string))).sorted()
        default: []
        }
    }

    /// A `{Key, Value}` string pair: the core's `Tag`.
    func isTag(_ schema: JSONValue) -> Bool {
        guard let properties = schema["properties"]?.members else { return false }
        let keys = Set(properties.map(\.key))
        guard keys == ["Key", "Value"] else { return false }
        return properties.allSatisfy { resolve($0.value)["type"]?.string == "string" }
    }

    /// The schema a `$ref` points at (one level), or the schema itself.
    func resolve(_ schema: JSONValue) -> JSONValue {
        if let reference = schema["$ref"]?.string, let key = definitionKey(reference), let target = definitions[key] {
            return target
        }
        return schema
    }

    func definitionKey(_ reference: String) -> String? {
        reference.hasPrefix("#/definitions/") ? String(reference.dropFirst("#/definitions/".count)) : nil
    }

    func unique(_ wanted: String, in scope: inout Set<String>) -> String {
        var candidate = wanted
        if scope.contains(candidate) { candidate = wanted + "Value" }
        var counter = 2
        while scope.contains(candidate) {
            candidate = wanted + "Value\(counter)"
            counter += 1
        }
        scope.insert(candidate)
        return candidate
    }

    /// Renames properties whose Swift names collide with each other or with reserved members.
    func uniqueMembers(_ properties: [PropertyModel], reserved: Set<String>) -> [PropertyModel] {
        var taken = reserved
        return properties.map { property in
            var copy = property
            var candidate = property.name
            if taken.contains(candidate) { candidate += "Property" }
            var counter = 2
            while taken.contains(candidate) {
                candidate = property.name + "Property\(counter)"
                counter += 1
            }
            taken.insert(candidate)
            copy.name = candidate
            return copy
        }
    }

    mutating func makeProperty(
        _ key: String, _ schema: JSONValue, required: Bool, owner: String, ownerPath: String,
        enums: inout [EnumModel], scope: inout Set<String>
    ) throws(GeneratorError) -> PropertyModel {
        let place = "\(typeName)#\(ownerPath.isEmpty ? key : "\(ownerPath).\(key)")"
        let schema = try Self.shape(place, over: schema)
        let resolved = resolve(schema)
        let type: SwiftType
        let description = [schema["description"]?.string, resolved["description"]?.string].compactMap { $0 }.joined(separator: " ")
        let policyForm = PolicyDocuments.form(place: place, key: key, schema: resolved, types: typeList(resolved), description: description)
        if policyForm != nil {
            type = .named("PolicyDocument")
        } else {
            type = try swiftType(schema, key: key, owner: owner, enums: &enums, scope: &scope)
        }
        let summary = Naming.summary(schema["description"]?.string ?? resolved["description"]?.string)
        var flattened = resolved
        if case .object(var members) = flattened, let items = flattened["items"], let index = members.firstIndex(where: { $0.key == "items" }) {
            members[index].value = resolve(items)
            flattened = .object(members)
        }
        var property = PropertyModel(
            key: key, name: Naming.lowerCamel(key), type: type, isRequired: required, summary: summary, isCreateOnly: false,
            schema: flattened)
        property.writesJSONString = policyForm == .string
        return property
    }

    /// `schema` with the members of the shape ``Overrides/shapes`` gives the property at `place`
    /// put in (its description and other keywords kept), or `schema` as it is.
    static func shape(_ place: String, over schema: JSONValue) throws(GeneratorError) -> JSONValue {
        guard let text = Overrides.shapes[place] else { return schema }
        let shape: JSONValue
        do { shape = try JSONValue.parse(text) } catch { throw GeneratorError("\(place): the shape in Overrides.shapes is not JSON: \(error)") }
        guard var members = schema.members, let replacements = shape.members else { return shape }
        for replacement in replacements {
            if let index = members.firstIndex(where: { $0.key == replacement.key }) {
                members[index].value = replacement.value
            } else {
                members.append(replacement)
            }
        }
        return .object(members)
    }

    /// The Swift type of a property schema. Enumerations of the property are added to `enums`
    /// (nested in the owner); inline objects become structs in the resource's scope.
    mutating func swiftType(
        _ schema: JSONValue, key: String, owner: String, enums: inout [EnumModel], scope: inout Set<String>
    ) throws(GeneratorError) -> SwiftType {
        if let reference = schema["$ref"]?.string, reference.hasPrefix("#/properties/"),
            let target = self.schema["properties"]?[String(reference.dropFirst("#/properties/".count))], target["$ref"] != schema["$ref"]
        {
            return try swiftType(target, key: key, owner: owner, enums: &enums, scope: &scope)
        }
        if let reference = schema["$ref"]?.string {
            guard let definitionKey = definitionKey(reference), let definition = definitions[definitionKey] else {
                throw GeneratorError("\(typeName): unresolved $ref \(reference)")
            }
            if isTag(definition) { return .named("Tag") }
            if let swiftName = definitionNames[definitionKey] {
                if isStringEnum(definition) {
                    if sharedEnums[definitionKey] == nil {
                        sharedEnums[definitionKey] = EnumModel(
                            name: swiftName, source: definitionKey, summary: Naming.summary(definition["description"]?.string),
                            values: definition["enum"]!.strings!)
                    }
                } else if structs[definitionKey] == nil, !pending.contains(definitionKey) {
                    pending.append(definitionKey)
                }
                return listDefinitions.contains(definitionKey) ? .list(.named(swiftName)) : .named(swiftName)
            }
            return try swiftType(definition, key: key, owner: owner, enums: &enums, scope: &scope)
        }
        let types = typeList(schema)
        // An object or its JSON string, with the object's properties listed: the object's struct.
        let objectOrString = types == ["object", "string"] && schema["properties"]?.members?.isEmpty == false
        if types.count > 1, !objectOrString { return .named("CFValue") }
        let type = types.first ?? inferredType(schema)
        switch type {
        case "string":
            if isStringEnum(schema) {
                let enumName = unique(Naming.upperCamel(key), in: &scope)
                enums.append(EnumModel(
                    name: enumName, source: key, summary: Naming.summary(schema["description"]?.string),
                    values: schema["enum"]!.strings!))
                return .named(enumName)
            }
            return .token("String")
        case "integer": return .token("Int")
        case "number": return .token("Double")
        case "boolean": return .token("Bool")
        case "array":
            guard let items = schema["items"], items.members != nil else { return .list(.named("CFValue")) }
            let resolved = resolve(items)
            let itemTypes = typeList(resolved)
            if itemTypes == ["string"] || (itemTypes.isEmpty && isStringEnum(resolved)) {
                return .token("[String]")
            }
            var ignored: [EnumModel] = []
            let element = try swiftType(items, key: key, owner: owner, enums: &ignored, scope: &scope)
            if !ignored.isEmpty { return .token("[String]") }
            return .list(element)
        case "object":
            if isTag(schema) { return .named("Tag") }
            if let properties = schema["properties"]?.members, !properties.isEmpty {
                let structName = unique(Naming.upperCamel(key), in: &resourceScope)
                try buildStruct(structName, source: key, schema: schema, path: nil)
                return .named(structName)
            }
            if let value = mapValueSchema(schema) {
                var ignored: [EnumModel] = []
                let element = try swiftType(value, key: key, owner: owner, enums: &ignored, scope: &scope)
                if !ignored.isEmpty { return .map(.token("String")) }
                return .map(element)
            }
            return .named("CFValue")
        default:
            return .named("CFValue")
        }
    }

    func inferredType(_ schema: JSONValue) -> String {
        if schema["properties"] != nil { return "object" }
        if isStringEnum(schema) { return "string" }
        if schema["items"] != nil { return "array" }
        return ""
    }

    /// The value schema of a string-keyed map: `additionalProperties` of one type, or pattern
    /// properties whose values are all one scalar type or list (several patterns for one kind of
    /// key, as SageMaker's environment maps have). Object values stay free-form.
    func mapValueSchema(_ schema: JSONValue) -> JSONValue? {
        if let patterns = schema["patternProperties"]?.members, let first = patterns.first {
            let types = patterns.map { typeList(resolve($0.value)) }
            if patterns.count == 1, first.value["$ref"] != nil { return first.value }
            guard types.allSatisfy({ $0 == types[0] }), types[0].count == 1, types[0] != ["object"] else { return nil }
            // Several patterns: only plain values, whose Swift type cannot differ between them.
            guard patterns.count == 1 || types[0] != ["array"] else { return nil }
            return first.value
        }
        if let additional = schema["additionalProperties"], additional.members != nil {
            let types = typeList(resolve(additional))
            return types.count == 1 || additional["$ref"] != nil ? additional : nil
        }
        return nil
    }

    mutating func buildDefinitionStruct(_ key: String) throws(GeneratorError) {
        let definition = definitions[key]!
        let schema = listDefinitions.contains(key) ? listItemObject(definition)! : definition
        try buildStruct(definitionNames[key]!, source: key, schema: schema, path: key)
    }

    /// Builds a struct; `path` is the definition key when it is one (for overrides).
    mutating func buildStruct(_ structName: String, source: String, schema: JSONValue, path: String?) throws(GeneratorError) {
        let storageKey = path ?? "inline:\(structName)"
        guard structs[storageKey] == nil else { return }
        // A placeholder first, so a definition reached again while building is not rebuilt.
        structs[storageKey] = StructModel(name: structName, source: source, summary: nil, properties: [], enums: [])
        let required = Set(schema["required"]?.strings ?? [])
        var enums: [EnumModel] = []
        // Enumerations nested in the struct must not shadow the types its properties use.
        var scope: Set<String> = Self.reservedTypeNames.union([structName]).union(definitionNames.values)
        var properties: [PropertyModel] = []
        for member in sortedMembers(schema["properties"]) {
            properties.append(try makeProperty(
                member.key, member.value, required: required.contains(member.key), owner: structName, ownerPath: path ?? "",
                enums: &enums, scope: &scope))
        }
        structs[storageKey] = StructModel(
            name: structName, source: source, summary: Naming.summary(schema["description"]?.string),
            properties: uniqueMembers(properties, reserved: Self.reservedStructMembers), enums: enums,
            alternativeRequired: alternativeRequired(schema))
    }

    /// The properties a value needs beyond its `required` list, for placeholder values: those every
    /// `allOf` part requires and those of the first `oneOf` / `anyOf` alternative (its first property
    /// when it requires none, so a union object is not empty), at any nesting of these.
    func alternativeRequired(_ schema: JSONValue) -> [String] {
        var keys: [String] = []
        func add(_ more: [String]) { for key in more where !keys.contains(key) { keys.append(key) } }
        func visit(_ node: JSONValue, isPart: Bool) {
            if isPart { add(node["required"]?.strings ?? []) }
            for part in node["allOf"]?.array ?? [] { visit(part, isPart: true) }
            for keyword in ["oneOf", "anyOf"] {
                guard let first = node[keyword]?.array?.first else { continue }
                visit(first, isPart: true)
                let requiresNone = first["required"]?.strings?.isEmpty != false && first["allOf"] == nil
                    && first["oneOf"] == nil && first["anyOf"] == nil
                if requiresNone, let property = first["properties"]?.members?.first { add([property.key]) }
            }
        }
        visit(schema, isPart: false)
        return keys
    }

    /// A struct that holds itself directly, or through other structs held directly, would have an
    /// infinite size; such properties fall back to `CFValue`.
    mutating func breakCycles() {
        let byName = Dictionary(uniqueKeysWithValues: structs.map { ($0.value.name, $0.key) })
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        func visit(_ storageKey: String) {
            state[storageKey] = 1
            var model = structs[storageKey]!
            var changed = false
            for index in model.properties.indices {
                guard let target = model.properties[index].type.directStruct, let targetKey = byName[target] else { continue }
                if state[targetKey] == 1 {
                    model.properties[index].type = .named("CFValue")
                    changed = true
                } else if state[targetKey] == nil {
                    structs[storageKey] = model
                    visit(targetKey)
                    model = structs[storageKey]!
                }
            }
            if changed { structs[storageKey] = model }
            state[storageKey] = 2
        }
        for key in structs.keys.sorted() where state[key] == nil { visit(key) }
    }

    /// Typed `Fn::GetAtt` accessors for the read-only properties; objects expand to their fields.
    func makeAttributes(taken: Set<String>) -> [AttributeModel] {
        var attributes: [AttributeModel] = []
        var names = taken.union(Self.reservedResourceMembers)
        func add(_ path: [String], _ schema: JSONValue, depth: Int) {
            let resolved = resolve(schema)
            let types = typeList(resolved)
            let valueType: String?
            switch types.count == 1 ? types[0] : inferredType(resolved) {
            case "string": valueType = "String"
            case "integer": valueType = "Int"
            case "number": valueType = "Double"
            case "boolean": valueType = "Bool"
            case "array":
                let items = resolved["items"].map(resolve)
                valueType = items.map(typeList) == ["string"] ? "[String]" : nil
            case "object":
                if depth < 3, let properties = resolved["properties"]?.members {
                    for member in properties.sorted(by: { $0.key < $1.key }) {
                        add(path + [member.key], member.value, depth: depth + 1)
                    }
                }
                return
            default: valueType = types.isEmpty ? "String" : nil
            }
            let attribute = path.joined(separator: ".")
            // A pointer to an object and pointers to its fields may both be listed: one accessor each.
            guard let valueType, !attributes.contains(where: { $0.attribute == attribute }) else { return }
            var swiftName = Naming.lowerCamel(path.joined(separator: "_"))
            if names.contains(swiftName) { swiftName += "Attribute" }
            guard !names.contains(swiftName) else { return }
            names.insert(swiftName)
            attributes.append(AttributeModel(
                attribute: attribute, name: swiftName, valueType: valueType,
                summary: Naming.summary(schema["description"]?.string ?? resolved["description"]?.string)))
        }
        for pointer in (schema["readOnlyProperties"]?.strings ?? []).sorted() {
            let parts = Self.path(pointer).components(separatedBy: ".")
            guard var current = schema["properties"]?[parts[0]] else { continue }
            var valid = true
            for part in parts.dropFirst() {
                guard let next = resolve(current)["properties"]?[part] else { valid = false; break }
                current = next
            }
            if valid { add(parts, current, depth: parts.count) }
        }
        return attributes
    }
}
