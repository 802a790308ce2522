/// A StackSet's own facts checked at the lines that wrote them: targets the permission model
/// allows, each region once, overrides and region order inside the targets, preferences in
/// CloudFormation's ranges, dependencies on declared stacks of no later stage, and no code assets.
/// What these miss, the manifest's own rules (`Manifest.StackSet.firstProblem`) catch at the set's line.
extension StackSet {
    /// Records the set's mistakes; `parameters` are the template's declared parameter names,
    /// `stacks` the app's stacks by name.
    func checkSetFacts(parameters declared: Set<String>, stacks: [String: Stack], into diagnostics: inout Diagnostics) {
        let here = "StackSet '\(name)'"
        if targets.isEmpty {
            diagnostics.error(
                "\(here) has no targets; give it at least one: .accounts([…], regions: […]) (self-managed) or .organizationalUnits([…], regions: […]) (service-managed)",
                at: location)
        }
        var targeted: [String] = []
        var regions: [String] = []
        for target in targets {
            checkTarget(target, here: here, into: &diagnostics)
            targeted += target.ids.filter { !targeted.contains($0) }
            regions += target.regions.filter { !regions.contains($0) }
        }
        for override in overrides {
            let at = override.location
            if override.targets.isEmpty || override.parameters.isEmpty || override.regions?.isEmpty == true {
                diagnostics.error("\(here): an override needs at least one account (or OU), region and parameter value", at: at)
            }
            for target in override.targets where !targeted.contains(target) {
                diagnostics.error("\(here): an override names '\(target)', which the StackSet does not target; add it to a target or remove it from the override", at: at)
            }
            for region in override.regions ?? [] where !regions.contains(region) {
                diagnostics.error("\(here): an override names the region \(region), which no target deploys to", at: at)
            }
            for parameter in override.parameters.keys.sorted() where !declared.contains(parameter) {
                diagnostics.error(
                    "\(here): an override gives a value for parameter '\(parameter)', which the template does not declare; add Parameter(\"\(parameter)\") to the body or remove the value",
                    at: at)
            }
        }
        checkPreferences(targetedRegions: regions, here: here, into: &diagnostics)
        let rank = { (stack: Stack) in stack.stage.map { $0.order.firstIndex(of: $0.name) ?? 0 } ?? -1 }
        for dependency in dependencies {
            guard let producer = stacks[dependency] else {
                diagnostics.error("\(here) depends on stack '\(dependency)', which the app does not declare; add that stack to the App", at: location)
                continue
            }
            if rank(producer) > rank(stack) {
                diagnostics.error(
                    "\(here) (stage \(stack.stage?.name ?? "none")) depends on stack '\(dependency)', which rolls out later (stage \(producer.stage?.name ?? "none")); move one of them",
                    at: location)
            }
        }
        for case .resource(let resource) in stack.elements {
            for member in resource.properties {
                AssetSubstitution.visitMarkers(in: member.value) { asset in
                    diagnostics.error(
                        "\(here): resource '\(resource.logicalId)' uses the code asset '\(asset.path)', but assets are for stacks only (infra uploads them to one account's bucket, and a StackSet's instances run in many); put the resource in a Stack, or point it at an S3 object every target account can read",
                        at: asset.location)
                }
            }
        }
    }

    private func checkTarget(_ target: StackSetTarget, here: String, into diagnostics: inout Diagnostics) {
        let at = target.location
        if permissions.isSelfManaged, !target.organizationalUnits.isEmpty {
            diagnostics.error(
                "\(here) is self-managed, so it targets accounts, not organizational units (\(target.organizationalUnits.joined(separator: ", "))); use .accounts([…], regions: […]), or permissions: .serviceManaged()",
                at: at)
        }
        if !permissions.isSelfManaged, !target.accounts.isEmpty {
            diagnostics.error(
                "\(here) is service-managed, so it targets organizational units, not accounts (\(target.accounts.map(\.name).joined(separator: ", "))); use .organizationalUnits([…], regions: […]), or permissions: .selfManaged()",
                at: at)
        }
        if target.ids.isEmpty {
            diagnostics.error("\(here): a target names no account or organizational unit; name at least one, or remove the target", at: at)
        }
        for account in target.accounts where !AccountID.isValid(account.id) {
            diagnostics.error("\(here): account '\(account.name)' has the id '\(account.id)', which is not a 12-digit AWS account ID", at: at)
        }
        for unit in target.organizationalUnits where !OrganizationalUnitID.isValid(unit) {
            diagnostics.error("\(here): '\(unit)' is not an organizational unit or root id (\(OrganizationalUnitID.rule))", at: at)
        }
        if target.regions.isEmpty {
            diagnostics.error("\(here): a target names no region; name at least one, such as 'eu-west-1'", at: at)
        }
        var seen: Set<String> = []
        for region in target.regions {
            if !StackValidator.isRegion(region) {
                diagnostics.error("\(here): region '\(region)' is not an AWS region name such as 'eu-west-1'", at: at)
            }
            if !seen.insert(region).inserted {
                diagnostics.error("\(here): the target names the region \(region) twice; name each region once", at: at)
            }
        }
        var ids: Set<String> = []
        for id in target.ids where !ids.insert(id).inserted {
            diagnostics.error("\(here): the target names '\(id)' twice; name each account or OU once", at: at)
        }
    }

    private func checkPreferences(targetedRegions: [String], here: String, into diagnostics: inout Diagnostics) {
        let at = preferences.location
        switch preferences.maxConcurrent {
        case .count(let count)? where count < 1:
            diagnostics.error("\(here): maxConcurrent .count(\(count)) must be at least 1", at: at)
        case .percentage(let percentage)? where !(1...100).contains(percentage):
            diagnostics.error("\(here): maxConcurrent .percentage(\(percentage)) must be 1 to 100", at: at)
        default: break
        }
        switch preferences.failureTolerance {
        case .count(let count)? where count < 0:
            diagnostics.error("\(here): failureTolerance .count(\(count)) must be 0 or more", at: at)
        case .percentage(let percentage)? where !(0...100).contains(percentage):
            diagnostics.error("\(here): failureTolerance .percentage(\(percentage)) must be 0 to 100", at: at)
        default: break
        }
        var seen: Set<String> = []
        for region in preferences.regionOrder {
            if !seen.insert(region).inserted {
                diagnostics.error("\(here): regionOrder names \(region) twice; name each region once", at: at)
            } else if !targetedRegions.contains(region) {
                diagnostics.error(
                    "\(here): regionOrder names \(region), which no target deploys to (targeted: \(targetedRegions.joined(separator: ", "))); add it to a target or remove it",
                    at: at)
            }
        }
    }
}
