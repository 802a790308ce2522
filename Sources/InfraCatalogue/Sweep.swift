import InfraArtifact

/// Writes the cfn-lint sweep: Swift that builds one instance of every generated type with its
/// required properties set to placeholder values the schema accepts, so that the templates the
/// typed API renders can be linted.
public struct SweepEmitter: Sendable {
    /// Extra properties a type needs beyond its schema's `required` for cfn-lint (its own rules
    /// require more than the schema), written raw: `Type` → property → JSON value.
    /// These are cfn-lint's own rules (one of several properties, service-specific values), not the
    /// registry schema's; each value is a Swift `CFValue` literal.
    public static let extraProperties: [String: [(String, String)]] = [
        "AWS::AccessAnalyzer::ArchiveRule": [("Filter", #"["isPublic": ["Eq": ["false"]]]"#)],
        "AWS::ApiGateway::RestApi": [("Name", #""placeholder""#)],
        "AWS::ApplicationAutoScaling::ScalingPolicy": [("ScalingTargetId", #""placeholder""#)],
        "AWS::AutoScaling::AutoScalingGroup": [("LaunchConfigurationName", #""placeholder""#)],
        "AWS::BillingConductor::BillingGroup": [("AccountGrouping", #"["LinkedAccountIds": ["111111111111"]]"#)],
        "AWS::CodePipeline::Pipeline": [(
            "Stages",
            #"[["Name": "Source", "Actions": [["Name": "Source", "ActionTypeId": ["Category": "Source", "Owner": "AWS", "Provider": "S3", "Version": "1"], "Configuration": ["S3Bucket": "placeholder-bucket", "S3ObjectKey": "source.zip"], "OutputArtifacts": [["Name": "SourceOutput"]]]]], ["Name": "Build", "Actions": [["Name": "Build", "ActionTypeId": ["Category": "Build", "Owner": "AWS", "Provider": "CodeBuild", "Version": "1"], "Configuration": ["ProjectName": "placeholder"], "InputArtifacts": [["Name": "SourceOutput"]]]]]]"#
        )],
        "AWS::CloudWatch::Alarm": [("MetricName", #""CPUUtilization""#), ("Namespace", #""AWS/EC2""#)],
        "AWS::CloudWatch::MetricStream": [
            ("FirehoseArn", #""arn:aws:firehose:us-east-1:123456789012:deliverystream/placeholder""#),
            ("OutputFormat", #""json""#), ("RoleArn", #""arn:aws:iam::123456789012:role/placeholder""#),
        ],
        "AWS::CustomerProfiles::RecommenderSchema": [("Fields", #"["placeholder": [["TargetFieldName": "placeholder"]]]"#)],
        "AWS::DynamoDB::Table": [("BillingMode", #""PAY_PER_REQUEST""#)],
        "AWS::EC2::Instance": [("ImageId", #""ami-12345678""#)],
        "AWS::EC2::IPAMPool": [("AddressFamily", #""ipv4""#)],
        "AWS::EC2::NetworkAclEntry": [("CidrBlock", #""10.0.0.0/16""#), ("RuleAction", #""allow""#)],
        "AWS::EC2::SecurityGroupEgress": [("CidrIp", #""0.0.0.0/0""#)],
        "AWS::EC2::SecurityGroupIngress": [("CidrIp", #""0.0.0.0/0""#)],
        "AWS::EC2::SpotFleet": [(
            "SpotFleetRequestConfigData",
            #"["IamFleetRole": "arn:aws:iam::123456789012:role/placeholder", "LaunchSpecifications": [["ImageId": "ami-12345678", "InstanceType": "t3.micro"]], "TargetCapacity": 1]"#
        )],
        "AWS::EC2::Subnet": [("CidrBlock", #""10.0.0.0/24""#)],
        "AWS::EC2::TrafficMirrorFilterRule": [("RuleAction", #""accept""#), ("TrafficDirection", #""ingress""#)],
        "AWS::EC2::VPC": [("CidrBlock", #""10.0.0.0/16""#)],
        "AWS::ElasticLoadBalancingV2::LoadBalancer": [("Subnets", #"["subnet-12345678", "subnet-87654321"]"#)],
        "AWS::Events::Endpoint": [(
            "EventBuses",
            #"[["EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/placeholder"], ["EventBusArn": "arn:aws:events:us-west-2:123456789012:event-bus/placeholder"]]"#
        )],
        "AWS::Events::Rule": [("ScheduleExpression", #""rate(1 hour)""#)],
        "AWS::GroundStation::Config": [(
            "ConfigData",
            #"["S3RecordingConfig": ["BucketArn": "arn:aws:s3:::placeholder-bucket", "RoleArn": "arn:aws:iam::123456789012:role/placeholder"]]"#
        )],
        "AWS::InspectorV2::CisScanConfiguration": [("Targets", #"["AccountIds": ["111111111111"], "TargetResourceTags": ["key": ["value"]]]"#)],
        "AWS::Lambda::ResourcePolicy": [("ResourceArn", #""arn:aws:lambda:us-east-1:123456789012:function:placeholder""#)],
        "AWS::Logs::Transformer": [("TransformerConfig", #"[["ParseJSON": [:]]]"#)],
        "AWS::MSK::Replicator": [(
            "KafkaClusters",
            #"[["AmazonMskCluster": ["MskClusterArn": "arn:aws:kafka:us-east-1:123456789012:cluster/source/placeholder"], "VpcConfig": ["SubnetIds": ["subnet-12345678", "subnet-23456789"]]], ["AmazonMskCluster": ["MskClusterArn": "arn:aws:kafka:us-east-1:123456789012:cluster/target/placeholder"], "VpcConfig": ["SubnetIds": ["subnet-87654321", "subnet-98765432"]]]]"#
        )],
        "AWS::Route53::RecordSetGroup": [("HostedZoneName", #""example.com.""#)],
        "AWS::SSM::Document": [(
            "Content",
            #"["schemaVersion": "2.2", "description": "placeholder", "mainSteps": [["action": "aws:runShellScript", "name": "run", "inputs": ["runCommand": ["echo placeholder"]]]]]"#
        )],
    ]

    /// Values from cfn-lint's own lists (instance types, engines, modes, in its casing) for
    /// properties the schema leaves a free string: `Type` → property key, at any depth → value.
    public static let sampleStrings: [String: [String: String]] = [
        "AWS::AmazonMQ::Broker": ["DeploymentMode": "SINGLE_INSTANCE", "EngineType": "ACTIVEMQ", "HostInstanceType": "mq.m5.large"],
        "AWS::AmazonMQ::Configuration": ["EngineType": "ACTIVEMQ"],
        "AWS::AppStream::Fleet": ["InstanceType": "stream.standard.medium"],
        "AWS::Batch::ComputeEnvironment": ["Type": "MANAGED"],
        "AWS::Batch::JobDefinition": ["Type": "container"],
        "AWS::Batch::QuotaShare": ["InSharePreemption": "DISABLED", "Strategy": "RESERVE"],
        "AWS::Batch::ServiceEnvironment": ["ServiceEnvironmentType": "SAGEMAKER_TRAINING"],
        "AWS::DAX::Cluster": ["NodeType": "dax.r5.large"],
        "AWS::DocDB::DBInstance": ["DBInstanceClass": "db.r5.large"],
        "AWS::ElastiCache::CacheCluster": ["CacheNodeType": "cache.t3.micro", "Engine": "redis"],
        "AWS::ElasticLoadBalancing::LoadBalancer": ["Protocol": "HTTP"],
        "AWS::GameLift::GameServerGroup": ["InstanceType": "c5.large"],
        "AWS::ManagedBlockchain::Node": ["InstanceType": "bc.t3.small"],
        "AWS::Neptune::DBInstance": ["DBInstanceClass": "db.r5.large"],
        "AWS::Redshift::Cluster": ["NodeType": "ra3.xlplus"],
        "AWS::Route53Resolver::ResolverEndpoint": ["Direction": "INBOUND"],
        "AWS::Route53Resolver::ResolverRule": ["RuleType": "FORWARD"],
        "AWS::SageMaker::DataQualityJobDefinition": ["InstanceType": "ml.m5.large"],
        "AWS::SageMaker::InferenceExperiment": ["InstanceType": "ml.m5.large"],
        "AWS::SageMaker::ModelBiasJobDefinition": ["InstanceType": "ml.m5.large"],
        "AWS::SageMaker::ModelExplainabilityJobDefinition": ["InstanceType": "ml.m5.large"],
        "AWS::SageMaker::ModelQualityJobDefinition": ["InstanceType": "ml.m5.large"],
    ]

    /// Properties whose schema pattern cfn-lint cannot compile (UTF-16 surrogate ranges, which
    /// Python's `re` rejects): it reports every literal as an error, so the sweep passes a value it
    /// cannot resolve, an imported one. `Type` → property key → Swift `Token<String>` expression.
    public static let sampleTokens: [String: [String: String]] = [
        "AWS::Glue::Session": ["Id": #"Fn.importValue("placeholder")"#],
        "AWS::Glue::UserDefinedFunction": ["DatabaseName": #"Fn.importValue("placeholder")"#, "FunctionName": #"Fn.importValue("placeholder")"#],
    ]

    /// Placeholders for the `format`s cfn-lint checks.
    static let formats: [String: String] = [
        "AWS::EC2::Image.Id": "ami-12345678",
        "AWS::EC2::VPC.Id": "vpc-12345678",
        "AWS::EC2::Subnet.Id": "subnet-12345678",
        "AWS::EC2::SecurityGroup.Id": "sg-12345678",
        "AWS::EC2::SecurityGroup.Name": "placeholder",
        "AWS::IAM::Role.Arn": "arn:aws:iam::123456789012:role/placeholder",
        "AWS::KMS::Key.Arn": "arn:aws:kms:us-east-1:123456789012:key/placeholder",
        "AWS::KMS::Key.Id": "arn:aws:kms:us-east-1:123456789012:key/placeholder",
        "AWS::KMS::Alias.Name": "alias/placeholder",
        "AWS::Lambda::Function.Arn": "arn:aws:lambda:us-east-1:123456789012:function:placeholder",
        "AWS::Logs::LogGroup.Name": "placeholder",
        "AWS::S3::Bucket.Name": "placeholder-bucket",
        "AWS::SNS::Topic.Arn": "arn:aws:sns:us-east-1:123456789012:placeholder",
        "AWS::CertificateManager::Certificate.Arn": "arn:aws:acm:us-east-1:123456789012:certificate/placeholder",
        "AWS::ACM::Certificate.Arn": "arn:aws:acm:us-east-1:123456789012:certificate/placeholder",
        "ipv4-network": "10.0.0.0/16",
        "ipv6-network": "2001:db8::/56",
        "ipv4": "10.0.0.1",
        "ipv6": "2001:db8::1",
        "date-time": "2026-01-01T00:00:00Z",
        "date": "2026-01-01",
        "uri": "https://example.com",
        "email": "placeholder@example.com",
    ]

    let emitter: Emitter

    /// A sweep emitter whose headers name `provenance`.
    public init(provenance: String) {
        emitter = Emitter(provenance: provenance)
    }

    /// The sweep file of one service: `func sweep<Service>() -> [any Resource]`.
    public func file(service: String, models: [ResourceModel]) -> String {
        var out = emitter.header("AWS::\(service)::* (the cfn-lint sweep)")
        out += "\nimport InfraAWS\(service)\nimport InfraDSL\n\n"
        out += "/// One `AWS::\(service)::*` resource of every type, with its required properties as placeholders.\n"
        out += "func sweep\(service)() -> [any Resource] {\n"
        out += "    var resources: [any Resource] = []\n"
        for model in models {
            out += "    resources.append(\(instance(model)))\n"
        }
        out += "    return resources\n"
        out += "}\n"
        return out
    }

    /// The region the sweep lints a type in when that region offers it.
    public static let defaultRegion = "us-east-1"

    /// The index of every service's sweep, and the region of each type not offered in `defaultRegion`.
    public func index(services: [String], regions: [String: String]) -> String {
        var out = emitter.header("the catalogue (the cfn-lint sweep's index)")
        out += "\nimport InfraDSL\n\n"
        out += "/// Every generated service's sweep, by service name.\n"
        out += "let sweeps: [(service: String, resources: @Sendable () -> [any Resource])] = [\n"
        for service in services { out += "    (\"\(service)\", sweep\(service)),\n" }
        out += "]\n\n"
        out += "/// The region each type not offered in \(Self.defaultRegion) is linted in: the first that offers it.\n"
        let entries = regions.keys.sorted().map { "    \"\($0)\": \"\(regions[$0]!)\",\n" }
        out += "let sweepRegions: [String: String] = " + (entries.isEmpty ? "[:]\n" : "[\n" + entries.joined() + "]\n")
        return out
    }

    func instance(_ model: ResourceModel) -> String {
        let structs = Dictionary(model.structs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let context = Context(model: model, structs: structs, enums: model.enums + model.sharedEnums)
        let extras = Self.extraProperties[model.typeName] ?? []
        var wanted = Set(model.alternativeRequired)
        // Exactly one of a requiredXor group: the first, unless a raw extra property sets one.
        if let first = model.requiredXor.first, !model.requiredXor.contains(where: { key in extras.contains { $0.0 == key } }) {
            wanted.insert(first)
        }
        var arguments = ["\"\(model.name)\""]
        for property in emitter.parameterOrder(model.properties) where property.isRequired || wanted.contains(property.key) {
            arguments.append("\(property.name): \(value(property, context, depth: 0))")
        }
        var text = "\(model.service).\(model.name)(\(arguments.joined(separator: ", ")))"
        for (key, json) in extras {
            text += ".property(\"\(key)\", \(json))"
        }
        return text
    }

    struct Context {
        let model: ResourceModel
        let structs: [String: StructModel]
        let enums: [EnumModel]
    }

    func value(_ property: PropertyModel, _ context: Context, depth: Int) -> String {
        value(property.type, schema: property.schema, key: property.key, context, depth: depth)
    }

    func value(_ type: SwiftType, schema: JSONValue, key: String, _ context: Context, depth: Int) -> String {
        switch type {
        case .token("String") where Self.sampleTokens[context.model.typeName]?[key] != nil:
            return Self.sampleTokens[context.model.typeName]![key]!
        case .token("String"): return literal(Self.sampleStrings[context.model.typeName]?[key] ?? string(schema))
        case .token("Int"): return number(schema, integer: true)
        case .token("Double"): return number(schema, integer: false)
        case .token("Bool"): return "false"
        case .token("[String]"): return list(literal(string(schema["items"] ?? .null)), schema)
        case .token: return "nil"
        case .list(let element):
            return list(value(element, schema: schema["items"] ?? .null, key: key, context, depth: depth), schema)
        case .map(let element):
            let (mapKey, valueSchema) = mapEntry(schema)
            return "[\(literal(mapKey)): \(value(element, schema: valueSchema, key: key, context, depth: depth))]"
        case .named("Tag"): return ".init(key: \"key\", value: \"value\")"
        case .named("CFValue"): return freeForm(schema)
        case .named("PolicyDocument"): return policyDocument(key: key, typeName: context.model.typeName)
        case .named(let name):
            if let model = context.structs[name] {
                return structValue(model, context, depth: depth + 1)
            }
            let enumeration = context.enums.first { $0.name == name }
                ?? context.structs.values.lazy.flatMap(\.enums).first { $0.name == name }
            return literal(Self.sampleStrings[context.model.typeName]?[key] ?? enumeration?.values.first ?? string(schema))
        }
    }

    /// A list of as many copies of `element` as the schema's `minItems` asks for (at least one).
    func list(_ element: String, _ schema: JSONValue) -> String {
        let count = max(1, schema["minItems"]?.number.flatMap { Int($0) } ?? 1)
        return "[" + Array(repeating: element, count: count).joined(separator: ", ") + "]"
    }

    func structValue(_ model: StructModel, _ context: Context, depth: Int) -> String {
        let wanted = Set(model.alternativeRequired)
        let scoped = Context(model: context.model, structs: context.structs, enums: model.enums + context.enums)
        let arguments = emitter.parameterOrder(model.properties)
            .filter { $0.isRequired || (depth < 6 && wanted.contains($0.key)) }
            .map { "\($0.name): \(value($0, scoped, depth: depth))" }
        return ".init(\(arguments.joined(separator: ", ")))"
    }

    /// A key a map's schema accepts (a sample of its one key pattern, else `key`) and its value schema.
    func mapEntry(_ schema: JSONValue) -> (key: String, value: JSONValue) {
        if let pattern = schema["patternProperties"]?.members?.first {
            return (RegexSample.sample(pattern.key, minLength: 1, maxLength: 128) ?? "key", pattern.value)
        }
        return ("key", schema["additionalProperties"].flatMap { $0.members != nil ? $0 : nil } ?? .null)
    }

    /// Free-form JSON the schema accepts: for a map whose values are lists or objects, one entry
    /// of that kind.
    func freeForm(_ schema: JSONValue) -> String {
        if schema["patternProperties"] != nil || schema["additionalProperties"]?.members != nil {
            let (mapKey, valueSchema) = mapEntry(schema)
            let valueTypes = Set(typeNames(valueSchema))
            if valueTypes == ["array"], typeNames(valueSchema["items"] ?? .null) == ["string"] { return "[\(literal(mapKey)): [\(literal(string(valueSchema["items"] ?? .null)))]]" }
            if valueTypes == ["string"] { return "[\(literal(mapKey)): \(literal(string(valueSchema)))]" }
        }
        return plainFreeForm(schema)
    }

    func typeNames(_ schema: JSONValue) -> [String] {
        switch schema["type"] {
        case .string(let single): [single]
        case .list(let many): many.compactMap(\.string)
        default: []
        }
    }

    func plainFreeForm(_ schema: JSONValue) -> String {
        let types: [String]
        switch schema["type"] {
        case .string(let single): types = [single]
        case .list(let many): types = many.compactMap(\.string)
        default: types = []
        }
        // An object that admits no property at all is the empty object.
        if schema["additionalProperties"] == .bool(false), schema["properties"] == nil, schema["patternProperties"] == nil { return "[:]" }
        if types.contains("object") || types.isEmpty { return "[\"Key\": \"Value\"]" }
        if types.contains("string") { return literal(string(schema)) }
        if types.contains("array") { return "[]" }
        if types.contains("integer") || types.contains("number") { return "1" }
        return "[\"Key\": \"Value\"]"
    }

    func policyDocument(key: String, typeName: String) -> String {
        let statement: String
        if key == "AssumeRolePolicyDocument" {
            statement = #"["Effect": "Allow", "Principal": ["Service": "ecs-tasks.amazonaws.com"], "Action": "sts:AssumeRole"]"#
        } else if typeName.hasPrefix("AWS::IAM::") {
            statement = #"["Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"]"#
        } else if typeName.hasPrefix("AWS::S3::") {
            statement = #"["Effect": "Allow", "Principal": ["AWS": "arn:aws:iam::123456789012:root"], "Action": "s3:GetObject", "Resource": "arn:aws:s3:::placeholder-bucket/*"]"#
        } else {
            statement = #"["Effect": "Allow", "Principal": ["AWS": "arn:aws:iam::123456789012:root"], "Action": "*", "Resource": "*"]"#
        }
        return #"PolicyDocument(raw: ["Version": "2012-10-17", "Statement": ["# + statement + "]])"
    }

    func number(_ schema: JSONValue, integer: Bool) -> String {
        if let first = schema["enum"]?.array?.first?.number { return first }
        if let minimum = schema["minimum"]?.number, let value = Double(minimum) {
            let rounded = integer ? value.rounded(.up) : value
            return rounded.rounded() == rounded ? String(Int(rounded)) : String(rounded)
        }
        if let maximum = schema["maximum"]?.number, let value = Double(maximum), value < 1 {
            return value.rounded() == value ? String(Int(value)) : String(value)
        }
        return "1"
    }

    /// A string the schema accepts: its first enum value, a format's placeholder, a sample of its
    /// pattern, or `placeholder` cut or padded to its length limits.
    func string(_ schema: JSONValue) -> String {
        if let first = schema["enum"]?.array?.first?.string { return first }
        let minimum = schema["minLength"]?.number.flatMap { Int($0) } ?? 0
        let maximum = schema["maxLength"]?.number.flatMap { Int($0) } ?? Int.max
        let pattern = schema["pattern"]?.string
        func fits(_ text: String) -> Bool {
            let length = text.unicodeScalars.count
            return length >= minimum && length <= maximum && (pattern.map { RegexSample.matches(text, $0) } ?? true)
        }
        var formats: [String] = []
        if let format = schema["format"]?.string { formats.append(format) }
        for alternative in schema["anyOf"]?.array ?? [] + (schema["oneOf"]?.array ?? []) {
            if let format = alternative["format"]?.string { formats.append(format) }
        }
        for format in formats {
            if let sample = Self.formats[format], fits(sample) { return sample }
        }
        if fits("placeholder") { return "placeholder" }
        if let sample = RegexSample.sample(pattern, minLength: minimum, maxLength: maximum) { return sample }
        let padded = String(repeating: "a", count: max(minimum, 1))
        return String(padded.prefix(maximum == Int.max ? padded.count : max(maximum, 1)))
    }

    func literal(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value > 0x7E {
                    out += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
