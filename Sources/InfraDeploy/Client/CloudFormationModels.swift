import Foundation

/// A CloudFormation stack status such as `CREATE_COMPLETE` or `ROLLBACK_COMPLETE`.
///
/// Kept open (a raw string) because AWS adds statuses; the helpers classify by AWS's naming rules.
public struct StackStatus: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    /// The status as AWS spells it.
    public let rawValue: String
    /// A status from its AWS spelling.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The first creation failed and was rolled back; the stack can only be deleted.
    public static let rollbackComplete = StackStatus(rawValue: "ROLLBACK_COMPLETE")
    /// The stack was created successfully.
    public static let createComplete = StackStatus(rawValue: "CREATE_COMPLETE")
    /// The stack was updated successfully.
    public static let updateComplete = StackStatus(rawValue: "UPDATE_COMPLETE")
    /// A change set created the stack entry but has not been executed yet.
    public static let reviewInProgress = StackStatus(rawValue: "REVIEW_IN_PROGRESS")
    /// The stack was deleted (seen when it is described by its ARN).
    public static let deleteComplete = StackStatus(rawValue: "DELETE_COMPLETE")
    /// An update failed and so did its rollback; `continue-update-rollback` repairs it.
    public static let updateRollbackFailed = StackStatus(rawValue: "UPDATE_ROLLBACK_FAILED")

    /// An operation is still running (`…_IN_PROGRESS`, including `REVIEW_IN_PROGRESS`).
    public var isInProgress: Bool { rawValue.hasSuffix("_IN_PROGRESS") }
    /// CloudFormation is working on the stack and a deploy must wait: `…_IN_PROGRESS` except
    /// `REVIEW_IN_PROGRESS`, which waits for someone to execute a change set and never ends by itself.
    public var isOperationRunning: Bool { isInProgress && self != .reviewInProgress }
    /// The last operation failed or was rolled back.
    public var isFailure: Bool { rawValue.hasSuffix("_FAILED") || rawValue.contains("ROLLBACK") }
    /// The first creation failed (`ROLLBACK_COMPLETE`, `CREATE_FAILED`, `ROLLBACK_FAILED`): the stack can only be deleted.
    public var isFailedCreation: Bool { Self.failedCreations.contains(self) }
    /// A person must act before any deployment (`UPDATE_ROLLBACK_FAILED`, `DELETE_FAILED`, `IMPORT_ROLLBACK_FAILED`).
    public var needsIntervention: Bool { Self.interventions.contains(self) }
    /// The operation did what was asked (`CREATE_COMPLETE`, `UPDATE_COMPLETE`, `IMPORT_COMPLETE`).
    public var isSuccess: Bool { Self.successes.contains(self) }
    /// The status as AWS spells it.
    public var description: String { rawValue }

    // Named sets rather than suffix rules: AWS's naming does not tell these apart
    // (`UPDATE_ROLLBACK_FAILED` needs a person, `ROLLBACK_FAILED` only a delete).
    private static let failedCreations: Set<StackStatus> = [.rollbackComplete, StackStatus(rawValue: "CREATE_FAILED"), StackStatus(rawValue: "ROLLBACK_FAILED")]
    private static let interventions: Set<StackStatus> = [.updateRollbackFailed, StackStatus(rawValue: "DELETE_FAILED"), StackStatus(rawValue: "IMPORT_ROLLBACK_FAILED")]
    private static let successes: Set<StackStatus> = [.createComplete, .updateComplete, StackStatus(rawValue: "IMPORT_COMPLETE")]
}

/// A stack parameter as passed to or returned by CloudFormation.
public struct StackParameter: Sendable, Equatable {
    /// The parameter's logical name.
    public var key: String
    /// The value; `nil` with `usePreviousValue` keeps the deployed value.
    public var value: String?
    /// Keep the value the stack already has.
    public var usePreviousValue: Bool

    /// A parameter with a literal value.
    public init(key: String, value: String) {
        self.key = key
        self.value = value
        usePreviousValue = false
    }

    /// A parameter that keeps the stack's current value.
    public init(keepingPreviousValueOf key: String) {
        self.key = key
        value = nil
        usePreviousValue = true
    }
}

/// A stack output.
public struct StackOutput: Sendable, Equatable {
    /// The output's logical name.
    public let key: String
    /// Its value.
    public let value: String
    /// The export name, when the output is exported.
    public let exportName: String?
    /// The output's description in the template, when it has one.
    public var description: String? = nil
}

