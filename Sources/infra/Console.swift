import Foundation
import InfraDeploy
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the CLI writes and reads: the process's streams, or a test's buffers.
///
/// Callers use ``write(_:)`` and ``log(_:)``, which pass every message through ``SecretRedaction``;
/// a console implements only the raw writes beneath them.
protocol Console: Sendable {
    /// Writes `text` to standard output in one piece, as given; call ``write(_:)`` instead.
    func writeRaw(_ text: String)
    /// Writes `text` to standard error in one piece, as given; concurrent callers never split each
    /// other's lines. Call ``log(_:)`` instead.
    func logRaw(_ text: String)
    /// Whether a person can answer prompts (standard input and standard error are terminals).
    var isInteractive: Bool { get }
    /// Whether standard error is a terminal that can redraw lines (not `TERM=dumb`).
    var isLiveTerminal: Bool { get }
    /// The width of that terminal in columns.
    var columns: Int { get }
    /// One line from standard input, `nil` at its end.
    func readLine() async -> String?
}

extension Console {
    /// Writes `text` to standard output in one piece, with every known secret redacted.
    func write(_ text: String) { writeRaw(SecretRedaction.redact(text)) }
    /// Writes `text` to standard error in one piece, with every known secret redacted.
    func log(_ text: String) { logRaw(SecretRedaction.redact(text)) }
}

/// The process's own streams; one lock serializes every write, so lines never interleave mid-line.
final class ProcessConsole: Console, @unchecked Sendable {
    private let lock = NSLock()

    var isInteractive: Bool { isatty(0) == 1 && isatty(2) == 1 }
    var isLiveTerminal: Bool { isatty(2) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb" }

    /// The terminal's width, so live lines never wrap (which would break redrawing).
    var columns: Int {
        var size = winsize()
        guard ioctl(2, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 10 else { return 80 }
        return Int(size.ws_col)
    }

    func writeRaw(_ text: String) { emit(text, to: FileHandle.standardOutput) }
    func logRaw(_ text: String) { emit(text, to: FileHandle.standardError) }

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
///
/// In a terminal, the latest step of every running stack is a live line redrawn in place (a compact
/// view per stack); stage starts, failures and results are printed for good above it. Elsewhere
/// (CI logs, pipes) every event is its own line.
final class ProgressPrinter: @unchecked Sendable {
    let console: any Console
    let live: Bool
    private let lock = NSLock()
    private var liveLines: [(stack: String, text: String)] = []
    private var drawn = 0

    init(console: any Console, live: Bool? = nil) {
        self.console = console
        self.live = live ?? console.isLiveTerminal
    }

    static func prefix(_ stack: Manifest.Stack) -> String {
        "\(stack.stage ?? "-") / \(stack.account) / \(stack.name)"
    }

    func print(_ event: RolloutEvent) {
        switch event {
        case .stageStarted(let stage):
            permanent("== stage \(stage ?? "- (stacks without a stage)")")
        case .progress(let stack, let text):
            update(stack, "\(Self.prefix(stack)): \(text)")
        case .changeSet(let stack, let name, let changes):
            var text = "\(Self.prefix(stack)): change set \(name): \(changes.count) change\(changes.count == 1 ? "" : "s")"
            for change in changes {
                text += "\n\(Self.prefix(stack)):   \(change.action) \(change.logicalResourceID) (\(change.resourceType))"
                if change.replacement == "True" { text += " REPLACEMENT" } else if change.replacement == "Conditional" { text += " (may replace)" }
            }
            permanent(text)
        case .stackEvent(let stack, let event):
            var line = "\(Self.prefix(stack)): \(event.status) \(event.resourceType) \(event.logicalResourceID)"
            if let reason = event.statusReason, !reason.isEmpty { line += ": \(reason)" }
            if event.isFailure { permanent(line) } else { update(stack, line) }
        case .finished(let result):
            var line = "\(Self.prefix(result.stack)): \(result.outcome.label)"
            if let status = result.status { line += " (\(status))" }
            if result.outcome == .skipped, let error = result.error { line += ": \(error.message)" }
            permanent(line, finishing: result.stack.name)
        }
    }

    /// Prints `text` (may span lines, ends without newline handling) above the live lines.
    func permanent(_ text: String, finishing stack: String? = nil) {
        lock.lock()
        defer { lock.unlock() }
        guard live else {
            console.log(text + "\n")
            return
        }
        if let stack { liveLines.removeAll { $0.stack == stack } }
        console.log(erase() + text + "\n" + draw())
    }

    /// Removes the live lines, e.g. before a prompt.
    func clearLive() {
        lock.lock()
        defer { lock.unlock() }
        if live { console.log(erase()) }
    }

    private func update(_ stack: Manifest.Stack, _ text: String) {
        // Redacted before `draw` cuts it to the width, which could leave a secret's prefix unmatched.
        let line = SecretRedaction.redact(text)
        lock.lock()
        defer { lock.unlock() }
        guard live else {
            console.log(line + "\n")
            return
        }
        if let index = liveLines.firstIndex(where: { $0.stack == stack.name }) { liveLines[index].text = line } else { liveLines.append((stack.name, line)) }
        console.log(erase() + draw())
    }

    /// Cursor up and clear, once per drawn line (call with the lock held).
    private func erase() -> String {
        defer { drawn = 0 }
        return String(repeating: "\u{1B}[1A\u{1B}[2K", count: drawn)
    }

    /// The live lines, cut to the terminal's width so none wraps (call with the lock held).
    private func draw() -> String {
        drawn = liveLines.count
        let width = max(20, console.columns - 1)
        return liveLines.map { ($0.text.count > width ? String($0.text.prefix(width - 1)) + "…" : $0.text) + "\n" }.joined()
    }
}

/// Asks on the terminal, one question at a time; answers `unavailable` without a terminal.
actor ConsoleApprover: ApprovalProvider {
    let console: any Console
    let yes: Bool
    let printer: ProgressPrinter?

    init(console: any Console, yes: Bool, printer: ProgressPrinter? = nil) {
        self.console = console
        self.yes = yes
        self.printer = printer
    }

    func decide(_ request: ApprovalRequest) async -> ApprovalDecision {
        if yes { return .approved }
        guard console.isInteractive else {
            return .unavailable("standard input is not a terminal and --yes was not given")
        }
        var text = "\n\(ProgressPrinter.prefix(request.stack)) (\(request.stack.region)): \(request.direct ? request.changeSetName : "change set \(request.changeSetName)") needs approval: \(request.reason)\n"
        for change in request.changes {
            text += "  \(change.action) \(change.logicalResourceID) (\(change.resourceType))\(change.replacement == "True" ? " REPLACEMENT" : "")\n"
        }
        for fact in request.broadening { text += "  + \(fact)\n" }
        text += request.direct ? "Deploy it? [y/N] " : "Execute it? [y/N] "
        printer?.clearLive()
        console.log(text)
        let answer = await console.readLine()?.trimmingCharacters(in: .whitespaces).lowercased()
        return answer == "y" || answer == "yes" ? .approved : .declined
    }
}
