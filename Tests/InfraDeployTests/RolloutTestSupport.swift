import Foundation
import InfraCrypto
@testable import InfraDeploy

/// Recorded responses from `Fixtures/`, with `{{Name}}` placeholders.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func text(_ name: String) -> String {
        do {
            return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        } catch {
            preconditionFailure("missing fixture \(name): \(error)")
        }
    }

    /// The fixture with every `{{key}}` replaced (values are inserted as given: escape them first).
    static func fill(_ name: String, _ values: [String: String]) -> String {
        var text = text(name)
        for (key, value) in values { text = text.replacingOccurrences(of: "{{\(key)}}", with: value) }
        return text
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}

/// An in-memory CloudFormation and STS behind the transport seam, answering with the recorded
/// fixtures. Accounts come from the signing key: `AKIABASE…` is the deployer's own account
/// (`999999999999`); `AssumeRole` into `arn:aws:iam::<account>:role/…` returns key `ASIA<account>`.
final class FakeCloudFormation: HTTPTransport, @unchecked Sendable {
    struct Event { var id: String; var logicalID: String; var type: String; var status: String; var reason: String? }
    struct ChangeSet {
        var name: String; var id: String; var type: String; var template: String; var parameters: [String: String]; var tags: [String: String]
        var status: String; var executionStatus: String; var reason: String?; var changes: [(action: String, id: String, type: String, replacement: String?)]
        var roleARN: String? = nil; var notificationARNs: [String]? = nil
    }
    struct Stack {
        var name: String; var account: String; var id: String; var status: String; var reason: String?
        var template: String = "{}"; var parameters: [String: String] = [:]; var tags: [String: String] = [:]; var outputs: [String: String] = [:]
        var outputDescriptions: [String: String] = [:]
        var terminationProtection = false
        var roleARN: String?
        var notificationARNs: [String] = []
        var stackPolicy: String?
        var events: [Event] = []  // newest first
        var changeSets: [String: ChangeSet] = [:]
        /// Statuses `DescribeStacks` reports next, one per call, the last one sticking.
        var upcoming: [String] = []
    }
    /// How executing a change set ends, per stack name.
    struct Outcome {
        var statuses: [String]
        var failures: [(logicalID: String, type: String, status: String, reason: String)] = []
    }

    static let baseAccount = "999999999999"
    private let lock = NSLock()
    private var stacks: [String: Stack] = [:]
    private var eventCounter = 0
    private(set) var calls: [(account: String, action: String, parameters: [String: String])] = []
    /// Responses served instead of the real answer, per action, first in first out.
    var injected: [String: [HTTPResponse]] = [:]
    /// How executions end, per stack name (default: `…_IN_PROGRESS`, then `…_COMPLETE`).
    var outcomes: [String: Outcome] = [:]
    /// How deletions end, per stack name (default: `DELETE_IN_PROGRESS`, then `DELETE_COMPLETE`).
    var deleteOutcomes: [String: Outcome] = [:]
    /// Resource logical ids whose modification replaces them.
    var replacing: Set<String> = []
    /// S3 buckets that exist, as `account|bucket` (templates over 51,200 bytes go there).
    var buckets: Set<String> = []
    /// S3 objects by `account|bucket/key`.
    private(set) var objects: [String: String] = [:]

    func object(_ bucket: String, _ key: String, in account: String) -> String? { lock.locked { objects["\(account)|\(bucket)/\(key)"] } }
    func putObject(_ bucket: String, _ key: String, _ body: String, in account: String) { lock.locked { objects["\(account)|\(bucket)/\(key)"] = body } }

    func stack(_ name: String, in account: String) -> Stack? { lock.locked { stacks["\(account)|\(name)"] } }

    func put(_ stack: Stack) { lock.locked { stacks["\(stack.account)|\(stack.name)"] = stack } }

    func seed(_ name: String, account: String, status: String, template: String = "{}", parameters: [String: String] = [:], tags: [String: String] = [:],
              outputs: [String: String] = [:], reason: String? = nil, events: [(String, String, String, String?)] = [], upcoming: [String] = []) {
        lock.locked {
            var stack = Stack(name: name, account: account, id: "arn:aws:cloudformation:eu-west-1:\(account):stack/\(name)/\(UUID().uuidString.lowercased())", status: status, reason: reason,
                              template: template, parameters: parameters, tags: tags, outputs: outputs, upcoming: upcoming)
            for (logicalID, type, eventStatus, eventReason) in events {
                eventCounter += 1
                stack.events.insert(Event(id: "event-\(eventCounter)", logicalID: logicalID, type: type, status: eventStatus, reason: eventReason), at: 0)
            }
            stacks["\(account)|\(name)"] = stack
        }
    }

