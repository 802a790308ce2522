import Foundation

/// The stack settings calls beside the template: stack policy and notification topics.
extension CloudFormationClient {
    /// The stack policy's JSON text, or `nil` when the stack has none.
    public func getStackPolicy(stackName: String) async throws -> String? {
        let result = try await query.perform("GetStackPolicy", [("StackName", stackName)])
        return result.string("StackPolicyBody").flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Replaces the stack policy.
    public func setStackPolicy(stackName: String, body: String) async throws {
        _ = try await query.perform("SetStackPolicy", [("StackName", stackName), ("StackPolicyBody", body)])
    }

    /// `NotificationARNs.member.N` for `arns`; none when empty, which leaves a stack's topics as they are.
    static func notificationInputs(_ arns: [String]) -> [(String, String)] {
        arns.enumerated().map { ("NotificationARNs.member.\($0.offset + 1)", $0.element) }
    }
}
