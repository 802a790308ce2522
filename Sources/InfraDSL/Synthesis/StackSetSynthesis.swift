/// One StackSet taken through synthesis: its template as a stack's (`StackSynthesis`: rendered,
/// validated, linted, hashed), its own facts checked, and its manifest entry.
struct StackSetSynthesis: Sendable {
    /// The rendered template and its facts.
    let output: Synthesis.StackOutput
    /// The set's manifest entry.
    let entry: Manifest.StackSet
    /// The set's own mistakes, then its template's findings.
    let diagnostics: Diagnostics

    init(
        _ set: StackSet, importedParameters: [CrossStackResolver.ImportedParameter], dependencies: [String],
        templateBucket: ResolvedTemplateBucket?, lint: LintSettings, rules: RuleBook, stacks: [String: Stack]
    ) {
        var diagnostics = Diagnostics()
        let declared = Set(TemplateSections(set.stack.elements).parameters.map(\.name))
        set.checkSetFacts(parameters: declared, stacks: stacks, into: &diagnostics)
        let ownErrors = diagnostics.hasErrors
        // No assets: checkSetFacts refused them, so none is substituted.
        let template = StackSynthesis(
            set.stack, importedParameters: importedParameters, dependencies: Self.merged(set.dependencies, dependencies), templateBucket: templateBucket,
            lint: lint, rules: rules)
        diagnostics.append(contentsOf: template.diagnostics)
        output = template.output
        let targets = set.targets.map { target in
            Manifest.Target(accounts: target.accounts.map(\.id), organizationalUnits: target.organizationalUnits, regions: target.regions)
        }
        let regions = Self.merged(set.targets.flatMap(\.regions), [])
        let overrides = set.overrides.map { override in
            Manifest.Override(
                targets: override.targets, regions: override.regions ?? regions,
                parameters: override.parameters.keys.sorted().map { Manifest.Parameter.value(name: $0, value: override.parameters[$0]!) })
        }
        entry = Manifest.StackSet(
            stack: template.entry, description: set.stack.description, permissions: set.permissions.manifest, targets: targets,
            overrides: overrides, preferences: set.preferences.manifest)
        // The deployer's own rules, for whatever the checks at the lines above do not cover.
        if !ownErrors, let problem = entry.firstProblem {
            diagnostics.error("StackSet '\(set.name)': \(problem)", at: set.location)
        }
        self.diagnostics = diagnostics
    }

    /// `first` then the items of `second` not in it, each once.
    static func merged(_ first: [String], _ second: [String]) -> [String] {
        var result: [String] = []
        for item in first + second where !result.contains(item) { result.append(item) }
        return result
    }
}
