/// A rollout could not start or did not finish; says what failed, where, why, and what to do.
///
/// ```
/// error: stack 'jenkins-agents' (account 111111111111, region eu-west-1): is in ROLLBACK_COMPLETE …
///   to fix: rerun with --recreate-failed to delete and re-create it
/// ```
///
/// The text never contains a secret: causes are ``AWSClientError`` and ``CredentialError``, which
/// are scrubbed, or this module's own messages.
public struct RolloutError: Error, Sendable, CustomStringConvertible {
    fileprivate enum Kind: Sendable, Equatable { case input, deployment, approval, cancelled }

    /// The category, for matching in code and choosing an exit status.
    public struct Code: Sendable, Equatable, CustomStringConvertible {
        fileprivate let kind: Kind
        /// The manifest, a template or an option is wrong: nothing was deployed (exit status 2).
        public static let input = Code(kind: .input)
        /// A stack operation failed or AWS could not be reached (exit status 1).
        public static let deployment = Code(kind: .deployment)
        /// A change needs approval that was not given (exit status 1).
        public static let approval = Code(kind: .approval)
        /// The rollout was interrupted (exit status 1).
        public static let cancelled = Code(kind: .cancelled)
        /// The code's name.
        public var description: String { "\(kind)" }
    }

    /// Where the failure happened; every part is optional because input errors may precede any stack.
    public struct Context: Sendable, Equatable {
        /// The stack name.
        public var stack: String?
        /// The 12-digit account id.
        public var account: String?
        /// The region.
        public var region: String?
        /// The file involved (manifest or template).
        public var file: String?
        /// Whether `stack` names a StackSet (its account and region are the administrator's).
        public var isStackSet = false

        /// A context from its parts.
        public init(stack: String? = nil, account: String? = nil, region: String? = nil, file: String? = nil) {
            self.stack = stack
            self.account = account
            self.region = region
            self.file = file
        }
    }

    /// The category.
    public let code: Code
    /// What happened.
    public let message: String
    /// Where.
    public let context: Context
    /// What the user can do about it, when there is something.
    public let remedy: String?
    /// The stack events that explain a failed operation, oldest first (`LogicalId STATUS: reason`).
    public let events: [String]
    /// The error that caused this one (already free of secrets), if any.
    public let cause: (any Error & Sendable)?

    init(_ code: Code, _ message: String, context: Context = Context(), remedy: String? = nil, events: [String] = [], cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.context = context
        self.remedy = remedy
        self.events = events
        self.cause = cause
    }

    /// The exit status a command should end with: 2 for input errors, 1 otherwise.
    public var exitStatus: Int32 { code == .input ? 2 : 1 }

    /// One paragraph: location, message, cause, the explaining events, and the remedy.
    public var description: String {
        var parts: [String] = []
        if let file = context.file { parts.append(file) }
        if let stack = context.stack {
            var location = context.isStackSet ? "StackSet '\(stack)'" : "stack '\(stack)'"
            let place = [context.account.map { "account \($0)" }, context.region.map { "region \($0)" }].compactMap { $0 }
            if !place.isEmpty { location += " (\(place.joined(separator: ", ")))" }
            parts.append(location)
        }
        var text = parts.isEmpty ? message : parts.joined(separator: ": ") + ": " + message
        if let cause { text += ": \(cause)" }
        for event in events { text += "\n  event: \(event)" }
        if let remedy { text += "\n  to fix: \(remedy)" }
        return text
    }
}
