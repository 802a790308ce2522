import Foundation
import InfraDeploy

extension CommandRunner {
    /// `infra destroy`: confirmation (or `--yes`), then the engine's deletion; the summary to standard output.
    func destroy(_ selection: Selection, yes: Bool) async throws -> Int32 {
        let engine = try engine(selection)
        var options = DestroyOptions(stages: selection.stages.isEmpty ? nil : selection.stages, stacks: selection.stacks)
        var rollout = RolloutOptions()
        tuneOptions(&rollout)
        options.pollInterval = rollout.pollInterval
        options.maxWait = rollout.maxWait
        let printer = ProgressPrinter(console: console)
        let io = console
        let report = try await engine.destroy(options, confirm: { targets in
            // Said with --yes too: deleting a producer its consumers still use is allowed, never silent.
            for target in targets where !target.unselectedDependents.isEmpty {
                io.log("warning: \(target.stack.name) is deleted while \(target.unselectedDependents.joined(separator: ", ")), not selected, depend\(target.unselectedDependents.count == 1 ? "s" : "") on it\n")
            }
            if yes { return .approved }
            guard io.isInteractive else { return .unavailable("standard input is not a terminal and --yes was not given") }
            var text = "\ninfra destroy deletes these \(targets.count) stack\(targets.count == 1 ? "" : "s"), in this order:\n"
            for target in targets {
                text += "  \(ProgressPrinter.prefix(target.stack)) (\(target.stack.region)) \(target.deployed?.status.rawValue ?? "")\n"
            }
            text += "Delete them? [y/N] "
            printer.clearLive()
            io.log(text)
            let answer = await io.readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
            return answer == "y" || answer == "yes" ? .approved : .declined
        }) { printer.print($0) }
        printer.clearLive()
        console.write(Reports.destroySummary(report))
        if let error = report.firstError {
            console.log("error: \(error)\n")
            return error.exitStatus
        }
        return report.succeeded ? 0 : 1
    }
}