/// One stack as `DescribeStacks` reports it.
public struct StackDescription: Sendable, Equatable {
    /// The stack name.
    public let name: String
    /// The stack ARN.
    public let id: String
    /// The current status.
    public let status: StackStatus
    /// Why it is in that status, when AWS says.
    public let statusReason: String?
    /// When the stack was created.
    public let creationTime: Date?
    /// When it was last updated.
    public let lastUpdatedTime: Date?
    /// The template description.
    public let description: String?
    /// Whether termination protection is on.
    public let terminationProtection: Bool
    /// The outputs, in AWS's order.
    public let outputs: [StackOutput]
    /// The parameters as deployed.
    public let parameters: [StackParameter]
    /// The stack tags.
    public let tags: [StackTag]
    /// The acknowledged capabilities.
    public let capabilities: [String]
    /// The service role CloudFormation acts with, if the stack has one.
    public var roleARN: String? = nil
    /// The SNS topics that receive the stack's events, sorted.
    public var notificationARNs: [String] = []
}

/// One entry of a stack's event log.
public struct StackEvent: Sendable, Equatable {
    /// The unique event id.
    public let id: String
    /// The stack name.
    public let stackName: String
    /// The resource's logical id (the stack name for stack-level events).
    public let logicalResourceID: String
    /// The physical id, once the resource exists.
    public let physicalResourceID: String?
    /// The resource type, e.g. `AWS::IAM::Role`.
    public let resourceType: String
    /// When it happened.
    public let timestamp: Date?
    /// The resource status, e.g. `CREATE_FAILED`.
    public let status: String
    /// Why, for failures.
    public let statusReason: String?

    /// The event reports a failed resource or stack operation (`…_FAILED`).
    public var isFailure: Bool { status.hasSuffix("_FAILED") }
}

/// Whether a change set creates a new stack, updates one, or imports resources.
public enum ChangeSetType: String, Sendable {
    /// For a stack that does not exist yet.
    case create = "CREATE"
    /// For an existing stack.
    case update = "UPDATE"
    /// For importing existing resources.
    case `import` = "IMPORT"
}

/// Where the template of a change set comes from.
public enum TemplateSource: Sendable, Equatable {
    /// The template JSON inline (at most 51,200 bytes).
    case body(String)
    /// A template in S3 (up to 1 MB).
    case url(String)
    /// The template the stack already has.
    case previous
}

/// The input of `CreateChangeSet`.
public struct CreateChangeSetInput: Sendable, Equatable {
    /// The stack name.
    public var stackName: String
    /// The change set name, unique per stack.
    public var changeSetName: String
    /// Create, update or import: always explicit, so behaviour never depends on a service default.
    public var type: ChangeSetType
    /// The template.
    public var template: TemplateSource
    /// Parameters.
    public var parameters: [StackParameter]
    /// Capabilities such as `CAPABILITY_NAMED_IAM`.
    public var capabilities: [String]
    /// Stack tags.
    public var tags: [StackTag]
    /// A service role CloudFormation uses instead of the caller's permissions.
    public var roleARN: String?
    /// SNS topics for the stack's events (empty: left as they are).
    public var notificationARNs: [String] = []
    /// A free-text description.
    public var description: String?
    /// An idempotency token, so a retried call cannot create two change sets.
    public var clientToken: String?

    /// An input with the required parts; the rest default to empty.
    public init(stackName: String, changeSetName: String, type: ChangeSetType, template: TemplateSource, parameters: [StackParameter] = [], capabilities: [String] = [], tags: [StackTag] = [], roleARN: String? = nil, description: String? = nil, clientToken: String? = nil) {
        self.stackName = stackName
        self.changeSetName = changeSetName
        self.type = type
        self.template = template
        self.parameters = parameters
        self.capabilities = capabilities
        self.tags = tags
        self.roleARN = roleARN
        self.description = description
        self.clientToken = clientToken
    }
}

/// The ids `CreateChangeSet` returns.
public struct CreatedChangeSet: Sendable, Equatable {
    /// The change set ARN.
    public let id: String
    /// The stack ARN.
    public let stackID: String
}

/// One planned resource change of a change set.
public struct ResourceChange: Sendable, Equatable {
    /// `Add`, `Modify`, `Remove`, `Import`, `Dynamic`.
    public let action: String
    /// The logical id.
    public let logicalResourceID: String
    /// The physical id, for existing resources.
    public let physicalResourceID: String?
    /// The resource type.
    public let resourceType: String
    /// `True`, `False` or `Conditional` for modifications.
    public let replacement: String?
    /// What changes inside the resource, property by property (`Details`); empty for adds and removes.
    public var details: [ResourceChangeDetail] = []
}

