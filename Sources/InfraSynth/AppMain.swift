@_exported import InfraDSL
import Foundation

extension App {
    /// Runs the app as a command: parses the arguments, synthesizes, prints the diagnostics and
    /// writes (or checks) the output folder, then exits with the status. Call it from `main.swift`.
    public func main() -> Never {
        let status = run(
            arguments: Array(CommandLine.arguments.dropFirst()),
            currentDirectory: FileManager.default.currentDirectoryPath,
            output: { FileHandle.standardOutput.write(Data($0.utf8)) },
            log: { FileHandle.standardError.write(Data($0.utf8)) })
        exit(status)
    }

    /// The command without process globals, for tests: returns the exit status.
    ///
    /// - Parameters:
    ///   - currentDirectory: relative paths resolve against it, and diagnostics show files relative to it.
    ///   - output: receives data (the summary table).
    ///   - log: receives diagnostics and progress.
    public func run(
        arguments: [String], currentDirectory: String, output: (String) -> Void, log: (String) -> Void
    ) -> Int32 {
        let options: GenerateOptions
        do {
            options = try GenerateOptions(parsing: arguments)
        } catch {
            log("error: \(error)\n")
            return 2
        }
        if options.help {
            output(GenerateOptions.usage(program: "Stacks") + "\n")
            return 0
        }
        let known = (stacks + stackSets.map(\.stack)).map(\.name)
        let unknown = options.stacks.filter { !known.contains($0) }
        if !unknown.isEmpty {
            log("error: no stack named \(unknown.map { "'\($0)'" }.joined(separator: ", ")); the app declares \(known.joined(separator: ", "))\n")
            return 2
        }
        var synthesis = synthesize(only: options.stacks.isEmpty ? nil : options.stacks, assets: .fileSystem(relativeTo: currentDirectory))
        if options.strict {
            synthesis.diagnostics = synthesis.diagnostics.map { var strict = $0; strict.severity = .error; return strict }
        }
        for diagnostic in synthesis.diagnostics {
            log(diagnostic.formatted(relativeTo: currentDirectory) + "\n")
        }
        let errors = synthesis.diagnostics.filter { $0.severity == .error }.count
        if errors > 0 {
            log("error: generation failed with \(errors) error\(errors == 1 ? "" : "s"); nothing was written\n")
            return 1
        }
        let folder = OutputFolder(path: options.output, currentDirectory: currentDirectory)
        // With --stack the output is partial: only the chosen templates are compared, and other
        // stacks' templates on disk are neither stale nor removed.
        let partial = !options.stacks.isEmpty
        let files = partial && options.check ? synthesis.files.filter { $0.name != "manifest.json" } : synthesis.files
        if options.check {
            let differences = folder.differences(from: files, includingStale: !partial) + folder.assetDifferences(from: synthesis.assets)
            if !differences.isEmpty {
                for difference in differences { log("error: \(difference)\n") }
                let regenerate = (["swift package --allow-writing-to-package-directory generate-stacks"]
                    + (options.output == GenerateOptions().output ? [] : ["--output", options.output])
                    + options.stacks.flatMap { ["--stack", $0] }).joined(separator: " ")
                log("error: \(options.output) is out of date; run `\(regenerate)` and commit the result\n")
                return 1
            }
            log("\(options.output) is up to date (\(files.count) file\(files.count == 1 ? "" : "s"))\n")
            return 0
        }
        do {
            // Assets first: the manifest, written last, never names a ZIP file that is not there.
            try folder.writeAssets(synthesis.assets)
            try folder.write(files)
            if !partial {
                for stale in try folder.removeStaleTemplates(keeping: files.map(\.name)) + folder.removeStaleAssets(keeping: synthesis.assets) {
                    log("Removed \(options.output)/\(stale): no stack generates it any more\n")
                }
            }
        } catch {
            log("error: \(error)\n")
            return 1
        }
        output(SummaryTable.render(synthesis))
        let count = synthesis.stacks.count + synthesis.stackSets.count
        let templates = "\(count) template\(count == 1 ? "" : "s")"
        let others = synthesis.extraFiles.isEmpty ? "" : ", \(synthesis.extraFiles.count) other file\(synthesis.extraFiles.count == 1 ? "" : "s")"
        let assets = synthesis.assets.isEmpty ? "" : ", \(synthesis.assets.count) asset\(synthesis.assets.count == 1 ? "" : "s")"
        log("Wrote \(templates)\(others)\(assets) and manifest.json to \(options.output)\n")
        return 0
    }
}
