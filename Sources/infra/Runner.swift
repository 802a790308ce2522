import Foundation
import InfraDeploy

/// Runs one `infra` invocation and returns its exit status; everything outside comes in through
/// `environment` and `console`, so tests run the real commands against fakes or moto.
struct CommandRunner: Sendable {
    let environment: AWSEnvironment
    let console: any Console
    /// Adjusts rollout options (tests shorten polling); identity by default.
    var tuneOptions: @Sendable (inout RolloutOptions) -> Void = { _ in }
    /// Builds the sessions; tests may pass their own base credentials.
    var makeSessions: @Sendable (AWSEnvironment) -> AccountSessions = { AccountSessions(environment: $0) }

    func run(_ arguments: [String]) async -> Int32 {
        let invocation: Invocation
        do {
            invocation = try ArgumentParser.parse(arguments)
        } catch let error as UsageError {
            console.log("\(error)\n")
            return 2
        } catch {
            console.log("error: \(error)\n")
            return 2
        }
        do {
            switch invocation {
            case .help(let text):
                console.write(text + "\n")
                return 0
            case .version:
                console.write("infra (InfraDSL) manifest version \(Manifest.version)\n")
                return 0
            case .plan(let selection, let output):
                let engine = try engine(selection)
                let plans = try await engine.plan(stages: stages(selection), stacks: selection.stacks)
                let undeclared = try await engine.undeclaredStacks()
                console.write(output == .json ? Reports.planJSON(plans, undeclared: undeclared) : Reports.planText(plans, undeclared: undeclared))
                return 0
            case .status(let selection, let output):
                let engine = try engine(selection)
                let states = try await engine.status(stages: stages(selection), stacks: selection.stacks)
                console.write(output == .json ? Reports.statusJSON(states) : Reports.statusText(states))
                return 0
            case .diff(let selection, let fail):
                let engine = try engine(selection)
                let diffs = try await engine.diff(stages: stages(selection), stacks: selection.stacks)
                console.write(Reports.diffText(diffs))
                return fail && diffs.contains(where: \.differs) ? 1 : 0
            case .destroy(let selection, let yes):
                return try await destroy(selection, yes: yes)
            case .outputs(let selection):
                let engine = try engine(selection)
                let published = try await engine.outputs(stages: stages(selection), stacks: selection.stacks)
                OutputsFile.note(published, console: console)
                console.write(OutputsFile.json(published))
                return 0
            case .drift(let selection, let output):
                let engine = try engine(selection)
                let drifts = try await engine.drift(stages: stages(selection), stacks: selection.stacks)
                console.write(output == .json ? DriftReport.json(drifts) : DriftReport.text(drifts))
                return drifts.allSatisfy(\.inSync) ? 0 : 1
            case .deploy(let selection, let flags):
                let engine = try engine(selection)
                var options = RolloutOptions(stages: stages(selection), stacks: selection.stacks, concurrency: flags.concurrency, approval: flags.approval, recreateFailed: flags.recreateFailed, method: flags.method)
                options.pruneStackInstances = flags.prune
                tuneOptions(&options)
                let printer = ProgressPrinter(console: console)
                let report = try await engine.deploy(options, approver: ConsoleApprover(console: console, yes: flags.yes, printer: printer)) { printer.print($0) }
                printer.clearLive()
                console.write(Reports.summary(report))
                if let path = flags.outputsFile {
                    // Also after a partial success: the stacks that succeeded, so the next step can use them.
                    do {
                        // StackSets have no outputs of their own (their instances' stacks live in the target accounts).
                        let published = try await engine.outputs(of: report.results.filter { $0.outcome.isSuccess && $0.stackSet == nil }.map(\.stack))
                        OutputsFile.note(published, console: console)
                        try OutputsFile.write(OutputsFile.json(published), to: path)
                        console.log("outputs of \(published.stacks.count) stack\(published.stacks.count == 1 ? "" : "s") written to \(path)\n")
                    } catch {
                        console.log("error: could not write the outputs file \(path): \(error)\n")
                        return 1
                    }
                }
                if let error = report.firstError {
                    console.log("error: \(error)\n")
                    return error.exitStatus  // 2 when the input was wrong (template too large, wrong account), else 1
                }
                guard report.succeeded else { return 1 }
                return flags.prune ? try await prune(engine, options: options, printer: printer) : 0
            }
        } catch let error as RolloutError {
            console.log("error: \(error)\n")
            return error.exitStatus
        } catch let error as ArtifactError {
            console.log("error: \(error)\n")
            return error.exitStatus
        } catch {
            console.log("error: \(error)\n")
            return 1
        }
    }

    private func stages(_ selection: Selection) -> [String]? { selection.stages.isEmpty ? nil : selection.stages }

    func engine(_ selection: Selection) throws -> RolloutEngine {
        let artifacts = try ArtifactFolder.load(path: selection.directory)
        let sessions = selection.currentCredentials
            ? AccountSessions(environment: environment, baseCredentials: makeSessions(environment).baseCredentials, accessOverride: .currentCredentials)
            : makeSessions(environment)
        return RolloutEngine(artifacts: artifacts, sessions: sessions)
    }
}