    /// Actions called, in order, optionally only those of `account`.
    func actions(in account: String? = nil) -> [String] { lock.locked { calls.filter { account == nil || $0.account == account }.map(\.action) } }

    static let readActions: Set<String> = ["DescribeStacks", "DescribeStackEvents", "GetTemplate", "DescribeChangeSet", "ListChangeSets", "GetCallerIdentity", "AssumeRole", "S3:HEAD", "S3:GET", "GetStackPolicy"]
    /// Calls that change something in CloudFormation.
    var writes: [String] { actions().filter { !Self.readActions.contains($0) } }

    /// The account a call acts in: the one an assumed role's fake keys name (`ASIA` + account), or the base account.
    static func callerAccount(_ request: HTTPRequest) -> String {
        let keyID = request.headers["Authorization"]?.components(separatedBy: "Credential=").last?.components(separatedBy: "/").first ?? ""
        return keyID.hasPrefix("ASIA") ? String(keyID.dropFirst(4).prefix(12)) : baseAccount
    }

    /// The next answer queued for `action`, taken off its queue; nil when none is queued.
    static func takeInjected(_ queues: inout [String: [HTTPResponse]], for action: String) -> HTTPResponse? {
        guard var queue = queues[action], !queue.isEmpty else { return nil }
        let response = queue.removeFirst()
        queues[action] = queue
        return response
    }

