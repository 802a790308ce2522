/// A CloudFormation resource: typed (`IAM.Role`, `ECS.Cluster` …) or raw (`RawResource`).
///
/// Every resource has a logical ID, a `ref`, typed attributes where the type knows them, and the
/// resource attributes as modifiers: `.dependsOn(…)`, `.condition(…)`, `.deletionPolicy(…)`,
/// `.updateReplacePolicy(…)`, `.metadata(…)`, plus `.property(_:_:)` to set any property raw.
public protocol Resource: StackContent {
    /// The CloudFormation type name, such as `AWS::IAM::Role`.
    var resourceType: String { get }
    /// The logical ID: unique in the stack, alphanumeric.
    var logicalId: String { get }
    /// The resource attributes and raw overrides set through modifiers.
    var options: ResourceOptions { get set }
    /// The typed properties, in the order they render.
    var typedProperties: [CFValue.Member] { get }
    /// What the type's registry schema says beyond Swift types (constraints, create-only
    /// properties, identifier); nil for types written without one.
    static var schema: ResourceSchema? { get }
}

/// The parts of a resource outside its typed properties: attributes, raw overrides, location.
public struct ResourceOptions: Sendable {
    /// Where the resource was declared.
    public var location: SourceLocation
    /// `DependsOn`: logical IDs created first.
    public var dependsOn: [String] = []
    /// `Condition`: the resource exists only where this condition holds.
    public var condition: String?
    /// `DeletionPolicy`.
    public var deletionPolicy: DeletionPolicy?
    /// `UpdateReplacePolicy`.
    public var updateReplacePolicy: UpdateReplacePolicy?
    /// `Metadata`.
    public var metadata: CFValue?
    /// Other resource attributes: `CreationPolicy` and `UpdatePolicy` (typed or raw), any other raw.
    public var rawAttributes: [CFValue.Member] = []
    /// Properties set raw: they replace a typed property of the same name or come after the typed ones.
    public var propertyOverrides: [CFValue.Member] = []
    /// Lint rule IDs this resource silences, with the reason the author gave.
    public var suppressedLint: [String: String] = [:]

    /// Options with nothing set but the location.
    public init(location: SourceLocation) {
        self.location = location
    }
}

/// `DeletionPolicy`: what happens to the physical resource when it leaves the stack.
public enum DeletionPolicy: String, Sendable {
    /// Delete it (CloudFormation's default for most types).
    case delete = "Delete"
    /// Keep it.
    case retain = "Retain"
    /// Keep it, except when the stack operation that created it rolls back.
    case retainExceptOnCreate = "RetainExceptOnCreate"
    /// Snapshot it, then delete it (databases and volumes).
    case snapshot = "Snapshot"
}

/// `UpdateReplacePolicy`: what happens to the old physical resource when an update replaces it.
public enum UpdateReplacePolicy: String, Sendable {
    /// Delete it.
    case delete = "Delete"
    /// Keep it.
    case retain = "Retain"
    /// Snapshot it, then delete it.
    case snapshot = "Snapshot"
}

extension Resource {
    /// No schema facts: a type written by hand or raw.
    public static var schema: ResourceSchema? { nil }

    /// `Ref` to the resource; what it returns depends on the type (a role's name, a cluster's name …).
    public var ref: Token<String> { Fn.ref(logicalId) }

    /// `Fn::GetAtt` of any attribute by name, for attributes without a typed accessor.
    public func getAtt<T>(_ attribute: String, as type: T.Type = String.self) -> Token<T> {
        Fn.getAtt(logicalId, attribute, as: T.self)
    }

    /// Creates this resource after `others` (`DependsOn`).
    public func dependsOn(_ others: any Resource...) -> Self {
        var copy = self
        copy.options.dependsOn += others.map(\.logicalId)
        return copy
    }

    /// Creates the resource only where `condition` holds.
    public func condition(_ condition: Condition) -> Self {
        var copy = self
        copy.options.condition = condition.name
        return copy
    }

    /// Sets `DeletionPolicy`.
    public func deletionPolicy(_ policy: DeletionPolicy) -> Self {
        var copy = self
        copy.options.deletionPolicy = policy
        return copy
    }

    /// Sets `UpdateReplacePolicy`.
    public func updateReplacePolicy(_ policy: UpdateReplacePolicy) -> Self {
        var copy = self
        copy.options.updateReplacePolicy = policy
        return copy
    }

    /// Sets the resource's `Metadata`.
    public func metadata(_ metadata: CFValue) -> Self {
        var copy = self
        copy.options.metadata = metadata
        return copy
    }

    /// Sets any other resource attribute raw; one set again replaces the earlier value.
    /// `CreationPolicy` and `UpdatePolicy` have typed forms: `.creationPolicy(…)`, `.updatePolicy(…)`.
    public func attribute(_ name: String, _ value: CFValue) -> Self {
        var copy = self
        copy.options.rawAttributes.removeAll { $0.key == name }
        copy.options.rawAttributes.append(CFValue.Member(name, value))
        return copy
    }

