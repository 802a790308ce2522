/// The rules an app's stacks are held to — the built-in ones, then the app's own — split once
/// into validation and lint, so both run every rule the same way.
struct RuleBook: Sendable {
    /// The validation rules, in order.
    private let validation: [any ResourceRule]
    /// The lint rules, in the order their findings print.
    let lint: [any ResourceRule]
    /// Per type, the property paths the schema check skips, split at their dots once rather
    /// than for every resource.
    private let coveredPaths: [String: [[Substring]]]
    /// The paths skipped for every type, covered by validation rules that judge any type.
    private let coveredEverywhere: [[Substring]]

    /// Only the built-in rules.
    static let builtIn = RuleBook(BuiltInRules.all)

    /// A rule book of `rules`, in order.
    init(_ rules: [any ResourceRule]) {
        validation = rules.filter { $0.kind == .validation }
        lint = rules.filter { $0.kind != .validation }
        func split(_ paths: [String]) -> [[Substring]] {
            paths.map { $0.split(separator: ".", omittingEmptySubsequences: false) }
        }
        var byType: [String: [[Substring]]] = [:]
        for rule in validation {
            if let type = rule.resourceType { byType[type, default: []] += split(rule.coveredProperties) }
        }
        coveredPaths = byType
        coveredEverywhere = split(validation.filter { $0.resourceType == nil }.flatMap(\.coveredProperties))
    }

    /// The built-in rules, then `rules`.
    init(adding rules: [any ResourceRule]) {
        self = rules.isEmpty ? .builtIn : RuleBook(BuiltInRules.all + rules)
    }

    /// Validation of one resource: each validation rule for its type, then its registry schema (with
    /// the stack's parameters' declared types, by logical ID), as errors at the resource's line.
    func validate(
        _ resource: ResourceDeclaration, stack: String, parameterTypes: [String: String] = [:], settings: LintSettings, into diagnostics: inout Diagnostics
    ) {
        var context = RuleContext(resource: resource, stackName: stack, lintSettings: settings)
        for rule in validation where rule.applies(to: resource.type) {
            rule.check(&context)
        }
        if let schema = resource.schema {
            SchemaRules.check(schema, skipping: (coveredPaths[resource.type] ?? []) + coveredEverywhere, parameterTypes: parameterTypes, &context)
        }
        for message in context.findings {
            diagnostics.error("resource '\(resource.logicalId)' (\(resource.type)): \(message)", at: resource.options.location)
        }
    }

    /// Every finding of every lint rule for one stack's resources, rule by rule, as warnings at
    /// the resources' lines; a resource's suppressions silence its findings.
    func lint(_ stack: Stack, resources: [ResourceDeclaration], settings: LintSettings) -> [Diagnostic] {
        // One context per resource, reused by every rule in place: copying a resource declaration
        // for every rule cost more than judging it.
        var contexts = resources.map { resource in
            RuleContext(
                resource: resource, stackName: stack.name, lintSettings: settings,
                policyStatements: resource.policyDocuments.flatMap(\.statements))
        }
        var diagnostics: [Diagnostic] = []
        for rule in lint {
            guard let id = rule.lintId else { continue }
            for index in contexts.indices {
                let resource = resources[index]
                guard rule.applies(to: resource.type), resource.options.suppressedLint[id] == nil else { continue }
                rule.check(&contexts[index])
                for message in contexts[index].findings {
                    diagnostics.append(Diagnostic(.warning, "[\(id)] resource '\(resource.logicalId)': \(message)", at: resource.options.location))
                }
                contexts[index].clearFindings()
            }
        }
        return diagnostics
    }
}
