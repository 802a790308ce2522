extension RolloutEngine {
    /// Checks every selected stack before the first call that writes: its template is there and
    /// fits a way of passing it to CloudFormation, and its region has a usable endpoint. Deploy and
    /// plan both run it, so a stack in a later stage that deploy would refuse stops the run before
    /// the first stage starts, and plan fails on it instead of showing a normal create.
    ///
    /// Throws the first refusal, naming how many other stacks were refused too.
    func preflight(_ stacks: [Manifest.Stack]) throws {
        var refusals: [RolloutError] = []
        for stack in stacks {
            do {
                guard let template = artifacts.templates[stack.name] else {
                    throw RolloutError(.input, "the manifest lists stack '\(stack.name)' but stacks.out holds no template for it", context: .init(stack: stack.name, account: stack.account, region: stack.region, file: stack.templateFile),
                                       remedy: "regenerate stacks.out (swift package generate-stacks)")
                }
                try TemplateUpload(stack: stack, template: template, sessions: sessions).checkSize()
                do {
                    _ = try sessions.cloudFormation(for: stack)
                } catch {
                    throw RolloutError(.input, "no usable CloudFormation endpoint", context: .init(stack: stack.name, account: stack.account, region: stack.region),
                                       remedy: "check the stack's region and any AWS_ENDPOINT_URL setting", cause: SecretFreeError(error))
                }
            } catch let error as RolloutError {
                refusals.append(error)
            }
        }
        guard let first = refusals.first else { return }
        let others = refusals.dropFirst().compactMap(\.context.stack)
        let note = others.isEmpty ? "nothing was deployed" : "nothing was deployed; refused as well: \(others.joined(separator: ", "))"
        throw RolloutError(first.code, "\(first.message) (\(note))", context: first.context, remedy: first.remedy, cause: first.cause)
    }
}