    /// Sets a property raw — the escape hatch for properties the typed API lacks. It replaces a
    /// typed property of the same name. Interpolating references renders `Fn::Sub`.
    public func property(_ name: String, _ value: CFValue) -> Self {
        var copy = self
        copy.options.propertyOverrides.removeAll { $0.key == name }
        copy.options.propertyOverrides.append(CFValue.Member(name, value))
        return copy
    }

    /// Sets a property raw to a token, such as `role.arn` or `parameter.ref`.
    public func property<T>(_ name: String, _ value: Token<T>) -> Self {
        property(name, value.cfValue)
    }

    /// The stack elements this contributes: the resource, rendered.
    public var stackElements: [StackElement] {
        [.resource(ResourceDeclaration(logicalId: logicalId, type: resourceType, properties: mergedProperties, options: options, schema: Self.schema))]
    }

    /// The typed properties with the raw overrides applied: same name replaces, new names follow.
    var mergedProperties: [CFValue.Member] {
        var members = typedProperties
        for override in options.propertyOverrides {
            if let index = members.firstIndex(where: { $0.key == override.key }) {
                members[index] = override
            } else {
                members.append(override)
            }
        }
        return members
    }
}

/// A resource as the template holds it: type, properties and attributes, whatever API wrote it.
public struct ResourceDeclaration: Sendable {
    /// The logical ID.
    public var logicalId: String
    /// The CloudFormation type name.
    public var type: String
    /// The properties, typed and raw merged.
    public var properties: [CFValue.Member]
    /// Attributes and location.
    public var options: ResourceOptions
    /// The type's schema facts, checked against the properties by validation.
    public var schema: ResourceSchema? = nil

    /// The `Resources` entry, in the conventional key order.
    var rendered: CFValue {
        var members = [CFValue.Member("Type", .string(type))]
        if let condition = options.condition { members.append(CFValue.Member("Condition", .string(condition))) }
        if !options.dependsOn.isEmpty {
            let dependsOn: CFValue = options.dependsOn.count == 1 ? .string(options.dependsOn[0]) : .list(options.dependsOn.map(CFValue.string))
            members.append(CFValue.Member("DependsOn", dependsOn))
        }
        if !properties.isEmpty { members.append(CFValue.Member("Properties", .object(properties))) }
        if let metadata = options.metadata { members.append(CFValue.Member("Metadata", metadata)) }
        if let policy = options.deletionPolicy { members.append(CFValue.Member("DeletionPolicy", .string(policy.rawValue))) }
        if let policy = options.updateReplacePolicy { members.append(CFValue.Member("UpdateReplacePolicy", .string(policy.rawValue))) }
        members += options.rawAttributes
        return .object(members)
    }
}

/// Any resource type, written raw: the escape hatch for types the typed API does not cover yet.
///
/// ```swift
/// RawResource("ArtifactBucket", type: "AWS::S3::Bucket", properties: ["BucketName": "my-artifacts"])
/// ```
public struct RawResource: Resource {
    /// The logical ID.
    public let logicalId: String
    /// The CloudFormation type name.
    public let resourceType: String
    /// The properties, in the order written.
    public var properties: CFValue
    /// Attributes, overrides and location.
    public var options: ResourceOptions

    /// A resource of any type with raw properties (an object literal).
    public init(_ logicalId: String, type: String, properties: CFValue = [:], file: String = #filePath, line: Int = #line) {
        self.logicalId = logicalId
        resourceType = type
        self.properties = properties
        options = ResourceOptions(location: SourceLocation(file: file, line: line))
    }

    /// The raw properties as written.
    public var typedProperties: [CFValue.Member] {
        if case .object(let members) = properties { return members }
        return []
    }

    /// The resource, rendered, with its type's registry schema (when the pinned schemas hold the
    /// type), so raw values get the same validation as typed ones.
    public var stackElements: [StackElement] {
        [.resource(ResourceDeclaration(logicalId: logicalId, type: resourceType, properties: mergedProperties, options: options, schema: RegistrySchemas.schema(for: resourceType)))]
    }
}

/// Collects typed properties for rendering, skipping the ones left unset.
public struct PropertyWriter: Sendable {
    /// The properties written so far.
    public var members: [CFValue.Member] { written }

    @usableFromInline var written: [CFValue.Member] = []

    /// An empty writer.
    public init() {}

    /// Writes `value` under `key` unless it is nil.
    ///
    /// Generic and inlinable rather than taking `any CFValueConvertible`, so every generated
    /// type's property list is built without boxing each value in an existential.
    @inlinable
    public mutating func add<Value: CFValueConvertible>(_ key: String, _ value: Value?) {
        guard let value else { return }
        written.append(CFValue.Member(key, value.cfValue))
    }
}
