import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Starts one `/bin/sh -c` command in a new process group and watches it until it finishes, or
/// until a limit or a cancellation stops the whole group; one use per instance.
///
/// Blocking by design (`poll` and `waitpid`): ``ShellCommandRunner`` calls ``run(_:)`` on a thread
/// of its own. ``cancel()`` may come from any thread, before or during ``run(_:)``.
final class ProcessGroupSupervisor: @unchecked Sendable {
    /// How a run ended.
    enum Ending: Sendable {
        case finished(CommandOutput), timedOut, outputTooLarge, cancelled
    }

    private let limits: CommandLimits
    private let lock = NSLock()
    private var cancelled = false
    private var wakeOpen = true
    /// A pipe `cancel()` writes to, so a `poll` in progress wakes up at once.
    private let wakeRead: Int32
    private let wakeWrite: Int32

    init(limits: CommandLimits) throws {
        self.limits = limits
        (wakeRead, wakeWrite) = try Self.makePipe()
    }

    deinit { closeWake() }

    /// Asks the run to stop the group; harmless after it has finished.
    func cancel() {
        lock.locked {
            cancelled = true
            guard wakeOpen else { return }
            var byte: UInt8 = 1
            _ = write(wakeWrite, &byte, 1)
        }
    }

    private var isCancelled: Bool { lock.locked { cancelled } }

    private func closeWake() {
        lock.locked {
            guard wakeOpen else { return }
            wakeOpen = false
            close(wakeRead)
            close(wakeWrite)
        }
    }

    /// Runs `command` to its end; throws only when it cannot be started.
    func run(_ command: String) throws -> Ending {
        defer { closeWake() }
        if isCancelled { return .cancelled }
        let (outRead, outWrite) = try Self.makePipe()
        defer { close(outRead) }
        let pid: pid_t
        do {
            defer { close(outWrite) }  // the child has its copy; ours must go, or the end of output never comes
            pid = try Self.spawn(command, standardOutput: outWrite)
        }
        return supervise(pid, output: outRead)
    }

