import Foundation
import InfraDeploy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the CLI writes and reads: the process's streams, or a test's buffers.
protocol Console: Sendable {
    /// Writes `text` to standard output in one piece.
    func write(_ text: String)
    /// Writes `text` to standard error in one piece; concurrent callers never split each other's lines.
    func log(_ text: String)
    /// Whether a person can answer prompts (standard input and standard error are terminals).
    var isInteractive: Bool { get }
    /// One line from standard input, `nil` at its end.
    func readLine() async -> String?
}

/// The process's own streams; one lock serializes every write, so lines never interleave mid-line.
final class ProcessConsole: Console, @unchecked Sendable {
    private let lock = NSLock()

    var isInteractive: Bool { isatty(0) == 1 && isatty(2) == 1 }

    func write(_ text: String) { emit(text, to: FileHandle.standardOutput) }
    func log(_ text: String) { emit(text, to: FileHandle.standardError) }

    private func emit(_ text: String, to handle: FileHandle) {
        lock.lock()
        defer { lock.unlock() }
        handle.write(Data(text.utf8))
    }

    func readLine() async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Swift.readLine()) }
        }
    }
}

/// Progress lines, each prefixed `stage / account / stack`, written whole through the console.
struct ProgressPrinter: Sendable {
    let console: any Console

    static func prefix(_ stack: DeploymentManifest.Stack) -> String {
        "\(stack.stage ?? "-") / \(stack.account) / \(stack.name)"
    }

    func print(_ event: RolloutEvent) {
        switch event {
        case .stageStarted(let stage):
            console.log("== stage \(stage ?? "- (stacks without a stage)")\n")
        case .progress(let stack, let text):
            console.log("\(Self.prefix(stack)): \(text)\n")
        case .stackEvent(let stack, let event):
            var line = "\(Self.prefix(stack)): \(event.status) \(event.resourceType) \(event.logicalResourceID)"
            if let reason = event.statusReason, !reason.isEmpty { line += ": \(reason)" }
            console.log(line + "\n")
        case .finished(let result):
            var line = "\(Self.prefix(result.stack)): \(result.outcome.label)"
            if let status = result.status { line += " (\(status))" }
            if result.outcome == .skipped, let error = result.error { line += ": \(error.message)" }
            console.log(line + "\n")
        }
    }
}

/// Asks on the terminal, one question at a time; answers `unavailable` without a terminal.
actor ConsoleApprover: ApprovalProvider {
    let console: any Console
    let yes: Bool

    init(console: any Console, yes: Bool) {
        self.console = console
        self.yes = yes
    }

    func decide(_ request: ApprovalRequest) async -> ApprovalDecision {
        if yes { return .approved }
        guard console.isInteractive else {
            return .unavailable("standard input is not a terminal and --yes was not given")
        }
        var text = "\n\(ProgressPrinter.prefix(request.stack)) (\(request.stack.region)): change set \(request.changeSetName) needs approval: \(request.reason)\n"
        for change in request.changes {
            text += "  \(change.action) \(change.logicalResourceID) (\(change.resourceType))\(change.replacement == "True" ? " REPLACEMENT" : "")\n"
        }
        for fact in request.broadening { text += "  + \(fact)\n" }
        text += "Execute it? [y/N] "
        console.log(text)
        let answer = await console.readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        return answer == "y" || answer == "yes" ? .approved : .declined
    }
}
