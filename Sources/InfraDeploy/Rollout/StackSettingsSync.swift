import Foundation

/// The manifest's stack settings against a deployed stack. The service role and notification topics
/// travel with the stack operation (a difference makes the stack differ, so it is updated); termination
/// protection and the stack policy have calls of their own, made after the stack is deployed and only
/// when they differ, so a re-run that changes nothing makes no call that writes.
enum StackSettingsSync {
    /// Whether the role and topics the manifest manages equal the deployed ones (unmanaged ones always do).
    static func operationSettingsEqual(_ deployed: StackDescription, _ settings: Manifest.StackSettings) -> Bool {
        (settings.serviceRoleARN == nil || settings.serviceRoleARN == deployed.roleARN)
            && (settings.notificationARNs.isEmpty || settings.notificationARNs.sorted() == deployed.notificationARNs.sorted())
    }

    /// Each managed setting that differs, in words (`termination protection: off → on`), for `plan`.
    static func differences(_ deployed: StackDescription?, _ settings: Manifest.StackSettings, deployedPolicy: String?) -> [String] {
        var lines: [String] = []
        if let wanted = settings.terminationProtection, wanted != (deployed?.terminationProtection ?? false) {
            lines.append("termination protection: \(onOff(deployed?.terminationProtection ?? false)) → \(onOff(wanted))")
        }
        if let wanted = settings.stackPolicy, !policiesEqual(deployedPolicy, wanted) {
            lines.append("stack policy: \(deployedPolicy == nil ? "(none)" : "deployed policy") → the manifest's policy")
        }
        if !settings.notificationARNs.isEmpty, settings.notificationARNs.sorted() != (deployed?.notificationARNs ?? []).sorted() {
            lines.append("notification ARNs: \(list(deployed?.notificationARNs ?? [])) → \(list(settings.notificationARNs))")
        }
        if let wanted = settings.serviceRoleARN, wanted != deployed?.roleARN {
            lines.append("service role: \(deployed?.roleARN ?? "(none)") → \(wanted)")
        }
        return lines
    }

    /// The deployed stack policy, read only when the manifest manages one.
    static func deployedPolicy(_ settings: Manifest.StackSettings, stackName: String, cfn: CloudFormationClient, exists: Bool) async throws -> String? {
        guard settings.stackPolicy != nil, exists else { return nil }
        return try await cfn.getStackPolicy(stackName: stackName)
    }

    /// Applies termination protection and the stack policy to the deployed stack where they differ;
    /// `say` reports each call made.
    static func applyProtections(_ settings: Manifest.StackSettings, stackName: String, cfn: CloudFormationClient, say: (String) async -> Void) async throws {
        guard settings.terminationProtection != nil || settings.stackPolicy != nil else { return }
        guard let deployed = try await cfn.describeStack(named: stackName) else { return }
        if let wanted = settings.terminationProtection, wanted != deployed.terminationProtection {
            await say("termination protection \(onOff(wanted)) (UpdateTerminationProtection)")
            try await cfn.updateTerminationProtection(stackName: deployed.id, enabled: wanted)
        }
        if let wanted = settings.stackPolicy, !policiesEqual(try await cfn.getStackPolicy(stackName: deployed.id), wanted) {
            await say("setting the stack policy (SetStackPolicy)")
            try await cfn.setStackPolicy(stackName: deployed.id, body: wanted)
        }
    }

    /// Policies compare as canonical JSON, so whitespace and key order do not count.
    static func policiesEqual(_ deployed: String?, _ wanted: String) -> Bool {
        guard let deployed else { return false }
        guard let old = try? JSONValue.parse(Array(deployed.utf8)), let new = try? JSONValue.parse(Array(wanted.utf8)) else { return deployed == wanted }
        return old.canonical == new.canonical
    }

    private static func onOff(_ value: Bool) -> String { value ? "on" : "off" }
    private static func list(_ arns: [String]) -> String { arns.isEmpty ? "(none)" : arns.sorted().joined(separator: ", ") }
}
