extension Manifest {
    /// Checks what a rollout relies on: unique stack names, valid names, accounts and buckets, known
    /// stages and dependencies, no cycles, dependencies never in a later stage, templates inside the folder.
    public func validate(file: String = "manifest.json") throws(ArtifactError) {
        func invalid(_ message: String, stack: String? = nil) -> ArtifactError {
            ArtifactError(message, file: file, stack: stack, remedy: "fix the Swift source and regenerate stacks.out")
        }
        let located: (String, String?) -> ArtifactError = { invalid($0, stack: $1) }
        if let app {
            guard AppName.isValid(app) else { throw invalid("app '\(app)' is not an app name (\(AppName.rule))") }
            // The tag is what prune trusts: a stack of a named app without it could never be told apart.
            for stack in stacks + stackSets.map(\.stack) where !stack.tags.contains(StackTag(key: Self.appTagKey, value: app)) {
                throw invalid("has no tag \(Self.appTagKey)=\(app), which every stack of app '\(app)' carries", stack: stack.name)
            }
        }
        var seen: Set<String> = []
        for stack in stacks + stackSets.map(\.stack) {
            guard seen.insert(stack.name).inserted else { throw invalid("stack '\(stack.name)' is listed twice") }
            try validateEntry(stack, invalid: located)
        }
        let byName = Dictionary(uniqueKeysWithValues: stacks.map { ($0.name, $0) })
        try validateAssets(byName, invalid: located)
        for stack in stacks {
            for dependency in stack.allDependencies {
                guard let producer = byName[dependency] else { throw invalid("depends on '\(dependency)', which is not in the manifest", stack: stack.name) }
                guard stageIndex(producer.stage) <= stageIndex(stack.stage) else {
                    throw invalid("depends on '\(dependency)' of the later stage \(producer.stage ?? "-")", stack: stack.name)
                }
            }
        }
        // Depth-first search for a dependency cycle.
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        func visit(_ name: String, _ path: [String]) throws(ArtifactError) {
            if state[name] == 2 { return }
            if state[name] == 1 { throw invalid("dependency cycle: \((path + [name]).joined(separator: " → "))") }
            state[name] = 1
            for dependency in byName[name]?.allDependencies ?? [] { try visit(dependency, path + [name]) }
            state[name] = 2
        }
        for stack in stacks { try visit(stack.name, []) }
        try validateStackSets(stacks: byName, invalid: located)
    }

    /// The checks a stack entry and a StackSet's own entry share: name, account, stage, template file and bucket.
    func validateEntry(_ stack: Stack, invalid: (String, String?) -> ArtifactError) throws(ArtifactError) {
        guard StackName.isValid(stack.name) else {
            throw invalid("'\(stack.name)' is not a stack name: 1 to \(Limits.stackNameLength) characters, a letter, then letters, digits and hyphens", stack.name)
        }
        guard AccountID.isValid(stack.account) else { throw invalid("account '\(stack.account)' is not a 12-digit account id", stack.name) }
        if let stage = stack.stage, !stages.contains(stage) { throw invalid("stage '\(stage)' is not in the manifest's stages \(stages)", stack.name) }
        guard !stack.templateFile.contains("/"), !stack.templateFile.hasPrefix(".") else {
            throw invalid("templateFile '\(stack.templateFile)' must be a plain file name inside the folder", stack.name)
        }
        if let bucket = stack.templateBucket, !S3BucketName.isValid(bucket) {
            throw invalid("templateBucket '\(bucket)' is not a valid S3 bucket name (\(S3BucketName.rule))", stack.name)
        }
    }
}