    func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        // Query calls are form POSTs; S3 calls are recorded as `S3:<METHOD>` with their bucket and key.
        let isS3 = request.method != "POST"
        let parameters = isS3 ? Self.s3Address(request) : formFields(request)
        let action = isS3 ? "S3:\(request.method)" : parameters["Action"] ?? ""
        let account = Self.callerAccount(request)
        return lock.locked {
            calls.append((account, action, parameters))
            if let response = Self.takeInjected(&injected, for: action) { return response }
            return isS3 ? answerS3(action, parameters, body: request.body, account: account) : answer(action, parameters, account: account)
        }
    }

    /// Bucket and key of a virtual-hosted S3 request (`<bucket>.s3.<region>.amazonaws.com/<key>`).
    static func s3Address(_ request: HTTPRequest) -> [String: String] {
        ["Bucket": String(request.authority.prefix { $0 != "." }), "Key": String(request.path.dropFirst())]
    }

    private func answerS3(_ action: String, _ p: [String: String], body: [UInt8], account: String) -> HTTPResponse {
        let bucket = p["Bucket"] ?? "", objectKey = "\(account)|\(bucket)/\(p["Key"] ?? "")"
        switch action {
        case "S3:HEAD":
            return HTTPResponse(status: objects[objectKey] == nil ? 404 : 200)
        case "S3:PUT":
            guard buckets.contains("\(account)|\(bucket)") else {
                return xml("<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message><BucketName>\(bucket)</BucketName><RequestId>s3-req-1</RequestId></Error>", status: 404)
            }
            objects[objectKey] = String(decoding: body, as: UTF8.self)
            return HTTPResponse(status: 200)
        default:
            return xml("<Error><Code>MethodNotAllowed</Code><Message>not in this fake</Message></Error>", status: 405)
        }
    }

    /// The body of the object a `TemplateURL` names, in `account`.
    private func templateAtURL(_ url: String, account: String) -> String? {
        guard let components = URLComponents(string: url), let host = components.host else { return nil }
        return objects["\(account)|\(host.prefix { $0 != "." })/\(components.path.dropFirst())"]
    }

    private func ok(_ text: String) -> HTTPResponse { xml(text) }

    private func notFound(_ name: String) -> HTTPResponse { xml(Fixture.fill("Error.StackDoesNotExist.xml", ["StackName": Fixture.escape(name)]), status: 400) }

    private func key(_ nameOrID: String, _ account: String) -> String? {
        if stacks["\(account)|\(nameOrID)"] != nil { return "\(account)|\(nameOrID)" }
        return stacks.first { $0.value.id == nameOrID && $0.value.account == account }?.key
    }

    private func members(_ fixture: String, _ pairs: [String: String]) -> String {
        pairs.keys.sorted().map { Fixture.fill(fixture, ["Key": Fixture.escape($0), "Value": Fixture.escape(pairs[$0]!)]) }.joined()
    }

    private func addEvent(_ key: String, _ logicalID: String, _ type: String, _ status: String, _ reason: String? = nil) {
        eventCounter += 1
        stacks[key]?.events.insert(Event(id: "event-\(eventCounter)", logicalID: logicalID, type: type, status: status, reason: reason), at: 0)
    }

    private func describeXML(_ stack: Stack) -> String {
        Fixture.fill("DescribeStacks.stack.xml", [
            "StackId": stack.id, "StackName": stack.name, "Description": "recorded", "StackStatus": stack.status,
            "StackStatusReason": stack.reason.map { "<StackStatusReason>\(Fixture.escape($0))</StackStatusReason>" } ?? "",
            "Parameters": members("DescribeStacks.member.parameter.xml", stack.parameters),
            "Outputs": stack.outputs.keys.sorted().map {
                Fixture.fill("DescribeStacks.member.output.xml", ["Key": Fixture.escape($0), "Value": Fixture.escape(stack.outputs[$0]!),
                                                                  "Description": Fixture.escape(stack.outputDescriptions[$0] ?? "recorded output")])
            }.joined(),
            "Tags": members("DescribeStacks.member.tag.xml", stack.tags), "TerminationProtection": stack.terminationProtection ? "true" : "false",
            "NotificationARNs": stack.notificationARNs.map { "<member>\(Fixture.escape($0))</member>" }.joined(),
            "RoleARN": stack.roleARN.map { "<RoleARN>\(Fixture.escape($0))</RoleARN>" } ?? "",
        ])
    }

    private func answer(_ action: String, _ p: [String: String], account: String) -> HTTPResponse {
        switch action {
        case "AssumeRole":
            let roleAccount = p["RoleArn"]?.split(separator: ":", omittingEmptySubsequences: false).dropFirst(4).first.map(String.init) ?? "000000000000"
            return ok(Fixture.fill("AssumeRole.xml", ["Account": roleAccount, "AccessKeyId": "ASIA\(roleAccount)", "SecretKey": "assumed-secret-\(roleAccount)", "SessionToken": "assumed-token-\(roleAccount)"]))
        case "GetCallerIdentity":
            return ok(Fixture.fill("GetCallerIdentity.xml", ["Account": account]))
        case "DescribeStacks":
            guard let name = p["StackName"] else {
                // Without a name: every live stack of the account, as the service lists them.
                let members = stacks.values.filter { $0.account == account && $0.status != "DELETE_COMPLETE" }.sorted { $0.name < $1.name }.map { stack in
                    let one = describeXML(stack)
                    let start = one.range(of: "<Stacks>")!.upperBound, end = one.range(of: "</Stacks>")!.lowerBound
                    return String(one[start..<end])
                }
                let empty = describeXML(Stack(name: "", account: account, id: "", status: ""))
                let start = empty.range(of: "<Stacks>")!.upperBound, end = empty.range(of: "</Stacks>")!.lowerBound
                return ok(empty.replacingCharacters(in: start..<end, with: members.joined()))
            }
            guard let key = key(name, account), var stack = stacks[key], stack.status != "DELETE_COMPLETE" || name.hasPrefix("arn:") else { return notFound(name) }
            if !stack.upcoming.isEmpty {
                stack.status = stack.upcoming.count > 1 ? stack.upcoming.removeFirst() : stack.upcoming[0]
                if stack.upcoming.count == 1 { stack.status = stack.upcoming[0]; stack.upcoming = [] }
                stacks[key] = stack
            }
            return ok(describeXML(stack))
        case "DescribeStackEvents":
            guard let key = key(p["StackName"] ?? "", account), let stack = stacks[key] else { return notFound(p["StackName"] ?? "") }
            let events = stack.events.enumerated().map { index, event in
                Fixture.fill("DescribeStackEvents.member.xml", [
                    "EventId": event.id, "StackId": stack.id, "StackName": stack.name, "LogicalId": event.logicalID, "PhysicalId": event.logicalID,
                    "ResourceType": event.type, "Second": String(format: "%02d", (59 - index % 60)), "ResourceStatus": event.status,
                    "ResourceStatusReason": event.reason.map { "<ResourceStatusReason>\(Fixture.escape($0))</ResourceStatusReason>" } ?? "",
                ])
            }.joined()
            return ok(Fixture.fill("DescribeStackEvents.xml", ["Events": events]))
        case "GetTemplate":
            guard let key = key(p["StackName"] ?? "", account), let stack = stacks[key] else { return notFound(p["StackName"] ?? "") }
            return ok(Fixture.fill("GetTemplate.xml", ["TemplateBody": Fixture.escape(stack.template)]))
        case "ListChangeSets":
            guard let key = key(p["StackName"] ?? "", account), let stack = stacks[key] else { return notFound(p["StackName"] ?? "") }
            let summaries = stack.changeSets.values.sorted { $0.name < $1.name }.map {
                Fixture.fill("ListChangeSets.member.xml", ["StackId": stack.id, "StackName": stack.name, "ChangeSetId": $0.id, "ChangeSetName": $0.name, "ExecutionStatus": $0.executionStatus, "Status": $0.status])
            }.joined()
            return ok(Fixture.fill("ListChangeSets.xml", ["Summaries": summaries]))
        case "CreateChangeSet":
            let name = p["StackName"] ?? ""
            let type = p["ChangeSetType"] ?? "(missing)"
            var key = key(name, account)
            if type == "CREATE" {
                if let existing = key, stacks[existing]?.status != "REVIEW_IN_PROGRESS", stacks[existing]?.status != "DELETE_COMPLETE" {
                    return xml(Fixture.fill("Error.StackDoesNotExist.xml", ["StackName": name]).replacingOccurrences(of: "Stack with id \(name) does not exist", with: "Stack [\(name)] already exists and cannot be created again with the changeSet [\(p["ChangeSetName"] ?? "")]."), status: 400)
                }
                if key == nil || stacks[key!]?.status == "DELETE_COMPLETE" {
                    let stack = Stack(name: name, account: account, id: "arn:aws:cloudformation:eu-west-1:\(account):stack/\(name)/\(UUID().uuidString.lowercased())", status: "REVIEW_IN_PROGRESS")
                    key = "\(account)|\(name)"
                    stacks[key!] = stack
                    addEvent(key!, name, "AWS::CloudFormation::Stack", "REVIEW_IN_PROGRESS", "User Initiated")
                }
            } else if type != "UPDATE" {
                return xml(Fixture.text("Error.InternalFailure.html"), status: 500)  // moto's answer to a missing type
            }
            guard let stackKey = key, var stack = stacks[stackKey] else { return notFound(name) }
            let (template, parameters, tags) = inputs(p, old: stack, account: account)
            var changes: [(action: String, id: String, type: String, replacement: String?)] = []
            let old = type == "CREATE" ? [:] : Self.resources(stack.template)
            let new = Self.resources(template)
            for id in new.keys.sorted() {
                if let before = old[id] {
                    if before != new[id] { changes.append(("Modify", id, Self.type(new[id]!), replacing.contains(id) ? "True" : "False")) }
                } else {
                    changes.append(("Add", id, Self.type(new[id]!), nil))
                }
            }
            for id in old.keys.sorted() where new[id] == nil { changes.append(("Remove", id, Self.type(old[id]!), nil)) }
            let changeSetName = p["ChangeSetName"] ?? ""
            let id = "arn:aws:cloudformation:eu-west-1:\(account):changeSet/\(changeSetName)/\(UUID().uuidString.lowercased())"
            let same = changes.isEmpty && parameters == stack.parameters && tags == stack.tags
            stack.changeSets[changeSetName] = ChangeSet(
                name: changeSetName, id: id, type: type, template: template, parameters: parameters, tags: tags,
                status: same ? "FAILED" : "CREATE_COMPLETE", executionStatus: same ? "UNAVAILABLE" : "AVAILABLE",
                reason: same ? "The submitted information didn't contain changes. Submit different information to create a change set." : nil, changes: changes,
                roleARN: p["RoleARN"], notificationARNs: Self.notificationARNs(p))
            stacks[stackKey] = stack
            return ok(Fixture.fill("CreateChangeSet.xml", ["ChangeSetId": id, "StackId": stack.id]))
        case "DescribeChangeSet":
            guard let key = key(p["StackName"] ?? "", account), let stack = stacks[key], let changeSet = stack.changeSets[p["ChangeSetName"] ?? ""] else { return notFound(p["StackName"] ?? "") }
            let changes = changeSet.changes.map {
                Fixture.fill("DescribeChangeSet.member.change.xml", ["Action": $0.action, "LogicalId": $0.id, "PhysicalId": $0.id, "ResourceType": $0.type, "Replacement": $0.replacement ?? ""])
            }.joined()
            return ok(Fixture.fill("DescribeChangeSet.xml", [
                "ChangeSetName": changeSet.name, "ChangeSetId": changeSet.id, "StackId": stack.id, "StackName": stack.name,
                "ExecutionStatus": changeSet.executionStatus, "Status": changeSet.status,
                "StatusReason": changeSet.reason.map { "<StatusReason>\(Fixture.escape($0))</StatusReason>" } ?? "", "Changes": changes,
            ]))
        case "DeleteChangeSet":
            guard let key = key(p["StackName"] ?? "", account), stacks[key]?.changeSets.removeValue(forKey: p["ChangeSetName"] ?? "") != nil else { return notFound(p["StackName"] ?? "") }
            return ok(Fixture.text("DeleteChangeSet.xml"))
        case "ExecuteChangeSet":
            guard let key = key(p["StackName"] ?? "", account), var stack = stacks[key], let changeSet = stack.changeSets[p["ChangeSetName"] ?? ""] else { return notFound(p["StackName"] ?? "") }
            stack.changeSets.removeValue(forKey: changeSet.name)
            if let role = changeSet.roleARN { stack.roleARN = role }
            if let topics = changeSet.notificationARNs { stack.notificationARNs = topics }
            stacks[key] = stack
            run(key, changeSet.type == "CREATE" ? "CREATE" : "UPDATE", template: changeSet.template, parameters: changeSet.parameters, tags: changeSet.tags,
                changes: changeSet.changes.map { ($0.id, $0.type) })
            return ok(Fixture.text("ExecuteChangeSet.xml"))
        case "CreateStack", "UpdateStack":
            let name = p["StackName"] ?? ""
            let existing = key(name, account).flatMap { stacks[$0] }.flatMap { $0.status == "DELETE_COMPLETE" ? nil : $0 }
            if action == "CreateStack", existing != nil { return xml(Fixture.fill("Error.AlreadyExists.xml", ["StackName": Fixture.escape(name)]), status: 400) }
            if action == "UpdateStack", existing == nil { return notFound(name) }
            let stackKey = "\(account)|\(existing?.name ?? name)"
            if action == "CreateStack" {
                stacks[stackKey] = Stack(name: name, account: account, id: "arn:aws:cloudformation:eu-west-1:\(account):stack/\(name)/\(UUID().uuidString.lowercased())", status: "CREATE_IN_PROGRESS")
            }
            let old = stacks[stackKey]!
            let (template, parameters, tags) = inputs(p, old: old, account: account)
            let before = action == "CreateStack" ? [:] : Self.resources(old.template)
            let after = Self.resources(template)
            let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }.sorted()
            let role = p["RoleARN"] ?? old.roleARN, topics = Self.notificationARNs(p) ?? old.notificationARNs
            if action == "UpdateStack", changed.isEmpty, parameters == old.parameters, tags == old.tags, role == old.roleARN, topics == old.notificationARNs {
                return xml(Fixture.text("Error.NoUpdates.xml"), status: 400)
            }
            stacks[stackKey]?.roleARN = role
            stacks[stackKey]?.notificationARNs = topics
            run(stackKey, action == "CreateStack" ? "CREATE" : "UPDATE", template: template, parameters: parameters, tags: tags,
                changes: changed.map { ($0, Self.type(after[$0] ?? before[$0]!)) })
            return ok(Fixture.fill(action == "CreateStack" ? "CreateStack.xml" : "UpdateStack.xml", ["StackId": old.id]))
        case "UpdateTerminationProtection":
            guard let key = key(p["StackName"] ?? "", account), stacks[key] != nil else { return notFound(p["StackName"] ?? "") }
            stacks[key]!.terminationProtection = p["EnableTerminationProtection"] == "true"
            return ok(Fixture.fill("UpdateTerminationProtection.xml", ["StackId": stacks[key]!.id]))
        case "GetStackPolicy":
            guard let key = key(p["StackName"] ?? "", account), let stack = stacks[key] else { return notFound(p["StackName"] ?? "") }
            return ok(Fixture.fill("GetStackPolicy.xml", ["StackPolicyBody": stack.stackPolicy.map { "<StackPolicyBody>\(Fixture.escape($0))</StackPolicyBody>" } ?? ""]))
        case "SetStackPolicy":
            guard let key = key(p["StackName"] ?? "", account), stacks[key] != nil else { return notFound(p["StackName"] ?? "") }
            stacks[key]!.stackPolicy = p["StackPolicyBody"]
            return ok(Fixture.text("SetStackPolicy.xml"))
        case "DeleteStack":
            guard let key = key(p["StackName"] ?? "", account), var stack = stacks[key], stack.status != "DELETE_COMPLETE" else { return ok(Fixture.text("DeleteStack.xml")) }
            if stack.terminationProtection { return xml(Fixture.fill("Error.TerminationProtection.xml", ["StackName": Fixture.escape(stack.name)]), status: 400) }
            let outcome = deleteOutcomes[stack.name] ?? Outcome(statuses: ["DELETE_IN_PROGRESS", "DELETE_COMPLETE"])
            stack.upcoming = outcome.statuses
            stack.status = "DELETE_IN_PROGRESS"
            stack.changeSets = [:]
            stacks[key] = stack
            addEvent(key, stack.name, "AWS::CloudFormation::Stack", "DELETE_IN_PROGRESS", "User Initiated")
            for failure in outcome.failures { addEvent(key, failure.logicalID, failure.type, failure.status, failure.reason) }
            addEvent(key, stack.name, "AWS::CloudFormation::Stack", outcome.statuses.last ?? "DELETE_COMPLETE")
            return ok(Fixture.text("DeleteStack.xml"))
        default:
            return xml(Fixture.text("Error.InternalFailure.html"), status: 500)
        }
    }

    /// The `NotificationARNs.member.N` of a call, sorted; `nil` when it names none.
    static func notificationARNs(_ p: [String: String]) -> [String]? {
        let topics = p.filter { $0.key.hasPrefix("NotificationARNs.member.") }.map(\.value).sorted()
        return topics.isEmpty ? nil : topics
    }

    /// Starts an operation (`CREATE`/`UPDATE`) as `outcomes` says, with its events; keeps the inputs when it succeeds.
    private func run(_ key: String, _ verb: String, template: String, parameters: [String: String], tags: [String: String], changes: [(id: String, type: String)]) {
        guard var stack = stacks[key] else { return }
        let outcome = outcomes[stack.name] ?? Outcome(statuses: ["\(verb)_IN_PROGRESS", "\(verb)_COMPLETE"])
        stack.status = "\(verb)_IN_PROGRESS"
        stack.upcoming = outcome.statuses
        let final = outcome.statuses.last ?? "\(verb)_COMPLETE"
        if final.hasSuffix("_COMPLETE"), !final.contains("ROLLBACK") {
            stack.template = template
            stack.parameters = parameters
            stack.tags = tags
        }
        stacks[key] = stack
        addEvent(key, stack.name, "AWS::CloudFormation::Stack", "\(verb)_IN_PROGRESS", "User Initiated")
        for change in changes { addEvent(key, change.id, change.type, "\(verb)_IN_PROGRESS") }
        for failure in outcome.failures { addEvent(key, failure.logicalID, failure.type, failure.status, failure.reason) }
        addEvent(key, stack.name, "AWS::CloudFormation::Stack", final)
    }

    /// The template, parameters and tags of a `CreateChangeSet`, `CreateStack` or `UpdateStack` call.
    private func inputs(_ p: [String: String], old: Stack, account: String) -> (template: String, parameters: [String: String], tags: [String: String]) {
        let template = p["TemplateBody"] ?? p["TemplateURL"].flatMap { templateAtURL($0, account: account) } ?? ""
        var parameters: [String: String] = [:]
        var tags: [String: String] = [:]
        for index in 1... {
            guard let parameterKey = p["Parameters.member.\(index).ParameterKey"] else { break }
            parameters[parameterKey] = p["Parameters.member.\(index).ParameterValue"] ?? old.parameters[parameterKey] ?? ""
        }
        for index in 1... {
            guard let tagKey = p["Tags.member.\(index).Key"] else { break }
            tags[tagKey] = p["Tags.member.\(index).Value"] ?? ""
        }
        return (template, parameters, tags)
    }

    static func resources(_ template: String) -> [String: JSONValue] {
        (try? JSONValue.parse(template))?["Resources"]?.dictionary ?? [:]
    }

    static func type(_ resource: JSONValue) -> String {
        if case .string(let type)? = resource["Type"] { return type }
        return ""
    }
}

