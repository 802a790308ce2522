import InfraCrypto

/// One stack taken through synthesis on its own: rendered, validated, linted, hashed, and
/// described for the manifest.
///
/// Nothing here looks at another stack, so stacks synthesize in parallel; what spans stacks
/// (cross-stack references, physical names, the stage order) is settled before.
struct StackSynthesis: Sendable {
    /// The rendered template and its facts.
    let output: Synthesis.StackOutput
    /// The stack's manifest entry.
    let entry: Manifest.Stack
    /// The S3 bucket the deployer uploads a large template to, if one is named.
    let templateBucket: ResolvedTemplateBucket?
    /// The stack's validation errors and warnings, then its lint findings.
    let diagnostics: Diagnostics
    /// The SHA-256s of the code assets its template references, in first-use order.
    let assetHashes: [String]

    init(
        _ stack: Stack, importedParameters: [CrossStackResolver.ImportedParameter], dependencies: [String],
        templateBucket: ResolvedTemplateBucket?, lint: LintSettings, rules: RuleBook, assets: [String: ZippedAsset] = [:]
    ) {
        // The sections are split once and shared by rendering, validation, lint and the manifest;
        // asset markers become literals first, so validation sees the bucket and key deployed.
        var sections = TemplateSections(stack.elements)
        var assetDiagnostics = Diagnostics()
        assetHashes = AssetSubstitution.substitute(&sections.resources, stack: stack, bucket: templateBucket?.name, zipped: assets, into: &assetDiagnostics)
        let template = stack.template(sections)
        let bytes = JSONWriter.bytes(template)
        // CloudFormation's size limits apply to the body infra sends, the compact JSON, not to this
        // indented file; it is only rendered when the file itself is over the inline limit.
        let sentBytes = bytes.count > Limits.templateBodyBytes ? JSONWriter.compact(template).utf8.count : bytes.count
        var diagnostics = StackValidator.validate(
            stack, sections: sections, templateBytes: sentBytes, importedParameters: Set(importedParameters.map(\.parameter)),
            templateBucket: templateBucket, rules: rules, lintSettings: lint)
        for finding in rules.lint(stack, resources: sections.resources, settings: lint) { diagnostics.append(finding) }
        diagnostics.append(contentsOf: assetDiagnostics)
        if let excerpt = DebugTextCheck.find(in: bytes) {
            diagnostics.error(
                "stack '\(stack.name)': a token, parameter or resource was written into plain text, so the template would hold Swift's description of it (…\(excerpt)…); pass it where a Token is taken (a stack's, output's or policy's text fields take only literal text), or use Fn.sub",
                at: stack.location)
        }
        self.diagnostics = diagnostics
        self.templateBucket = templateBucket
        output = Synthesis.StackOutput(
            stack: stack, templateFile: "\(stack.name).template.json", template: String(decoding: bytes, as: UTF8.self),
            resourceCount: sections.resources.count)
        entry = Manifest.Stack(
            output, templateSHA256: SHA256.hexDigest(bytes), capabilities: IAMCapability.required(by: sections.resources),
            dependencies: dependencies, importedParameters: importedParameters, templateBucket: templateBucket?.name)
    }
}

extension Manifest.Stack {
    /// The manifest's entry for a synthesized stack.
    init(
        _ output: Synthesis.StackOutput, templateSHA256: String, capabilities: [String], dependencies: [String],
        importedParameters: [CrossStackResolver.ImportedParameter], templateBucket: String?
    ) {
        let stack = output.stack
        let literal = stack.parameterValues.map { Manifest.Parameter.value(name: $0.key, value: $0.value) }
        let fromOutputs = importedParameters.map {
            Manifest.Parameter.fromOutput(name: $0.parameter, stack: $0.stack, output: $0.output)
        }
        self.init(
            name: stack.name, account: stack.account, accountName: stack.accountName, region: stack.region,
            stage: stack.stage?.name, access: stack.access.manifestAccess(accountId: stack.account, region: stack.region), templateFile: output.templateFile,
            templateSHA256: templateSHA256, dependencies: dependencies,
            parameters: (literal + fromOutputs).sorted { $0.name < $1.name }, capabilities: capabilities,
            tags: stack.tags.keys.sorted().map { StackTag(key: $0, value: stack.tags[$0]!) }, templateBucket: templateBucket)
        settings = stack.settings
    }
}
