import Foundation
import InfraSynth

// OrgSynth ACCOUNTS OUTPUT-DIR
//
// Runs exactly what `swift package generate-stacks` runs for the organisation of issue 6 with
// ACCOUNTS target accounts: `App.run` of InfraSynth with `--output OUTPUT-DIR` — evaluate,
// validate, lint, render, hash, write every template and manifest.json (each to a temporary file
// renamed over the old one), remove stale templates, print the summary table. The benchmark
// harness times the whole process.

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2, let accounts = Int(arguments[0]), accounts >= 1 else {
    FileHandle.standardError.write(Data("OrgSynth: usage: OrgSynth ACCOUNTS OUTPUT-DIR (ACCOUNTS ≥ 1)\n".utf8))
    exit(2)
}
// A global, as `Sources/Stacks` declares its app: the process exits without tearing it down.
let app = Organisation.app(accounts: accounts)
let status = app.run(
    arguments: ["--output", arguments[1]],
    currentDirectory: FileManager.default.currentDirectoryPath,
    output: { FileHandle.standardOutput.write(Data($0.utf8)) },
    log: { FileHandle.standardError.write(Data($0.utf8)) })
exit(status)