/// A console that keeps everything written, for CLI tests.
final class CapturingConsole: @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""
    let interactive: Bool
    private var answers: [String]

    init(interactive: Bool = false, answers: [String] = []) {
        self.interactive = interactive
        self.answers = answers
    }

    var standardOutput: String { lock.locked { out } }
    var standardError: String { lock.locked { err } }
    func appendOut(_ text: String) { lock.locked { out += text } }
    func appendErr(_ text: String) { lock.locked { err += text } }
    func nextAnswer() -> String? { lock.locked { answers.isEmpty ? nil : answers.removeFirst() } }
}

/// Templates and manifests written to a temporary folder, as generate-stacks would.
struct ArtifactFixture {
    let folder: URL

    init(stacks: [Manifest.Stack], templates: [String: String], stages: [String] = ["development", "production"], version: Int? = nil, app: String? = nil,
         stackSets: [Manifest.StackSet] = []) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("infra-rollout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var written: [Manifest.Stack] = []
        for var stack in stacks {
            let body = templates[stack.name] ?? Self.template()
            try Data(body.utf8).write(to: folder.appendingPathComponent(stack.templateFile))
            stack.templateSHA256 = SHA256Hex.of(body)
            written.append(stack)
        }
        var writtenSets: [Manifest.StackSet] = []
        for var set in stackSets {
            let body = templates[set.name] ?? Self.template()
            try Data(body.utf8).write(to: folder.appendingPathComponent(set.stack.templateFile))
            set.stack.templateSHA256 = SHA256Hex.of(body)
            writtenSets.append(set)
        }
        // The shared writer, then the version the test asks for (another one tests the reader's refusal).
        let manifest = Manifest(stages: stages, stacks: written, stackSets: writtenSets, app: app)
        guard case .object(var members) = manifest.json else { fatalError("a manifest is an object") }
        members[0] = JSONValue.Member("version", .int(version ?? manifest.writtenVersion))
        try Data(JSONWriter.write(.object(members)).utf8).write(to: folder.appendingPathComponent("manifest.json"))
    }

