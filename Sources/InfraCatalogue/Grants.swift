/// The grant helpers the generator writes (`bucket.grantRead(to: role)`), in one table: for each
/// resource type, each method with the least-privilege actions it allows and on which of the
/// resource's ARNs. Each method's file is `<Type>+Grants.swift` of the service's module; the IAM
/// identities get `<Type>+Grantee.swift`, making them InfraDSL's `Grantee`. Types without grants
/// keep their files exactly as before.
public enum Grants: Sendable {
    /// Which of a resource's values a statement names.
    enum ARN: Sendable, Equatable {
        /// A typed `Fn::GetAtt` attribute, by its CloudFormation name (`Arn`).
        case attribute(String)
        /// An attribute followed by literal text: `"\(arn)/*"`, an `Fn::Sub`.
        case suffixed(String, String)
        /// The resource's `Ref`, for the types whose `Ref` is their ARN.
        case ref
    }

    /// One statement: actions on resources.
    struct Permission: Sendable {
        var actions: [String]
        var resources: [ARN]
    }

    /// One grant method.
    struct Method: Sendable {
        /// The Swift name, `grantRead`.
        var name: String
        /// What it lets the identity do, finishing "Lets the identity …".
        var summary: String
        var permissions: [Permission]

        /// A method allowing what each of `methods` allows: one statement per set of resources.
        static func combining(_ name: String, _ summary: String, _ methods: Method...) -> Method {
            var permissions: [Permission] = []
            for permission in methods.flatMap(\.permissions) {
                if let index = permissions.firstIndex(where: { $0.resources == permission.resources }) {
                    permissions[index].actions = Array(Set(permissions[index].actions + permission.actions)).sorted()
                } else {
                    permissions.append(permission)
                }
            }
            return Method(name: name, summary: summary, permissions: permissions)
        }
    }

