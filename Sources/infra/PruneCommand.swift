import Foundation
import InfraDeploy

extension CommandRunner {
    /// `infra deploy --prune`, once every declared stack succeeded: deletes this app's stacks the
    /// manifest no longer declares (found by the app's tag), with the destroy summary. `--prune` is the
    /// consent: `infra plan` lists what it deletes.
    func prune(_ engine: RolloutEngine, options rollout: RolloutOptions, printer: ProgressPrinter) async throws -> Int32 {
        guard engine.artifacts.manifest.app != nil else {
            console.log("warning: --prune found nothing to compare: the manifest names no app; give the App a name (App(name: …)) and regenerate\n")
            return 0
        }
        let undeclared = try await engine.undeclaredStacks()
        guard !undeclared.isEmpty else {
            console.log("prune: no undeclared stacks of this app\n")
            return 0
        }
        console.log("prune: deleting \(undeclared.count) stack\(undeclared.count == 1 ? "" : "s") no longer declared: \(undeclared.map(\.stack.name).joined(separator: ", "))\n")
        var options = DestroyOptions()
        options.pollInterval = rollout.pollInterval
        options.maxWait = rollout.maxWait
        let results = await engine.prune(undeclared, options: options) { printer.print($0) }
        printer.clearLive()
        let report = DestroyReport(results: results)
        console.write(Reports.destroySummary(report))
        if let error = report.firstError {
            console.log("error: \(error)\n")
            return error.exitStatus
        }
        return report.succeeded ? 0 : 1
    }
}
