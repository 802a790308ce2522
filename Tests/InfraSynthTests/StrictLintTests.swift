import InfraAWSLogs
import Foundation
import Testing
import InfraSynth

/// The package root, from this file's path: diagnostics print relative to it.
private let packageRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/InfraSynthTests/StrictLintTests.swift
    return parts.joined(separator: "/")
}()

/// An empty temporary folder for one run's output.
private func emptyFolder() throws -> String {
    let path = NSTemporaryDirectory() + "infrasynth-lint-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Lint findings through the command: warnings by default, errors with `--strict`.
@Suite struct StrictLintTests {
    /// An app with one lint finding (a log group kept forever), and the line that declares it.
    private func appWithAFinding() -> (app: App, line: Int) {
        let line = #line; let logs = Logs.LogGroup("AgentLogs", logGroupName: "/ecs/agents")
        return (App { Stack("agents", account: "111111111111", region: "eu-west-1") { logs } }, line)
    }

    private var finding: String {
        "[LOG001] resource 'AgentLogs': log group has no RetentionInDays, so CloudWatch Logs keeps (and bills) its events forever; set retentionInDays, such as 30"
    }

    private func run(_ arguments: [String]) -> (status: Int32, output: String, log: String, line: Int) {
        var output = "", log = ""
        let (app, line) = appWithAFinding()
        let status = app.run(arguments: arguments, currentDirectory: packageRoot, output: { output += $0 }, log: { log += $0 })
        return (status, output, log, line)
    }

    @Test func aFindingIsAWarningAtTheUsersLineAndGenerationSucceeds() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = run(["--output", folder])
        #expect(result.status == 0)
        #expect(result.log == """
            Tests/InfraSynthTests/StrictLintTests.swift:\(result.line): warning: \(finding)
            Wrote 1 template and manifest.json to \(folder)

            """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["agents.template.json", "manifest.json"])
    }

    @Test func strictMakesTheFindingAnErrorAndWritesNothing() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = run(["--strict", "--output", folder])
        #expect(result.status == 1)
        #expect(result.output == "")
        #expect(result.log == """
            Tests/InfraSynthTests/StrictLintTests.swift:\(result.line): error: \(finding)
            error: generation failed with 1 error; nothing was written

            """)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [])
    }

    @Test func strictWithoutFindingsSucceeds() throws {
        let folder = try emptyFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let clean = App {
            Stack("agents", account: "111111111111", region: "eu-west-1") {
                Logs.LogGroup("AgentLogs", logGroupName: "/ecs/agents", retentionInDays: 30)
            }
        }
        var log = ""
        let status = clean.run(arguments: ["--strict", "--output", folder], currentDirectory: packageRoot, output: { _ in }, log: { log += $0 })
        #expect(status == 0)
        #expect(log == "Wrote 1 template and manifest.json to \(folder)\n")
    }
}