    var path: String { folder.path }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    static func template(_ resources: [String: String] = ["Topic": "AWS::SNS::Topic"], properties: [String: String] = [:]) -> String {
        let body = resources.keys.sorted().map { id in
            "\"\(id)\": {\"Type\": \"\(resources[id]!)\"\(properties[id].map { ", \"Properties\": \($0)" } ?? "")}"
        }.joined(separator: ", ")
        return "{\"Resources\": {\(body)}}\n"
    }

    static func stack(_ name: String, account: String, stage: String?, role: Bool = true, dependencies: [String] = [], parameters: [Manifest.Parameter] = [], tags: [StackTag] = [],
                      templateBucket: String? = nil) -> Manifest.Stack {
        Manifest.Stack(name: name, account: account, region: "eu-west-1", stage: stage,
                                 access: role ? .assumeRole(roleARN: "arn:aws:iam::\(account):role/OrganizationAccountAccessRole", externalID: nil) : .currentCredentials,
                                 templateFile: "\(name).template.json", templateSHA256: "", dependencies: dependencies, parameters: parameters,
                                 capabilities: ["CAPABILITY_NAMED_IAM"], tags: tags, templateBucket: templateBucket)
    }
}

enum SHA256Hex {
    static func of(_ text: String) -> String {
        InfraCrypto.SHA256.hexDigest(Array(text.utf8))
    }
}

/// The fields of a form-encoded Query body (`+` is a space, as in every form body).
func formFields(_ request: HTTPRequest) -> [String: String] {
    var result: [String: String] = [:]
    for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let decode = { (text: Substring) in
            let spaced = text.replacingOccurrences(of: "+", with: " ")
            return spaced.removingPercentEncoding ?? spaced
        }
        result[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
    }
    return result
}
