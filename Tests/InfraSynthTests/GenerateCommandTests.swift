import Foundation
import Testing
import InfraSynth
import InfraAWSLogs

/// The root of this package, from this file's path: diagnostics print relative to it.
private let packageRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)  // Tests/InfraSynthTests/GenerateCommandTests.swift
    return parts.joined(separator: "/")
}()

/// One run of the command, with what it printed.
private struct Run {
    var status: Int32
    var output = ""
    var log = ""

    init(_ app: App, _ arguments: [String], in directory: String = packageRoot) {
        var output = "", log = ""
        status = app.run(arguments: arguments, currentDirectory: directory, output: { output += $0 }, log: { log += $0 })
        self.output = output
        self.log = log
    }
}

private func sampleApp() -> App {
    App {
        Stack("alpha", account: "111111111111", region: "eu-west-1") {
            RawResource("Topic", type: "AWS::SNS::Topic")
        }
        Stack("beta", account: "222222222222", region: "eu-west-1") {
            Logs.LogGroup("Logs", logGroupName: "/ecs/agents", retentionInDays: 30)
        }
    }
}

private func temporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "infrasynth-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite struct GenerateOptionsTests {
    @Test func parsesEveryOptionForm() throws {
        let options = try GenerateOptions(parsing: ["--output", "out", "--stack", "a", "--stack=b", "--check"])
        #expect(options.output == "out" && options.stacks == ["a", "b"] && options.check && !options.help)
        #expect(try GenerateOptions(parsing: ["-o", "x"]).output == "x")
        #expect(try GenerateOptions(parsing: ["--output=y"]).output == "y")
        #expect(try GenerateOptions(parsing: ["-h"]).help)
        #expect(try GenerateOptions(parsing: []) == GenerateOptions())
    }

    @Test(arguments: [
        (["--verbose"], "unknown option '--verbose'; see --help"),
        (["--output"], "--output needs a value; see --help"),
        (["--stack", "--check"], "--stack needs a value; see --help"),
        (["--output="], "--output needs a value; see --help"),
        (["--check=yes"], "--check takes no value; see --help"),
        (["extra"], "unexpected argument 'extra'; stacks are chosen with --stack NAME, see --help"),
    ])
    func rejectsBadArguments(arguments: [String], message: String) {
        #expect(throws: GenerateOptions.UsageError(description: message)) { try GenerateOptions(parsing: arguments) }
    }
}