    /// The identities a grant attaches its policy to.
    static let grantees: Set<String> = ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]

    static let s3Read = Method(name: "grantRead", summary: "list the bucket and read its objects", permissions: [
        Permission(actions: ["s3:GetBucketLocation", "s3:ListBucket"], resources: [.attribute("Arn")]),
        Permission(actions: ["s3:GetObject"], resources: [.suffixed("Arn", "/*")]),
    ])
    static let s3Write = Method(name: "grantWrite", summary: "write and delete the bucket's objects", permissions: [
        Permission(actions: ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:PutObject"], resources: [.suffixed("Arn", "/*")])
    ])
    static let dynamoRead = Method(name: "grantReadData", summary: "read the table's items and query its indexes", permissions: [
        Permission(
            actions: ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"],
            resources: [.attribute("Arn"), .suffixed("Arn", "/index/*")])
    ])
    static let dynamoWrite = Method(name: "grantWriteData", summary: "write and delete the table's items", permissions: [
        Permission(
            actions: ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:DescribeTable", "dynamodb:PutItem", "dynamodb:UpdateItem"],
            resources: [.attribute("Arn")])
    ])
    static let kmsEncrypt = Method(name: "grantEncrypt", summary: "encrypt with the key", permissions: [
        Permission(actions: ["kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*"], resources: [.attribute("Arn")])
    ])
    static let kmsDecrypt = Method(name: "grantDecrypt", summary: "decrypt with the key", permissions: [
        Permission(actions: ["kms:Decrypt"], resources: [.attribute("Arn")])
    ])

    /// Resource type → its grant methods.
    static let methods: [String: [Method]] = [
        "AWS::S3::Bucket": [s3Read, s3Write, .combining("grantReadWrite", "list the bucket, and read, write and delete its objects", s3Read, s3Write)],
        "AWS::SQS::Queue": [
            Method(name: "grantSendMessages", summary: "send messages to the queue", permissions: [
                Permission(actions: ["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:SendMessage"], resources: [.attribute("Arn")])
            ]),
            Method(name: "grantConsumeMessages", summary: "receive and delete the queue's messages", permissions: [
                Permission(
                    actions: ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage"],
                    resources: [.attribute("Arn")])
            ]),
        ],
        "AWS::SNS::Topic": [
            Method(name: "grantPublish", summary: "publish to the topic", permissions: [Permission(actions: ["sns:Publish"], resources: [.attribute("TopicArn")])])
        ],
        "AWS::DynamoDB::Table": [
            dynamoRead, dynamoWrite, .combining("grantReadWriteData", "read, write and delete the table's items and query its indexes", dynamoRead, dynamoWrite),
        ],
        "AWS::KMS::Key": [kmsEncrypt, kmsDecrypt, .combining("grantEncryptDecrypt", "encrypt and decrypt with the key", kmsEncrypt, kmsDecrypt)],
        // A secret's `Ref` is its ARN (its `Id` attribute too).
        "AWS::SecretsManager::Secret": [
            Method(name: "grantRead", summary: "read the secret's value", permissions: [
                Permission(actions: ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], resources: [.ref])
            ])
        ],
        "AWS::Lambda::Function": [
            Method(name: "grantInvoke", summary: "invoke the function", permissions: [Permission(actions: ["lambda:InvokeFunction"], resources: [.attribute("Arn")])])
        ],
        // A log group's `Arn` ends in `:*`: it names the group's streams, which these actions write.
        "AWS::Logs::LogGroup": [
            Method(name: "grantWrite", summary: "create streams in the log group and write events to them", permissions: [
                Permission(actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resources: [.attribute("Arn")])
            ])
        ],
    ]

    /// The extra files of one type's module: its grant methods, or its `Grantee` conformance.
    /// Fails when the table names an attribute the type's schema no longer has.
    static func files(_ model: ResourceModel, fileName: String, header: String) throws -> [(path: String, contents: String)] {
        let owner = "\(model.service).\(model.name)"
        if grantees.contains(model.typeName) {
            let contents = header + "\nimport InfraDSL\n\n// Grants (`bucket.grantRead(to: role)`) add to the policy of this identity.\nextension \(owner): Grantee {}\n"
            return [(path: "\(fileName)+Grantee.swift", contents: contents)]
        }
        guard let methods = methods[model.typeName] else { return [] }
        var out = header + "\nimport InfraDSL\n\nextension \(owner) {\n"
        for (index, method) in methods.enumerated() {
            if index > 0 { out += "\n" }
            out += try self.method(method, of: model)
        }
        out += "}\n"
        return [(path: "\(fileName)+Grants.swift", contents: out)]
    }

    private static func method(_ method: Method, of model: ResourceModel) throws -> String {
        func spelled(_ arn: ARN) throws -> (code: String, doc: String) {
            func accessor(_ attribute: String) throws -> String {
                guard let found = model.attributes.first(where: { $0.attribute == attribute && $0.valueType == "String" }) else {
                    throw GeneratorError("the grant table names attribute \(attribute) of \(model.typeName), whose schema has no such string attribute; fix Sources/InfraCatalogue/Grants.swift")
                }
                return Naming.escaped(found.name)
            }
            switch arn {
            case .attribute(let attribute): return (try accessor(attribute), "its `\(attribute)`")
            case .suffixed(let attribute, let suffix): return ("\"\\(\(try accessor(attribute)))\(suffix)\"", "`\(attribute)\(suffix)`")
            case .ref: return ("ref", "its `Ref`")
            }
        }
        var statements: [String] = []
        var described: [String] = []
        for permission in method.permissions {
            let resources = try permission.resources.map(spelled)
            let actions = permission.actions.map { "\"\($0)\"" }.joined(separator: ", ")
            statements.append(".init(actions: [\(actions)], resources: [\(resources.map(\.code).joined(separator: ", "))])")
            described.append(permission.actions.map { "`\($0)`" }.joined(separator: ", ") + " on " + resources.map(\.doc).joined(separator: " and "))
        }
        let indent = "    "
        var out = "\(indent)/// Lets `grantee` \(method.summary): \(described.joined(separator: "; ")). Write it in the stack's body.\n"
        out += "\(indent)public func \(method.name)(to grantee: some Grantee, file: String = #filePath, line: Int = #line) -> Grant {\n"
        out += "\(indent)    Grant(on: self, to: grantee, permissions: [\n"
        for statement in statements { out += "\(indent)        \(statement),\n" }
        out += "\(indent)    ], file: file, line: line)\n"
        out += "\(indent)}\n"
        return out
    }
}
