/// A per-stage value that names the account its stage deploys to: an `Account` itself, or a
/// component's per-stage settings (the Jenkins `AgentTemplate`'s target). A `PerStage` of such
/// values warns when two of its stages share one account.
public protocol StageAccount: Sendable {
    /// The account the stage deploys to.
    var stageAccount: Account { get set }
}

extension Account: StageAccount {
    /// The account itself.
    public var stageAccount: Account {
        get { self }
        set { self = newValue }
    }
}

extension PerStage {
    /// The same values without lint finding `id` (`STG001`: two stages share one account); the
    /// reason is for the reviewer reading the code.
    public func suppressingLint(_ id: String, because reason: String) -> Self {
        guard id == StageAccountSharing.lintId else { return self }
        var copy = self
        copy.values = StageAccountSharing.marked(values, with: nil)
        return copy
    }
}

/// Lint `STG001`: a `PerStage` that gives two or more of its stages one account. Stages exist so a
/// change is tried in one before it reaches the next; in one account, a stage's stacks, roles and
/// physical names can reach the other's. The finding rides on the accounts the `PerStage` hands
/// out, so it is reported, once, when a stack deploys to one of them.
struct StageAccountSharing: Sendable, Equatable {
    /// The lint ID, as `.suppressingLint` takes it.
    static let lintId = "STG001"
    /// The `PerStage`'s line.
    let location: SourceLocation
    /// What is shared, by whom.
    let message: String

    /// `values`, each account marked with the finding when some stages share one; unchanged when they
    /// do not, or when the values name no accounts.
    static func marked<S: StageSet, Value>(_ values: [(stage: S, value: Value)], at location: SourceLocation) -> [(stage: S, value: Value)] {
        var groups: [(account: Account, stages: [String])] = []
        for (stage, value) in values {
            guard let account = (value as? any StageAccount)?.stageAccount else { return values }
            if let index = groups.firstIndex(where: { $0.account.id == account.id }) {
                groups[index].stages.append(stage.rawValue)
            } else {
                groups.append((account, [stage.rawValue]))
            }
        }
        let shared = groups.filter { $0.stages.count > 1 }
        guard !shared.isEmpty else { return values }
        let what = shared.map { "stages \(Self.list($0.stages)) \($0.stages.count == 2 ? "both" : "all") deploy to account '\($0.account.name)' (\($0.account.id))" }
        let finding = StageAccountSharing(
            location: location,
            message: "[\(lintId)] PerStage: \(what.joined(separator: "; ")); give each stage an account of its own, so a change tried in one stage cannot reach the next")
        return marked(values, with: finding)
    }

    /// `values` with every account's mark set to `finding`.
    static func marked<S: StageSet, Value>(_ values: [(stage: S, value: Value)], with finding: StageAccountSharing?) -> [(stage: S, value: Value)] {
        values.map { stage, value in
            guard var named = value as? any StageAccount else { return (stage, value) }
            named.stageAccount.sharedByStages = finding
            return (stage, named as! Value)
        }
    }

    /// `a and b`, `a, b and c`.
    static func list(_ names: [String]) -> String {
        names.count < 2 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
    }

    /// One warning per `PerStage` whose shared accounts some stack of the app deploys to.
    static func check(_ stacks: [Stack], into diagnostics: inout Diagnostics) {
        var reported: [StageAccountSharing] = []
        for stack in stacks {
            guard let finding = stack.stageAccountSharing, !reported.contains(finding) else { continue }
            reported.append(finding)
            diagnostics.warning(finding.message, at: finding.location)
        }
    }
}
