import Foundation
import PackagePlugin

/// The plugin's fast way to build the app: `swift build` in a child process, which reuses the build
/// plan SwiftPM cached the last time, instead of `packageManager.build`, which never does.
///
/// Why: SwiftPM answers a plugin's build request with a plan made from scratch (its PluginDelegate
/// passes `cacheBuildManifest: false`), and a plan covers every module of the package graph, twice
/// (once for the plugin tools): all 306 `InfraAWS<Service>` modules and their 2,164 files, though a
/// user imports four. On two cores that is about a second before anything compiles, on every run.
/// `swift build` keeps the plan and makes a new one only when the package structure changes, so
/// SwiftPM still decides what is out of date; only the planning is saved.
///
/// Whenever this way is unavailable or its build fails, compile errors included, ``build(product:context:)``
/// returns nil and the plugin builds through `packageManager.build` as before, which prints the
/// errors the usual way; the child's own output goes to a log file in the plugin's work folder.
enum CachedPlanBuild {
    /// Builds `product` (debug) with `swift build` and returns its executable, or nil to fall back.
    static func build(product: String, context: PluginContext) -> URL? {
        guard let swiftBuild = try? context.tool(named: "swift-build").url,
              let scratch = scratchDirectory(pluginWorkDirectory: context.pluginWorkDirectoryURL) else {
            return nil
        }
        let log = context.pluginWorkDirectoryURL.appendingPathComponent("swift-build.log")
        guard (try? FileManager.default.createDirectory(at: context.pluginWorkDirectoryURL, withIntermediateDirectories: true)) != nil,
              FileManager.default.createFile(atPath: log.path, contents: nil),
              let output = try? FileHandle(forWritingTo: log) else {
            return nil
        }
        defer { try? output.close() }
        let process = Process()
        process.executableURL = swiftBuild
        process.arguments = arguments(product: product, package: context.package.directoryURL, scratch: scratch)
        process.environment = environment(
            ProcessInfo.processInfo.environment,
            withoutLibrary: swiftBuild.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("lib/swift/linux").path)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            return nil
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else { return nil }
        // The native build system points `<scratch>/debug` at the folder it has just built into, so
        // this is the executable of this build, never one left from an earlier one.
        let executable = scratch.appendingPathComponent("debug").appendingPathComponent(product)
        return FileManager.default.isExecutableFile(atPath: executable.path) ? executable : nil
    }

    /// The `swift build` arguments: the same package, scratch folder and configuration the plugin's
    /// own build request would use.
    ///
    /// - `--build-system native`: the layout ``build(product:context:)`` reads the executable from.
    /// - `--disable-automatic-resolution`: `swift package` resolved the dependencies before starting
    ///   the plugin; the child must never change them (it fails instead, and the plugin falls back).
    /// - `--ignore-lock`: `swift package` holds the scratch folder's lock for the whole command while
    ///   it waits for this plugin, so a child that waited for the lock would wait forever. No other
    ///   SwiftPM can take the lock meanwhile, so the child, working for the lock's holder, is alone.
    static func arguments(product: String, package: URL, scratch: URL) -> [String] {
        [
            "--package-path", package.path,
            "--scratch-path", scratch.path,
            "--configuration", "debug",
            "--build-system", "native",
            "--product", product,
            "--disable-automatic-resolution",
            "--ignore-lock",
        ]
    }

    /// The plugin's environment without `library` in `LD_LIBRARY_PATH`, where SwiftPM puts the
    /// toolchain's runtime for the plugin on Linux: the rest is `swift package`'s environment.
    ///
    /// SwiftPM makes a new plan when the environment differs from the one its cached plan was made
    /// in, so a child with the extra entry and the user's own `swift build` in the same shell would
    /// each throw away the other's plan. `swift-build` finds the runtime without it, as it does
    /// when the user runs it.
    static func environment(_ environment: [String: String], withoutLibrary library: String) -> [String: String] {
        var result = environment
        guard let path = environment["LD_LIBRARY_PATH"] else { return result }
        let rest = path.split(separator: ":", omittingEmptySubsequences: false).filter { $0 != library }
        result["LD_LIBRARY_PATH"] = rest.isEmpty ? nil : rest.joined(separator: ":")
        return result
    }

    /// The scratch folder (`.build`, or the `--scratch-path` given to `swift package`), from the
    /// plugin's work folder `<scratch>/plugins/<plugin>/outputs`; nil if it does not look like that.
    static func scratchDirectory(pluginWorkDirectory: URL) -> URL? {
        let outputs = pluginWorkDirectory.standardizedFileURL
        let plugins = outputs.deletingLastPathComponent().deletingLastPathComponent()
        guard outputs.lastPathComponent == "outputs", plugins.lastPathComponent == "plugins" else { return nil }
        let scratch = plugins.deletingLastPathComponent()
        // A workspace SwiftPM has loaded always has its state file; without it this is not the scratch folder.
        guard FileManager.default.fileExists(atPath: scratch.appendingPathComponent("workspace-state.json").path) else {
            return nil
        }
        return scratch
    }
}
