/// The tags each stack deploys with: the app's, then the stack's own (which win), then the app's
/// name tag; every rule CloudFormation applies to them is checked at the line that wrote the tag.
extension App {
    /// The app with its tags (and name tag) merged into every stack, and the problems found.
    func stacksWithAppTags(into diagnostics: inout Diagnostics) -> [Stack] {
        checkTags(tags, owner: "the app", at: location, into: &diagnostics)
        if let name, !AppName.isValid(name) {
            diagnostics.error("app name '\(name)' is not valid: \(AppName.rule); it is the value of every stack's \(Manifest.appTagKey) tag", at: location)
        }
        return stacks.map { withAppTags($0, into: &diagnostics) }
    }

    /// The StackSets with the app's tags (and name tag) merged into each set's own.
    func stackSetsWithAppTags(into diagnostics: inout Diagnostics) -> [StackSet] {
        stackSets.map { set in
            var tagged = set
            tagged.stack = withAppTags(set.stack, into: &diagnostics)
            return tagged
        }
    }

    private func withAppTags(_ stack: Stack, into diagnostics: inout Diagnostics) -> Stack {
        checkTags(stack.tags, owner: "stack '\(stack.name)'", at: stack.location, into: &diagnostics)
        stack.checkSettings(into: &diagnostics)
        var merged = tags.merging(stack.tags) { _, own in own }
        if let name { merged[Manifest.appTagKey] = name }
        if merged.count > StackTagRules.maximumCount {
            let fromApp = tags.keys.filter { stack.tags[$0] == nil }.count
            diagnostics.error(
                "stack '\(stack.name)' would carry \(merged.count) tags (\(stack.tags.count) of its own, \(fromApp) from the app\(name == nil ? "" : ", and \(Manifest.appTagKey)")); CloudFormation allows at most \(StackTagRules.maximumCount)",
                at: stack.location, notes: tags.isEmpty ? [] : [.init(message: "the app's tags are declared here", location: location)])
        }
        var tagged = stack
        tagged.tags = merged
        return tagged
    }

    private func checkTags(_ tags: [String: String], owner: String, at location: SourceLocation, into diagnostics: inout Diagnostics) {
        for key in tags.keys.sorted() {
            if let problem = StackTagRules.problem(key: key, value: tags[key]!) {
                diagnostics.error("\(owner): \(problem)", at: location)
            } else if key == Manifest.appTagKey {
                diagnostics.error("\(owner): the tag key '\(key)' is set by infra from App(name:); give the app a name instead", at: location)
            }
        }
    }
}
