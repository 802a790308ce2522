/// The checks a StackSet entry must pass before a rollout relies on it: targets the permission
/// model allows, each region once, overrides and region order inside the targets, preferences in
/// CloudFormation's ranges, and dependencies on stacks of no later stage.
extension Manifest {
    func validateStackSets(stacks: [String: Stack], invalid: (String, String?) -> ArtifactError) throws(ArtifactError) {
        for set in stackSets {
            try set.validate { message throws(ArtifactError) in throw invalid(message, set.name) }
            for dependency in set.stack.allDependencies {
                guard let producer = stacks[dependency] else {
                    throw invalid("depends on '\(dependency)', which is not a stack in the manifest (a StackSet depends on stacks only)", set.name)
                }
                guard stageIndex(producer.stage) <= stageIndex(set.stack.stage) else {
                    throw invalid("depends on '\(dependency)' of the later stage \(producer.stage ?? "-")", set.name)
                }
            }
        }
    }
}

extension Manifest.StackSet {
    /// Every rule of one set; `fail` throws with the message.
    func validate(_ fail: (String) throws(ArtifactError) -> Never) throws(ArtifactError) {
        guard !targets.isEmpty else { try fail("targets no account or organizational unit; a StackSet needs at least one target") }
        let selfManaged: Bool
        switch permissions {
        case .selfManaged: selfManaged = true
        case .serviceManaged: selfManaged = false
        }
        var targeted: Set<String> = []
        var regions: Set<String> = []
        for (position, target) in targets.enumerated() {
            let here = "targets[\(position)]"
            guard target.accounts.isEmpty != target.organizationalUnits.isEmpty else {
                try fail("\(here) must name either accounts or organizational units (exactly one of the two)")
            }
            if selfManaged, !target.organizationalUnits.isEmpty {
                try fail("\(here) names organizational units, but a self-managed StackSet targets accounts; use service-managed permissions for OUs")
            }
            if !selfManaged, !target.accounts.isEmpty {
                try fail("\(here) names accounts, but a service-managed StackSet targets organizational units")
            }
            for account in target.accounts where !AccountID.isValid(account) { try fail("\(here): account '\(account)' is not a 12-digit account id") }
            for unit in target.organizationalUnits where !OrganizationalUnitID.isValid(unit) {
                try fail("\(here): '\(unit)' is not an organizational unit or root id (\(OrganizationalUnitID.rule))")
            }
            guard !target.regions.isEmpty else { try fail("\(here) names no region") }
            if let twice = firstRepeat(target.regions) { try fail("\(here) names the region \(twice) twice") }
            targeted.formUnion(target.accounts + target.organizationalUnits)
            regions.formUnion(target.regions)
        }
        for (position, override) in overrides.enumerated() {
            let here = "overrides[\(position)]"
            guard !override.targets.isEmpty, !override.regions.isEmpty, !override.parameters.isEmpty else {
                try fail("\(here) needs targets, regions and parameters")
            }
            for target in override.targets where !targeted.contains(target) { try fail("\(here) names '\(target)', which the StackSet does not target") }
            for region in override.regions where !regions.contains(region) { try fail("\(here) names the region \(region), which the StackSet does not target") }
            for parameter in override.parameters where parameter.producer != nil {
                try fail("\(here): parameter \(parameter.name) reads another stack's output; overrides take literal values only")
            }
        }
        try preferences.validate(targetedRegions: regions, fail)
    }

    private func firstRepeat(_ items: [String]) -> String? {
        var seen: Set<String> = []
        return items.first { !seen.insert($0).inserted }
    }
}

extension Manifest.OperationPreferences {
    /// CloudFormation's ranges and the region order's consistency with the targets.
    func validate(targetedRegions: Set<String>, _ fail: (String) throws(ArtifactError) -> Never) throws(ArtifactError) {
        switch maxConcurrent {
        case .count(let count)? where count < 1: try fail("maxConcurrentCount \(count) must be at least 1")
        case .percentage(let percentage)? where !(1...100).contains(percentage): try fail("maxConcurrentPercentage \(percentage) must be 1 to 100")
        default: break
        }
        switch failureTolerance {
        case .count(let count)? where count < 0: try fail("failureToleranceCount \(count) must be 0 or more")
        case .percentage(let percentage)? where !(0...100).contains(percentage): try fail("failureTolerancePercentage \(percentage) must be 0 to 100")
        default: break
        }
        var seen: Set<String> = []
        for region in regionOrder {
            guard seen.insert(region).inserted else { try fail("regionOrder names \(region) twice") }
            guard targetedRegions.contains(region) else { try fail("regionOrder names \(region), which no target deploys to") }
        }
        if let regionConcurrency, !Self.regionConcurrencies.contains(regionConcurrency) {
            try fail("regionConcurrencyType '\(regionConcurrency)' is not \(Self.regionConcurrencies.joined(separator: " or "))")
        }
        if let concurrencyMode, !Self.concurrencyModes.contains(concurrencyMode) {
            try fail("concurrencyMode '\(concurrencyMode)' is not \(Self.concurrencyModes.joined(separator: " or "))")
        }
    }
}
