import Foundation
import InfraDeploy

// `infra`: the thin command line over InfraDeploy's rollout engine (see Runner.swift).
//
// Ctrl-C (or SIGTERM) cancels the run: stacks not started are skipped, change sets not yet executed
// are deleted, and operations CloudFormation already runs continue there (the next run waits for
// them). A second Ctrl-C quits at once; so does the first after 15 seconds.
let transport = URLSessionTransport()
let console = ProcessConsole()
let run = Task { await CommandRunner(environment: .live(transport: transport), console: console).run(Array(CommandLine.arguments.dropFirst())) }
let interrupts = InterruptCount()
var sources: [any DispatchSourceSignal] = []
for signalNumber in [SIGINT, SIGTERM] {
    signal(signalNumber, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
    source.setEventHandler {
        if interrupts.next() > 1 { exit(130) }
        console.log("infra: interrupted; stopping (unexecuted change sets are deleted); press Ctrl-C again to quit at once\n")
        run.cancel()
        // Whatever still runs after 15 s (a write awaited to its answer on a dead network) must not
        // hold the process.
        DispatchQueue.global().asyncAfter(deadline: .now() + 15) {
            console.log("infra: still stopping after 15 s; quitting (the next run cleans up)\n")
            exit(130)
        }
    }
    source.resume()
    sources.append(source)
}
let status = await run.value
// Interrupted is 130 whatever the run reported, as shells and CI tools expect of SIGINT.
exit(interrupts.count > 0 ? 130 : status)

/// Counts signals across the handler's invocations.
final class InterruptCount: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    var count: Int { lock.lock(); defer { lock.unlock() }; return value }
    func next() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
