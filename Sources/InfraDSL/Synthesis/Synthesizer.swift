import InfraCrypto

/// The result of synthesizing an app: files to write and the diagnostics found on the way.
public struct Synthesis: Sendable {
    /// One stack's rendered template and facts.
    public struct StackOutput: Sendable {
        /// The stack as declared.
        public var stack: Stack
        /// The template file's name, `<stack>.template.json`.
        public var templateFile: String
        /// The template's JSON text.
        public var template: String
        /// The number of resources.
        public var resourceCount: Int
        /// The template's size in bytes (UTF-8).
        public var bytes: Int { template.utf8.count }
    }

    /// The stacks generated, in declaration order.
    public var stacks: [StackOutput]
    /// The deployment manifest for those stacks.
    public var manifest: Manifest
    /// Every problem found, in stack order.
    public var diagnostics: [Diagnostic]

    /// Whether any error was found; then nothing should be written.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// File name → contents: the templates, then `manifest.json`.
    public var files: [(name: String, contents: String)] {
        stacks.map { ($0.templateFile, $0.template) } + [("manifest.json", JSONWriter.write(manifest.cfValue))]
    }
}

extension App {
    /// Evaluates, validates and renders the app: evaluate → validate → render, no side effects.
    ///
    /// - Parameter selected: stack names to generate; all when nil. Unknown names are errors.
    public func synthesize(only selected: [String]? = nil) -> Synthesis {
        var diagnostics = Diagnostics()
        checkStackNamesUnique(into: &diagnostics)
        let chosen = selected.map { names in stacks.filter { names.contains($0.name) } } ?? stacks
        var outputs: [Synthesis.StackOutput] = []
        var entries: [Manifest.Entry] = []
        for stack in chosen {
            let template = JSONWriter.write(stack.template)
            diagnostics.append(contentsOf: StackValidator.validate(stack, templateBytes: template.utf8.count))
            let file = "\(stack.name).template.json"
            outputs.append(.init(stack: stack, templateFile: file, template: template, resourceCount: TemplateSections(stack.elements).resources.count))
            entries.append(Manifest.Entry(
                name: stack.name, account: stack.account, region: stack.region, templateFile: file,
                templateSHA256: SHA256.hexDigest(Array(template.utf8)),
                parameters: stack.parameterValues.keys.sorted().map { ($0, stack.parameterValues[$0]!) },
                capabilities: stack.requiredCapabilities,
                tags: stack.tags.keys.sorted().map { ($0, stack.tags[$0]!) }))
        }
        return Synthesis(stacks: outputs, manifest: Manifest(stacks: entries), diagnostics: diagnostics.all)
    }

    private func checkStackNamesUnique(into diagnostics: inout Diagnostics) {
        var seen: [String: SourceLocation] = [:]
        for stack in stacks {
            if let first = seen[stack.name] {
                diagnostics.error(
                    "duplicate stack name '\(stack.name)'; each stack needs its own name, which also names its template file",
                    at: stack.location, notes: [.init(message: "stack '\(stack.name)' is first declared here", location: first)])
            } else {
                seen[stack.name] = stack.location
            }
        }
    }
}