    private func supervise(_ pid: pid_t, output outRead: Int32) -> Ending {
        let clock = ContinuousClock()
        let deadline = clock.now + limits.timeout
        var output: [UInt8] = []
        var reading = true
        var exitStatus: Int32?
        var stopping: (why: Ending, killAt: ContinuousClock.Instant)?
        var buffer = [UInt8](repeating: 0, count: 64 << 10)

        func stop(_ why: Ending) {
            guard stopping == nil else { return }
            stopping = (why, clock.now + limits.terminationGrace)
            Self.signalGroup(pid, SIGTERM)
        }

        while true {
            if exitStatus == nil { exitStatus = Self.reapIfExited(pid) }
            if exitStatus != nil && !reading { break }
            if let stopping, clock.now >= stopping.killAt { break }
            if stopping == nil && clock.now >= deadline {
                stop(.timedOut)
                continue
            }
            // Without SIGCHLD, the end of a process that closed its output is only seen by asking.
            var wait = clock.now.duration(to: stopping?.killAt ?? deadline)
            if !reading { wait = min(wait, .milliseconds(20)) }
            var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            if reading { fds.append(pollfd(fd: outRead, events: Int16(POLLIN), revents: 0)) }
            if poll(&fds, nfds_t(fds.count), Self.milliseconds(wait)) < 0 {
                // EINTR, or a resource shortage that may pass; the deadline still holds either way.
                if errno != EINTR { usleep(10_000) }
                continue
            }
            if fds[0].revents != 0 {
                var drained = [UInt8](repeating: 0, count: 16)
                _ = read(wakeRead, &drained, drained.count)
                if isCancelled { stop(.cancelled) }
            }
            if reading && fds[1].revents != 0 {
                let count = read(outRead, &buffer, buffer.count)
                if count > 0 {
                    output.append(contentsOf: buffer[0..<count])
                    if output.count > limits.maxOutputBytes {
                        reading = false
                        output = []
                        stop(.outputTooLarge)
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    reading = false
                }
            }
        }
        guard let stopping else {
            // Finished on its own: status known and output at its end.
            return .finished(CommandOutput(status: exitStatus ?? -1, standardOutput: output))
        }
        // Whatever survived the grace (or ignores SIGTERM) goes now; then wait for the leader and
        // for the group's last live member, so nothing of it runs once this returns.
        Self.signalGroup(pid, SIGKILL)
        if exitStatus == nil { _ = Self.reap(pid) }
        Self.awaitGroupEnd(pid, within: .seconds(2))
        return stopping.why
    }

    // MARK: - System calls

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw CommandError.couldNotStart(String(cString: strerror(errno))) }
        // Close-on-exec, so no other command started meanwhile inherits an end and holds it open.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return (fds[0], fds[1])
    }

    /// `posix_spawn` of `/bin/sh -c command` as the leader of a new process group, with default
    /// signal handling (`infra` ignores SIGINT and SIGTERM itself, which a child would inherit).
    private static func spawn(_ command: String, standardOutput: Int32) throws -> pid_t {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, standardOutput, 1)
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)

        let arguments = ["/bin/sh", "-c", command].map { $0.withCString { strdup($0) } }
        defer { arguments.forEach { free($0) } }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments + [nil]
        var pid: pid_t = 0
        #if canImport(Darwin)
        let environment = _NSGetEnviron().pointee
        #else
        let environment = environ
        #endif
        let result = posix_spawn(&pid, "/bin/sh", &actions, &attributes, &argv, environment)
        guard result == 0 else { throw CommandError.couldNotStart(String(cString: strerror(result))) }
        return pid
    }

    /// Signals the group led by `pid`. Safe while the leader is unreaped (its id cannot be reused),
    /// and after: a group id stays taken while any member lives.
    private static func signalGroup(_ pid: pid_t, _ signal: Int32) {
        _ = kill(-pid, signal)
    }

    /// The exit status if `pid` has ended (and reaps it), `nil` while it runs.
    private static func reapIfExited(_ pid: pid_t) -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { return shellStatus(status) }
        if result < 0 && errno != EINTR { return -1 }  // not our child any more: nothing to wait for
        return nil
    }

    private static func reap(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        return shellStatus(status)
    }

    /// The status as a shell reports it: the exit code, or 128 + the signal that ended it.
    private static func shellStatus(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// Waits (briefly; SIGKILL is not refused) until no member of the group runs; a zombie of it
    /// waiting for its new parent to reap it does not count.
    private static func awaitGroupEnd(_ pgid: pid_t, within limit: Duration) {
        let clock = ContinuousClock()
        let end = clock.now + limit
        while groupHasLiveMember(pgid), clock.now < end {
            usleep(5_000)
        }
    }

    private static func groupHasLiveMember(_ pgid: pid_t) -> Bool {
        guard kill(-pgid, 0) == 0 else { return false }
        #if os(Linux)
        // Zombies answer kill(2); /proc tells them apart (field 3 state, field 5 process group).
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return true }
        for entry in entries where entry.first?.isNumber == true {
            guard let stat = procStat(entry), let close = stat.lastIndex(of: ")") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 2, fields[2] == "\(pgid)", fields[0] != "Z", fields[0] != "X" { return true }
        }
        return false
        #else
        return true
        #endif
    }

    #if os(Linux)
    /// `/proc/<pid>/stat`, read directly: procfs reports a size of 0, which whole-file readers trust.
    private static func procStat(_ pid: String) -> String? {
        let fd = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 1024)
        let count = read(fd, &bytes, bytes.count)
        guard count > 0 else { return nil }
        return String(decoding: bytes[0..<count], as: UTF8.self)
    }
    #endif

    /// A `poll` timeout: whole milliseconds, rounded up so a deadline is never missed by a hair.
    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        guard seconds >= 0, duration > .zero else { return 0 }
        return Int32(min(seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000, 60_000))
    }
}
