import Foundation

/// Stack outputs to hand to the next step of a pipeline (`infra outputs`, `deploy --outputs-file`),
/// without the ones that look secret (``OutputSecrecy``).
public struct PublishedOutputs: Sendable, Equatable {
    /// Output values by stack name, then output key.
    public var stacks: [String: [String: String]] = [:]
    /// Outputs left out, with why: `(stack, key, reason)`; the value is never kept.
    public var withheld: [Withheld] = []
    /// Selected stacks that are not deployed (or never completed), so have no outputs.
    public var notDeployed: [String] = []

    /// One output left out.
    public struct Withheld: Sendable, Equatable {
        /// The stack.
        public let stack: String
        /// The output key.
        public let key: String
        /// Why it looks secret.
        public let reason: String
    }
}

/// Which outputs are not written anywhere, because they look secret. The rule, in docs/deploy.md too:
///
/// 1. the value is made only of `*` (a masked `NoEcho` value);
/// 2. in the local template, the output's `Value` refers to a `NoEcho: true` parameter (`Ref` or
///    `${Name}` in `Fn::Sub`), or holds a `{{resolve:secretsmanager:…}}` / `{{resolve:ssm-secure:…}}` reference;
/// 3. the output's key or description, lower-cased with everything but letters and digits removed,
///    contains `password`, `passwd`, `passphrase`, `secret`, `token`, `credential`, `privatekey`,
///    `apikey`, `accesskey`, `signingkey` or `keymaterial`.
public enum OutputSecrecy {
    /// The words of rule 3, as they appear once spaces, `-` and `_` are removed.
    public static let words = ["password", "passwd", "passphrase", "secret", "token", "credential", "privatekey", "apikey", "accesskey", "signingkey", "keymaterial"]

    /// Why `output` must not be written (`nil`: it may be); `template` is the stack's local template.
    public static func reason(_ output: StackOutput, template: String) -> String? {
        if !output.value.isEmpty, output.value.allSatisfy({ $0 == "*" }) { return "its value is masked (NoEcho)" }
        if let declared = JSONValue.template(template)?["Outputs"]?[output.key]?["Value"] {
            let noEcho = noEchoParameters(template)
            if let parameter = references(in: declared).first(where: noEcho.contains) { return "it refers to the NoEcho parameter \(parameter)" }
            if strings(in: declared).contains(where: { $0.contains("{{resolve:secretsmanager:") || $0.contains("{{resolve:ssm-secure:") }) {
                return "it resolves a secret (Secrets Manager or a SecureString parameter)"
            }
        }
        for (field, text) in [("name", output.key), ("description", output.description ?? "")] {
            let squeezed = String(text.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
            if let word = words.first(where: squeezed.contains) { return "its \(field) suggests a secret (\(word))" }
        }
        return nil
    }

    private static func noEchoParameters(_ template: String) -> Set<String> {
        guard let parameters = JSONValue.template(template)?["Parameters"]?.dictionary else { return [] }
        return Set(parameters.compactMap { name, declaration in
            switch declaration["NoEcho"] {
            case .bool(true)?, .string("true")?, .string("True")?: name
            default: nil
            }
        })
    }

    /// The names a value refers to: `Ref` targets and `${Name}` in strings (`Fn::Sub`).
    private static func references(in value: JSONValue) -> Set<String> {
        var names: Set<String> = []
        if case .string(let name)? = value["Ref"] { names.insert(name) }
        for text in strings(in: value) {
            var rest = Substring(text)
            while let open = rest.range(of: "${") {
                rest = rest[open.upperBound...]
                guard let close = rest.firstIndex(of: "}") else { break }
                names.insert(String(rest[..<close]))
                rest = rest[close...]
            }
        }
        for child in children(of: value) { names.formUnion(references(in: child)) }
        return names
    }

    private static func strings(in value: JSONValue) -> [String] {
        if case .string(let text) = value { return [text] }
        return children(of: value).flatMap(strings)
    }

    private static func children(of value: JSONValue) -> [JSONValue] {
        switch value {
        case .list(let items): items
        case .object(let members): members.map(\.value)
        default: []
        }
    }
}

extension RolloutEngine {
    /// The outputs of the selected stacks that are deployed, secret-looking ones left out.
    public func outputs(stages: [String]?, stacks: [String]) async throws -> PublishedOutputs {
        try await outputs(of: selection(stages: stages, stacks: stacks).flatMap(\.stacks))
    }

    /// The outputs of `stacks` as deployed now, secret-looking ones left out.
    public func outputs(of stacks: [Manifest.Stack]) async throws -> PublishedOutputs {
        let found = try await forEach(stacks) { stack -> StackDescription? in
            try await sessions.verifyAccount(for: stack)
            return try await sessions.cloudFormation(for: stack).describeStack(named: stack.name)
        }
        var published = PublishedOutputs()
        for (stack, deployed) in zip(stacks, found) {
            guard let deployed, deployed.status != .deleteComplete, deployed.status != .reviewInProgress, !deployed.status.isFailedCreation else {
                published.notDeployed.append(stack.name)
                continue
            }
            var values: [String: String] = [:]
            for output in deployed.outputs {
                if let reason = OutputSecrecy.reason(output, template: artifacts.templates[stack.name] ?? "") {
                    published.withheld.append(.init(stack: stack.name, key: output.key, reason: reason))
                } else {
                    values[output.key] = output.value
                }
            }
            published.stacks[stack.name] = values
        }
        return published
    }
}
