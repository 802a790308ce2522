import Foundation

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
    /// The StackSets' templates, in declaration order (each `stack` is the set's template stack).
    public var stackSets: [StackOutput] = []
    /// The deployment manifest for those stacks.
    public var manifest: Manifest
    /// Every problem found, in stack order.
    public var diagnostics: [Diagnostic]

    /// Whether any error was found; then nothing should be written.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Other generated files (Jenkins configuration …).
    public var extraFiles: [GeneratedFile]

    /// The zipped code assets the stacks use, for `assets/<sha256>.zip` (binary, so apart from `files`).
    public var assets: [ZippedAsset] = []

    /// Path → contents: the stacks' templates, the StackSets', the other generated files, then `manifest.json`.
    public var files: [(name: String, contents: String)] {
        (stacks + stackSets).map { ($0.templateFile, $0.template) } + extraFiles.map { ($0.path, $0.contents) }
            + [("manifest.json", JSONWriter.write(manifest.json))]
    }
}

extension App {
    /// Evaluates, validates and renders the app: evaluate → validate → render, no side effects.
    ///
    /// - Parameters:
    ///   - selected: stack names to generate; all when nil. Unknown names are errors.
    ///   - assets: reads the folders and files of code assets (``Asset``); only called when a stack uses one.
    public func synthesize(only selected: [String]? = nil, assets: AssetReader? = nil) -> Synthesis {
        var diagnostics = Diagnostics()
        let stacks = stacksWithAppTags(into: &diagnostics)
        let sets = stackSetsWithAppTags(into: &diagnostics)
        checkStackNamesUnique(into: &diagnostics)
        let stages = stageOrder(into: &diagnostics)
        StageAccountSharing.check(stacks, into: &diagnostics)
        // A StackSet's template takes part in cross-stack references as a consumer only.
        let resolver = CrossStackResolver(stacks + sets.map(\.stack), stackSets: Set(sets.map(\.name)))
        diagnostics.append(contentsOf: resolver.diagnostics)
        let resolvedStacks = Array(resolver.stacks.prefix(stacks.count))
        var resolvedSets = sets
        for (index, stack) in resolver.stacks.dropFirst(stacks.count).enumerated() { resolvedSets[index].stack = stack }
        PhysicalNames.check(resolvedStacks, into: &diagnostics)
        let rules = RuleBook(adding: self.rules)
        let chosen = selected.map { names in resolvedStacks.filter { names.contains($0.name) } } ?? resolvedStacks
        let chosenSets = selected.map { names in resolvedSets.filter { names.contains($0.name) } } ?? resolvedSets
        // Each stack renders, validates and lints on its own, so the stacks share the cores; the
        // results are gathered in declaration order, so the output does not depend on scheduling.
        let bundle = AssetBundle(chosen, reader: assets ?? .fileSystem(relativeTo: FileManager.default.currentDirectoryPath))
        diagnostics.append(contentsOf: bundle.diagnostics)
        let synthesized = chosen.concurrentMap { stack in
            StackSynthesis(
                stack, importedParameters: resolver.importedParameters[stack.name] ?? [],
                dependencies: resolver.dependencies[stack.name] ?? [], templateBucket: templateBucket(for: stack), lint: lint, rules: rules,
                assets: bundle.zipped)
        }
        let byName = Dictionary(resolvedStacks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let synthesizedSets = chosenSets.concurrentMap { set in
            StackSetSynthesis(
                set, importedParameters: resolver.importedParameters[set.name] ?? [], dependencies: resolver.dependencies[set.name] ?? [],
                templateBucket: templateBucket(for: set.stack), lint: lint, rules: rules, stacks: byName)
        }
        let (zipped, manifestAssets) = bundle.used(by: synthesized.map { ($0.output.stack.name, $0.assetHashes) })
        for stack in synthesized { diagnostics.append(contentsOf: stack.diagnostics) }
        for set in synthesizedSets { diagnostics.append(contentsOf: set.diagnostics) }
        checkTemplateBuckets(
            synthesized.map { ($0.output.stack, $0.templateBucket) } + synthesizedSets.map { ($0.output.stack, templateBucket(for: $0.output.stack)) },
            into: &diagnostics)
        checkFiles(into: &diagnostics)
        var result = Synthesis(
            stacks: synthesized.map(\.output),
            manifest: Manifest(stages: stages, stacks: synthesized.map(\.entry), stackSets: synthesizedSets.map(\.entry), assets: manifestAssets, app: name),
            diagnostics: diagnostics.all,
            extraFiles: selected == nil ? files : [], assets: zipped)
        result.stackSets = synthesizedSets.map(\.output)
        return result
    }

    /// Generated files stay inside the output folder and never collide with each other or a template.
    private func checkFiles(into diagnostics: inout Diagnostics) {
        var seen = Set((stacks + stackSets.map(\.stack)).map { "\($0.name).template.json" } + ["manifest.json"])
        for file in files {
            let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
            if file.path.hasPrefix("/") || parts.contains("..") || parts.contains("") {
                diagnostics.error("generated file path '\(file.path)' must be relative and stay inside the output folder", at: file.location)
            } else if !seen.insert(file.path).inserted {
                diagnostics.error("two generated files share the path '\(file.path)'; give one another name", at: file.location)
            }
        }
    }

    /// Stacks and StackSets share one namespace: the manifest and the template files name them alike.
    private func checkStackNamesUnique(into diagnostics: inout Diagnostics) {
        var seen: [String: SourceLocation] = [:]
        for stack in stacks + stackSets.map(\.stack) {
            if let first = seen[stack.name] {
                diagnostics.error(
                    "duplicate stack name '\(stack.name)'; each stack needs its own name, which also names its template file",
                    at: stack.location, notes: [.init(message: "stack '\(stack.name)' is first declared here", location: first)])
            } else {
                seen[stack.name] = stack.location
            }
        }
    }

    /// The one stage order every staged stack shares; two different stage sets cannot be ordered.
    private func stageOrder(into diagnostics: inout Diagnostics) -> [String] {
        var order: [String]?
        var firstLocation: SourceLocation?
        for stack in stacks + stackSets.map(\.stack) {
            guard let placement = stack.stage else { continue }
            if let order, order != placement.order, let firstLocation {
                diagnostics.error(
                    "stack '\(stack.name)' uses stages \(placement.order.joined(separator: " → ")), but other stacks use \(order.joined(separator: " → ")); one app rolls out through one set of stages",
                    at: stack.location, notes: [.init(message: "the other stage set is first used here", location: firstLocation)])
            } else if order == nil {
                order = placement.order
                firstLocation = stack.location
            }
        }
        return order ?? []
    }
}
