/// Lint rules for ECS task definitions.
enum ECSLintRules {
    /// The ECS lint rules, in the order their findings print.
    static let all: [any ResourceRule] = [missingLogConfiguration, secretInEnvironment]

    /// ECS001: a container without a log configuration leaves nothing to read once its task is gone.
    static let missingLogConfiguration = ContainerLintRule("ECS001", "Task definition container without LogConfiguration") { container, label in
        guard container["LogConfiguration"] == nil else { return [] }
        return ["\(label) has no LogConfiguration, so its output is lost with the task (or left on the instance); set logConfiguration with the awslogs driver and a log group"]
    }

    /// ECS002: plain `Environment` values are shown to anyone who may describe the task definition
    /// and are stored in every revision, so secrets belong in `Secrets` (`valueFrom`).
    ///
    /// The value itself never appears in the message: a secret must not be copied into CI logs.
    static let secretInEnvironment = ContainerLintRule("ECS002", "Secret in a plain environment variable") { container, label in
        guard case .list(let variables)? = container["Environment"] else { return [] }
        return variables.enumerated().compactMap { index, variable in
            guard variable.isLiteralObject, let value = variable["Value"]?.stringValue, !value.isEmpty else { return nil }
            let name = variable["Name"]?.stringValue
            // The message parts are built only for a finding; most variables produce none.
            var shown: String { name.map { "'\($0)'" } ?? "Environment[\(index)]" }
            var secrets: String { "secrets: [.init(name: \(name.map { "\"\($0)\"" } ?? "…"), valueFrom: <Secrets Manager secret or SSM parameter ARN>)]" }
            if let name, SecretLooking.isSecretName(name) {
                return "\(label) sets \(shown) as a plain environment variable, which anyone who may describe the task definition can read; pass it with \(secrets) instead"
            }
            if SecretLooking.containsAccessKeyId(value) {
                return "\(label) sets \(shown) to what looks like an AWS access key ID; give the task a task role instead of keys, or pass it with \(secrets)"
            }
            return nil
        }
    }
}

/// A lint rule judging each literal container definition of each ECS task definition; `judge`
/// gets the container and its label for messages (`container 'app'`, or its index when the name
/// is not literal).
struct ContainerLintRule: ResourceRule {
    let resourceType: String? = ECSType.taskDefinition
    let kind: RuleKind
    /// The messages for one container.
    let judge: @Sendable (CFValue, String) -> [String]

    init(_ id: String, _ summary: String, _ judge: @escaping @Sendable (CFValue, String) -> [String]) {
        kind = .lint(id: id, summary: summary)
        self.judge = judge
    }

    func check(_ context: inout RuleContext) {
        guard case .list(let containers)? = context.property("ContainerDefinitions") else { return }
        for (index, container) in containers.enumerated() where container.isLiteralObject {
            let label = container["Name"]?.stringValue.map { "container '\($0)'" } ?? "ContainerDefinitions[\(index)]"
            for message in judge(container, label) { context.report(message) }
        }
    }
}

/// Recognizing names and values that hold secrets.
enum SecretLooking {
    /// Name parts that mark a secret, matched in the name upper-cased with separators removed.
    private static let markers = ["PASSWORD", "PASSWD", "PASSPHRASE", "SECRET", "TOKEN", "APIKEY", "PRIVATEKEY", "ACCESSKEY", "CREDENTIAL", "AUTHKEY"]

    /// Last words of names that point at a secret rather than hold one (`DB_SECRET_ARN`,
    /// `AWS_WEB_IDENTITY_TOKEN_FILE`), so they are not flagged.
    private static let referenceSuffixes: Set<String> = ["ARN", "NAME", "ID", "FILE", "PATH", "URL", "URI", "ENDPOINT", "PARAMETER", "HEADER"]

    /// Whether an environment variable name looks like it holds a secret: `DB_PASSWORD`,
    /// `githubToken`, `API_KEY` …, but not `AWS_REGION`, `DEPLOY_ROLE` or `DB_SECRET_ARN`.
    static func isSecretName(_ name: String) -> Bool {
        let words = splitWords(name)
        guard let last = words.last, !referenceSuffixes.contains(last) else { return false }
        let joined = words.joined()
        return words.contains("PASS") || markers.contains { joined.containsBytes($0) }
    }

    /// Whether `text` holds an AWS access key ID: `AKIA` or `ASIA` and 16 upper-case letters or digits,
    /// standing alone (not inside a longer run of them).
    static func containsAccessKeyId(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func isKeyByte(_ byte: UInt8) -> Bool { byte.isASCIIUppercase || byte.isASCIIDigit }
        guard bytes.count >= 20 else { return false }
        for start in 0...(bytes.count - 20) {
            let prefix = bytes[start..<start + 4]
            guard prefix.elementsEqual("AKIA".utf8) || prefix.elementsEqual("ASIA".utf8) else { continue }
            guard bytes[start + 4..<start + 20].allSatisfy(isKeyByte) else { continue }
            let alone = (start == 0 || !isKeyByte(bytes[start - 1])) && (start + 20 == bytes.count || !isKeyByte(bytes[start + 20]))
            if alone { return true }
        }
        return false
    }

    /// The name's words, upper-cased: split at non-alphanumerics and at lower-to-upper camel-case humps.
    private static func splitWords(_ name: String) -> [String] {
        var words: [String] = [], current: [UInt8] = []
        var previousWasLower = false
        for byte in name.utf8 {
            guard byte.isASCIIAlphanumeric else {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)); current = [] }
                previousWasLower = false
                continue
            }
            if byte.isASCIIUppercase && previousWasLower, !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self)); current = []
            }
            current.append(byte.isASCIILowercase ? byte - 0x20 : byte)
            previousWasLower = byte.isASCIILowercase
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }
}