/// One entry of a resource change's `Details`: which attribute or property changes, why, and
/// whether that change alone replaces the resource.
public struct ResourceChangeDetail: Sendable, Equatable {
    /// `Properties`, `Metadata`, `Tags`, `CreationPolicy`, `UpdatePolicy`, `DeletionPolicy`, `UpdateReplacePolicy`.
    public var attribute: String
    /// The property's name, for `Properties` (e.g. `BucketName`).
    public var name: String?
    /// `Never`, `Conditionally` or `Always`: whether changing it replaces the resource.
    public var requiresRecreation: String?
    /// `DirectModification`, `ParameterReference`, `ResourceReference`, `ResourceAttribute` or `Automatic`.
    public var changeSource: String?
    /// The parameter, resource or `Resource.Attribute` the change comes from, when it comes from one.
    public var causingEntity: String?
    /// `Static` (known now) or `Dynamic` (known only while the change set executes).
    public var evaluation: String?
    /// The JSON pointer of the property (`/Properties/BucketName`), with `IncludePropertyValues`.
    public var path: String?
    /// The value before, with `IncludePropertyValues` (NoEcho values come back masked by AWS).
    public var beforeValue: String?
    /// The value after, with `IncludePropertyValues`.
    public var afterValue: String?
    /// `Add`, `Remove`, `Modify` or `SyncWithActual`, with `IncludePropertyValues`.
    public var attributeChangeType: String?

    /// A detail with the target's attribute; the rest default to unknown.
    public init(attribute: String, name: String? = nil, requiresRecreation: String? = nil, changeSource: String? = nil, causingEntity: String? = nil,
                evaluation: String? = nil, path: String? = nil, beforeValue: String? = nil, afterValue: String? = nil, attributeChangeType: String? = nil) {
        self.attribute = attribute
        self.name = name
        self.requiresRecreation = requiresRecreation
        self.changeSource = changeSource
        self.causingEntity = causingEntity
        self.evaluation = evaluation
        self.path = path
        self.beforeValue = beforeValue
        self.afterValue = afterValue
        self.attributeChangeType = attributeChangeType
    }

    /// Changing this alone always replaces the resource.
    public var forcesReplacement: Bool { requiresRecreation == "Always" }
    /// Changing this may replace the resource (CloudFormation decides while executing).
    public var mayForceReplacement: Bool { requiresRecreation == "Conditionally" }
}

/// A change set as `DescribeChangeSet` reports it (all pages merged).
public struct ChangeSetDescription: Sendable, Equatable {
    /// The change set ARN.
    public let id: String
    /// The change set name.
    public let name: String
    /// The stack ARN.
    public let stackID: String
    /// The stack name.
    public let stackName: String
    /// `CREATE_PENDING`, `CREATE_IN_PROGRESS`, `CREATE_COMPLETE`, `FAILED`, …
    public let status: String
    /// Why, for `FAILED`.
    public let statusReason: String?
    /// `AVAILABLE` once it can be executed; `UNAVAILABLE`, `EXECUTE_COMPLETE`, …
    public let executionStatus: String
    /// The planned changes.
    public let changes: [ResourceChange]

    /// CloudFormation is still computing the changes (`CREATE_PENDING`, `CREATE_IN_PROGRESS`).
    public var isPending: Bool { status == "CREATE_PENDING" || status == "CREATE_IN_PROGRESS" }
    /// The changes are computed and the change set can be executed.
    public var isReady: Bool { status == "CREATE_COMPLETE" }
    /// It was executed, or is being: CloudFormation consumes it, so it is no leftover to delete.
    public var isExecuted: Bool { Self.hasStarted(executionStatus) }

    /// Whether an `ExecutionStatus` means execution began (`EXECUTE_IN_PROGRESS`, `EXECUTE_COMPLETE`, `EXECUTE_FAILED`).
    static func hasStarted(_ executionStatus: String) -> Bool { executionStatus.hasPrefix("EXECUTE_") }

    /// A change set that failed only because the template changes nothing: success for a deployer.
    public var isEmpty: Bool {
        status == "FAILED" && changes.isEmpty
            && (statusReason?.contains("didn't contain changes") == true || statusReason?.contains("No updates are to be performed") == true)
    }
}
