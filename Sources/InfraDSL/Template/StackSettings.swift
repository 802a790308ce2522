/// Stack settings `infra` applies besides the template (the manifest carries them, version 2):
///
/// ```swift
/// Stack("payments", account: production) { … }
///     .terminationProtection()
///     .stackPolicy(#"{"Statement": [{"Effect": "Deny", "Action": "Update:Replace", "Principal": "*", "Resource": "LogicalResourceId/Table"}, {"Effect": "Allow", "Action": "Update:*", "Principal": "*", "Resource": "*"}]}"#)
///     .notifications(["arn:aws:sns:eu-west-1:444444444444:stack-events"])
///     .serviceRole("arn:aws:iam::444444444444:role/cloudformation-deploy")
/// ```
extension Stack {
    /// Turns termination protection on (or, with `false`, off): `infra destroy` and prune then refuse the stack.
    public func terminationProtection(_ enabled: Bool = true, file: String = #filePath, line: Int = #line) -> Stack {
        changing(file, line) { $0.terminationProtection = enabled }
    }

    /// The stack policy, a JSON document CloudFormation checks every update against.
    public func stackPolicy(_ json: String, file: String = #filePath, line: Int = #line) -> Stack {
        changing(file, line) { $0.stackPolicy = json }
    }

    /// SNS topic ARNs (at most 5) CloudFormation sends the stack's events to.
    public func notifications(_ topicARNs: [String], file: String = #filePath, line: Int = #line) -> Stack {
        changing(file, line) { $0.notificationARNs = topicARNs.sorted() }
    }

    /// The IAM role CloudFormation acts with for this stack (`RoleARN`), instead of the account's `serviceRole`.
    public func serviceRole(_ roleARN: String, file: String = #filePath, line: Int = #line) -> Stack {
        changing(file, line) { $0.serviceRoleARN = roleARN }
    }

    private func changing(_ file: String, _ line: Int, _ change: (inout Manifest.StackSettings) -> Void) -> Stack {
        var copy = self
        change(&copy.settings)
        copy.settingsLocation = SourceLocation(file: file, line: line)
        return copy
    }

    /// The settings' mistakes, at the line of the last setting (the stack's otherwise).
    func checkSettings(into diagnostics: inout Diagnostics) {
        let at = settingsLocation ?? location
        let here = "stack '\(name)'"
        if let policy = settings.stackPolicy {
            if case .object = (try? JSONValue.parse(Array(policy.utf8))) ?? .null {
                if (try? JSONValue.parse(Array(policy.utf8)))?["Statement"] == nil {
                    diagnostics.error("\(here): the stack policy has no \"Statement\"; CloudFormation refuses it", at: at)
                }
            } else {
                diagnostics.error("\(here): the stack policy is not a JSON object; pass the policy document's JSON text", at: at)
            }
        }
        if settings.notificationARNs.count > 5 {
            diagnostics.error("\(here): \(settings.notificationARNs.count) notification ARNs; CloudFormation allows at most 5", at: at)
        }
        for topic in settings.notificationARNs where !Self.isARN(topic, service: "sns") {
            diagnostics.error("\(here): notification '\(topic)' is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)", at: at)
        }
        if let role = settings.serviceRoleARN, !Self.isARN(role, service: "iam") || !role.contains(":role/") {
            diagnostics.error("\(here): service role '\(role)' is not an IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME)", at: at)
        }
    }

    private static func isARN(_ text: String, service: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && parts[1].hasPrefix("aws") && parts[2] == service && !parts[5].isEmpty
    }
}