@Suite struct GenerateCommandTests {
    @Test func writesTemplatesManifestAndATable() throws {
        let folder = try temporaryFolder()
        let run = Run(sampleApp(), ["--output", folder])
        #expect(run.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["alpha.template.json", "beta.template.json", "manifest.json"])
        #expect(run.output == """
            STACK  ACCOUNT       REGION     RESOURCES  BYTES
            alpha  111111111111  eu-west-1          1     78
            beta   222222222222  eu-west-1          1    181

            """)
        #expect(run.log == "Wrote 2 templates and manifest.json to \(folder)\n")
    }

    @Test func aMistakeFailsWithTheUsersFileAndLineAndWritesNothing() throws {
        let folder = try temporaryFolder() + "/out"
        let line = #line + 3
        let app = App {
            Stack("broken", account: "111111111111", region: "eu-west-1") {
                RawResource("Twice", type: "AWS::SNS::Topic")
                RawResource("Twice", type: "AWS::SNS::Topic")
            }
        }
        let run = Run(app, ["--output", folder])
        #expect(run.status == 1)
        #expect(run.log == """
            Tests/InfraSynthTests/GenerateCommandTests.swift:\(line + 1): error: duplicate logical ID 'Twice' in stack 'broken'; parameters and resources share one namespace, so rename one
            Tests/InfraSynthTests/GenerateCommandTests.swift:\(line): note: 'Twice' is first declared here
            error: generation failed with 1 error; nothing was written

            """)
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func checkPassesWhenCurrentAndNamesEveryDifference() throws {
        let folder = try temporaryFolder()
        #expect(Run(sampleApp(), ["--output", folder]).status == 0)
        let upToDate = Run(sampleApp(), ["--output", folder, "--check"])
        #expect(upToDate.status == 0)
        #expect(upToDate.log == "\(folder) is up to date (3 files)\n")

        try "{}\n".write(toFile: folder + "/alpha.template.json", atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: folder + "/manifest.json")
        try "{}\n".write(toFile: folder + "/gone.template.json", atomically: true, encoding: .utf8)
        let stale = Run(sampleApp(), ["--output", folder, "--check"])
        #expect(stale.status == 1)
        #expect(stale.log == """
            error: \(folder)/alpha.template.json differs from what the Swift code generates
            error: \(folder)/manifest.json is missing
            error: \(folder)/gone.template.json is not generated by any stack; delete it
            error: \(folder) is out of date; run `swift package --allow-writing-to-package-directory generate-stacks --output \(folder)` and commit the result

            """)
        #expect(try String(contentsOfFile: folder + "/alpha.template.json", encoding: .utf8) == "{}\n", "--check must not write")
    }

    @Test func generatingTwiceGivesByteIdenticalFiles() throws {
        let (first, second) = (try temporaryFolder(), try temporaryFolder())
        #expect(Run(sampleApp(), ["--output", first]).status == 0)
        #expect(Run(sampleApp(), ["--output", second]).status == 0)
        for name in ["alpha.template.json", "beta.template.json", "manifest.json"] {
            #expect(FileManager.default.contents(atPath: "\(first)/\(name)") == FileManager.default.contents(atPath: "\(second)/\(name)"))
        }
    }

    @Test func generatingRemovesTemplatesNoStackGeneratesAnyMore() throws {
        let folder = try temporaryFolder()
        try "{}\n".write(toFile: folder + "/gone.template.json", atomically: true, encoding: .utf8)
        try "keep\n".write(toFile: folder + "/notes.txt", atomically: true, encoding: .utf8)
        let run = Run(sampleApp(), ["--output", folder])
        #expect(run.status == 0)
        #expect(run.log == "Removed \(folder)/gone.template.json: no stack generates it any more\nWrote 2 templates and manifest.json to \(folder)\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["alpha.template.json", "beta.template.json", "manifest.json", "notes.txt"])
        #expect(Run(sampleApp(), ["--output", folder, "--check"]).status == 0)
    }

    @Test func checkWithStackComparesOnlyThatStack() throws {
        let folder = try temporaryFolder()
        #expect(Run(sampleApp(), ["--output", folder]).status == 0)
        try "{}\n".write(toFile: folder + "/alpha.template.json", atomically: true, encoding: .utf8)
        #expect(Run(sampleApp(), ["--output", folder, "--check", "--stack", "beta"]).status == 0)
        let alpha = Run(sampleApp(), ["--output", folder, "--check", "--stack", "alpha"])
        #expect(alpha.status == 1)
        #expect(alpha.log.hasSuffix("run `swift package --allow-writing-to-package-directory generate-stacks --output \(folder) --stack alpha` and commit the result\n"))
    }

    @Test func aFileThatCannotBeReplacedIsNamedAndNeitherTemporaryFileNorManifestIsLeft() throws {
        let folder = try temporaryFolder()
        // A directory where a template should go: renaming the new file over it fails.
        try FileManager.default.createDirectory(atPath: folder + "/alpha.template.json/inside", withIntermediateDirectories: true)
        let run = Run(sampleApp(), ["--output", folder])
        #expect(run.status == 1)
        #expect(run.log.hasPrefix("error: cannot write \(folder)/alpha.template.json: rename \(folder)/alpha.template.json."))
        // The other template is written; the manifest, which would name alpha's new hash, is not.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["alpha.template.json", "beta.template.json"])
    }

    @Test func stackOptionLimitsTheOutput() throws {
        let folder = try temporaryFolder()
        #expect(Run(sampleApp(), ["--output", folder, "--stack", "beta"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["beta.template.json", "manifest.json"])
        let manifest = try String(contentsOfFile: folder + "/manifest.json", encoding: .utf8)
        #expect(manifest.contains("\"beta\"") && !manifest.contains("\"alpha\""))
    }

    @Test func relativeOutputResolvesAgainstTheCurrentDirectory() throws {
        let directory = try temporaryFolder()
        #expect(Run(sampleApp(), ["--output", "nested/out"], in: directory).status == 0)
        #expect(FileManager.default.fileExists(atPath: directory + "/nested/out/manifest.json"))
    }

    @Test func usageErrorsExitTwo() {
        let unknownStack = Run(sampleApp(), ["--stack", "gamma"])
        #expect(unknownStack.status == 2)
        #expect(unknownStack.log == "error: no stack named 'gamma'; the app declares alpha, beta\n")
        let unknownFlag = Run(sampleApp(), ["--force"])
        #expect(unknownFlag.status == 2)
        #expect(unknownFlag.log == "error: unknown option '--force'; see --help\n")
    }

    @Test func helpPrintsUsage() {
        let run = Run(sampleApp(), ["--help"])
        #expect(run.status == 0)
        #expect(run.output.hasPrefix("USAGE: Stacks [--output DIR] [--stack NAME]... [--check]"))
        #expect(run.log.isEmpty)
    }
}
