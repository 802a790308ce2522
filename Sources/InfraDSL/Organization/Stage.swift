/// A set of rollout stages, in rollout order: an enum whose cases are the stages.
///
/// ```swift
/// enum Stages: String, StageSet { case dev, staging, live }
/// ```
public protocol StageSet: CaseIterable, Hashable, Sendable, RawRepresentable where RawValue == String {}

/// The default stages: development → test → acceptance → production.
public enum Stage: String, StageSet {
    /// Development: deployed first.
    case development
    /// Test.
    case test
    /// Acceptance.
    case acceptance
    /// Production: deployed last.
    case production
}

/// One value per stage, complete by construction: a missing stage does not compile.
///
/// ```swift
/// let targets = PerStage<Stage, Account> { stage in
///     switch stage {
///     case .development: development
///     case .test: test
///     case .acceptance: acceptance
///     case .production: production
///     }
/// }
/// ```
/// The `switch` must be exhaustive, so forgetting `.production` is a compile error at that line.
/// Two stages given one account (as `Account`s, or values naming one, `StageAccount`) are a lint
/// warning at this line, `[STG001]`, once a stack deploys to one of them.
public struct PerStage<S: StageSet, Value: Sendable>: Sendable {
    /// The values in rollout order.
    public internal(set) var values: [(stage: S, value: Value)]
    /// Where the values were given.
    public let location: SourceLocation

    /// A value for every stage, from an exhaustive function of the stage.
    public init(_ value: (S) -> Value, file: String = #filePath, line: Int = #line) {
        location = SourceLocation(file: file, line: line)
        values = StageAccountSharing.marked(S.allCases.map { ($0, value($0)) }, at: location)
    }

    /// The value of `stage`.
    public subscript(stage: S) -> Value {
        values.first { $0.stage == stage }!.value
    }
}

extension PerStage where S == Stage {
    /// A value for each default stage, all four required.
    public init(development: Value, test: Value, acceptance: Value, production: Value, file: String = #filePath, line: Int = #line) {
        self.init(
            { stage in
                switch stage {
                case .development: development
                case .test: test
                case .acceptance: acceptance
                case .production: production
                }
            }, file: file, line: line)
    }
}

/// A stack's place in the rollout: its stage's name and the stage set's order.
public struct StagePlacement: Sendable, Equatable {
    /// The stage's name.
    public let name: String
    /// Every stage of the set, in rollout order.
    public let order: [String]

    /// The placement of `stage` within its set.
    public init<S: StageSet>(_ stage: S) {
        name = stage.rawValue
        order = S.allCases.map(\.rawValue)
    }
}
