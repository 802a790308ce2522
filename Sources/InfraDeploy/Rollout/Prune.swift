import Foundation

/// A deployed stack of this app (tagged `infradsl:app` with the manifest's app name) in one of the
/// manifest's accounts and regions that the manifest no longer declares: `infra deploy --prune`
/// deletes it.
public struct UndeclaredStack: Sendable {
    /// The stack as a destroy target: its name, account, region and how to reach the account (no template).
    public let stack: Manifest.Stack
    /// Its status, as `DescribeStacks` says.
    public let status: String
    /// Whether termination protection is on (then it is never deleted by prune).
    public let terminationProtection: Bool
}

extension RolloutEngine {
    /// Stacks of this app deployed in the manifest's accounts and regions that the manifest no longer
    /// declares, found with one `DescribeStacks` per account and region and the app's tag; empty when
    /// the manifest names no app (`App(name:)`). Read-only.
    public func undeclaredStacks() async throws -> [UndeclaredStack] {
        let manifest = artifacts.manifest
        guard let app = manifest.app else { return [] }
        let appTag = StackTag(key: Manifest.appTagKey, value: app)
        // One representative stack per account and region: it carries how to reach the account.
        var places: [Manifest.Stack] = []
        for stack in manifest.stacks where !places.contains(where: { $0.account == stack.account && $0.region == stack.region }) {
            places.append(stack)
        }
        let found = try await forEach(places) { place -> [UndeclaredStack] in
            try await sessions.verifyAccount(for: place)
            let declared = Set(manifest.stacks.filter { $0.account == place.account && $0.region == place.region }.map(\.name))
            return try await sessions.cloudFormation(for: place).describeStacks().compactMap { deployed in
                // The tag, never the name, decides: a stack without it is not this app's to delete.
                guard deployed.tags.contains(appTag), !declared.contains(deployed.name), deployed.status != .deleteComplete, !Self.isStackSetInstance(deployed.name) else { return nil }
                let target = Manifest.Stack(
                    name: deployed.name, account: place.account, accountName: place.accountName, region: place.region, access: place.access,
                    templateFile: "", templateSHA256: "", tags: [appTag])
                return UndeclaredStack(stack: target, status: deployed.status.rawValue, terminationProtection: deployed.terminationProtection)
            }
        }
        return found.flatMap { $0 }.sorted { ($0.stack.account, $0.stack.region, $0.stack.name) < ($1.stack.account, $1.stack.region, $1.stack.name) }
    }

    /// Whether a stack is a StackSet instance's (CloudFormation names them `StackSet-<set>-<uuid>`;
    /// moto `StackSet:<set>`). They carry the set's tags, app tag included, but belong to the set:
    /// deleting one directly would leave the set with a broken instance, so prune never does.
    static func isStackSetInstance(_ name: String) -> Bool { name.hasPrefix("StackSet-") || name.hasPrefix("StackSet:") }

    /// Deletes `stacks` (from ``undeclaredStacks()``) one after the other, each re-described first and
    /// deleted only if it still carries the app's tag; never throws (failures are in the results).
    public func prune(_ stacks: [UndeclaredStack], options: DestroyOptions, observe: @escaping @Sendable (RolloutEvent) async -> Void) async -> [DestroyResult] {
        var results: [DestroyResult] = []
        for undeclared in stacks {
            let destroyer = StackDestroyer(stack: undeclared.stack, sessions: sessions, options: options, observe: observe, requiredTags: undeclared.stack.tags)
            let result = await destroyer.destroy()
            await observe(.finished(result.result))
            results.append(result)
        }
        return results
    }
}
