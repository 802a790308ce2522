import Foundation
import PackagePlugin

/// `swift package generate-stacks`: builds the app's executable (`Stacks`, or `--product NAME`) and
/// runs it to write `stacks.out/`.
///
/// The plugin stays thin on purpose: everything about stacks (arguments, templates, the manifest,
/// diagnostics, exit codes) belongs to `Stacks` itself, so running `Stacks` directly and running it
/// through the plugin behave the same. The plugin only adds what SwiftPM knows and `Stacks` does
/// not: how to build it, where the package is, and the default output folder inside the package.
///
/// ```
/// swift package --allow-writing-to-package-directory generate-stacks [--product NAME] [--output DIR] [--stack NAME]... [--check] [--strict] [--help]
/// ```
@main
struct GenerateStacks: CommandPlugin {
    /// Builds the app's executable, runs it with the user's arguments, and exits with its exit status.
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        let packageDirectory = context.package.directoryURL
        var (product, remaining) = Self.extractProductOption(arguments)
        if product == nil {
            product = Self.defaultProduct(in: context.package)
        }
        guard let product else {
            let candidates = context.package.products(ofType: ExecutableProduct.self).map(\.name)
            Diagnostics.error(
                "no executable product named 'Stacks' and no single executable product that uses InfraDSL in this package; "
                    + "pass --product NAME (executable products: \(candidates.isEmpty ? "none" : candidates.joined(separator: ", ")))")
            exit(2)
        }
        let imports = Self.directImports(of: product, in: context.package)
        Self.progress(Self.buildingMessage(product: product, imports: imports))
        let clock = ContinuousClock()
        let started = clock.now
        // SwiftPM's own answer to a plugin's build request replans the whole package graph each
        // time; the child `swift build` reuses its cached plan, and anything it cannot do (a compile
        // error included) is done again the ordinary way, which reports it.
        let executable = try CachedPlanBuild.build(product: product, context: context)
            ?? build(product, packageManager: packageManager)
        Self.progress(Self.builtMessage(product: product, seconds: Self.seconds(clock.now - started)))
        let termination = try run(
            executable,
            arguments: Self.stacksArguments(userArguments: remaining, packageDirectory: packageDirectory),
            in: packageDirectory
        )
        switch termination {
        case .exited(0):
            return
        case .exited(let status):
            // The app has already printed its diagnostics; this line is what makes `swift package`
            // (and an IDE) show the command as failed rather than merely noisy.
            Diagnostics.error("\(product) exited with status \(status); see its messages above")
            exit(status)
        case .signaled(let signal):
            Diagnostics.error("\(product) was terminated by signal \(signal)")
            // Shell convention, so a crash is never mistaken for an ordinary failure.
            exit(128 + signal)
        }
    }

    /// `--product NAME` (or `--product=NAME`), which the plugin consumes; the rest goes to the app.
    static func extractProductOption(_ arguments: [String]) -> (product: String?, rest: [String]) {
        var product: String?
        var rest: [String] = []
        var remaining = arguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--product", let value = remaining.first, !value.hasPrefix("-") {
                product = value
                remaining.removeFirst()
            } else if argument.hasPrefix("--product=") {
                product = String(argument.dropFirst("--product=".count))
            } else {
                rest.append(argument)
            }
        }
        return (product, rest)
    }

    /// The product named `Stacks`, or else the only executable product that uses InfraDSL: users
    /// who depend on this package cannot reuse the module name `Stacks`, so theirs has another name.
    static func defaultProduct(in package: Package) -> String? {
        let executables = package.products(ofType: ExecutableProduct.self)
        if executables.contains(where: { $0.name == "Stacks" }) { return "Stacks" }
        let users = executables.filter { $0.targets.contains { usesInfraDSL($0, seen: []) } }
        return users.count == 1 ? users[0].name : nil
    }

    private static func usesInfraDSL(_ target: Target, seen: Set<String>) -> Bool {
        guard !seen.contains(target.name) else { return false }
        return target.dependencies.contains { dependency in
            switch dependency {
            case .product(let product): return product.name == "InfraDSL"
            case .target(let other):
                return ["InfraDSL", "InfraSynth"].contains(other.name) || usesInfraDSL(other, seen: seen.union([target.name]))
            @unknown default: return false
            }
        }
    }

    /// Reports one progress line, which SwiftPM prints to standard error as `[GenerateStacks] …` at once.
    ///
    /// Not a plain write: when `swift package` is not on a terminal (CI, a Jenkins agent, a pipe) it
    /// holds a plugin's own output back until the plugin ends, so the line would appear only after
    /// the build it announces. Progress diagnostics are passed on as they arrive.
    static func progress(_ line: String) {
        Diagnostics.progress(line)
    }

    /// The line before the build: a cold build is silent for minutes, and without it looks like a hang.
    static func buildingMessage(product: String, imports: [String]) -> String {
        let what = imports.isEmpty ? "" : " and what it imports (\(imports.joined(separator: ", ")))"
        return "building the \(product) product\(what), debug; "
            + "a cold build compiles InfraDSL and every AWS service module it imports and can take a few minutes"
    }

    /// The line after a successful build, with its wall-clock time.
    static func builtMessage(product: String, seconds: Double) -> String {
        "built \(product) in \(String(format: "%.1f", seconds)) s; generating"
    }

    /// `duration` in seconds, for a message.
    static func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) / 1e18
    }

    /// The modules the product's own targets depend on directly (targets and products), sorted and
    /// without repeats: the names a user recognises from their own `Package.swift`.
    static func directImports(of productName: String, in package: Package) -> [String] {
        guard let product = package.products.first(where: { $0.name == productName }) else { return [] }
        var names = Set<String>()
        for target in product.targets {
            for dependency in target.dependencies {
                switch dependency {
                case .product(let product): names.insert(product.name)
                case .target(let target): names.insert(target.name)
                @unknown default: break
                }
            }
        }
        return names.sorted()
    }

    /// How the `Stacks` process ended.
    private enum Termination {
        /// It called `exit` with this status.
        case exited(Int32)
        /// A signal ended it (a crash, or a kill from outside).
        case signaled(Int32)
    }

    /// Builds `product` (debug, concise log) and returns the URL of the built executable.
    private func build(_ product: String, packageManager: PackageManager) throws -> URL {
        let result = try packageManager.build(
            .product(product),
            parameters: .init(configuration: .debug, logging: .concise)
        )
        guard result.succeeded else {
            // The build log is the only place the compiler errors are; without it the user sees
            // nothing but "build failed".
            FileHandle.standardError.write(Data(result.logText.utf8))
            Diagnostics.error("Building the \(product) product failed; see the build log above")
            exit(1)
        }
        guard let artifact = result.builtArtifacts.first(where: {
            $0.kind == .executable && $0.url.deletingPathExtension().lastPathComponent == product
        }) else {
            Diagnostics.error("The build succeeded but produced no \(product) executable (artifacts: \(result.builtArtifacts.map(\.url.path)))")
            exit(1)
        }
        return artifact.url
    }

    /// Runs `executable` in `directory` with stdin closed and stdout/stderr inherited; returns how it ended.
    private func run(_ executable: URL, arguments: [String], in directory: URL) throws -> Termination {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // Stacks prints diagnostic paths relative to its current directory, so running it in the
        // package directory makes them read `Sources/Stacks/File.swift:12: error: …`.
        process.currentDirectoryURL = directory
        // A generator never asks questions; a closed stdin makes any attempt fail fast instead of hanging CI.
        process.standardInput = FileHandle.nullDevice
        // standardOutput/standardError are left unset: the child inherits ours, so the summary table
        // and diagnostics reach the user directly, never held back by the plugin.
        try process.run()
        process.waitUntilExit()
        switch process.terminationReason {
        case .uncaughtSignal:
            return .signaled(process.terminationStatus)
        case .exit:
            return .exited(process.terminationStatus)
        @unknown default:
            return .exited(process.terminationStatus == 0 ? 1 : process.terminationStatus)
        }
    }

    /// The arguments for `Stacks`: the user's, with `--output`/`-o` made absolute and defaulted to `<package>/stacks.out`.
    ///
    /// A relative `--output` is resolved against the package directory, not the directory
    /// `swift package` was started in, so the result does not depend on where the user stood.
    static func stacksArguments(userArguments: [String], packageDirectory: URL) -> [String] {
        var arguments: [String] = []
        var sawOutput = false
        var remaining = userArguments[...]
        while let argument = remaining.popFirst() {
            if argument == "--output" || argument == "-o",
               let value = remaining.first, !value.hasPrefix("-") {
                // Same rule as Stacks: a value never starts with "-", so `--output --check` stays a
                // usage error there instead of becoming a folder named "--check" here.
                remaining.removeFirst()
                sawOutput = true
                arguments += [argument, resolve(value, against: packageDirectory)]
            } else if argument.hasPrefix("--output=") {
                sawOutput = true
                arguments.append("--output=" + resolve(String(argument.dropFirst("--output=".count)), against: packageDirectory))
            } else {
                // Everything else, a dangling `--output` included, is passed on untouched: Stacks
                // accepts or rejects it, so its usage errors stay the single source of truth.
                sawOutput = sawOutput || argument == "--output" || argument == "-o"
                arguments.append(argument)
            }
        }
        if !sawOutput {
            arguments = ["--output", packageDirectory.appendingPathComponent("stacks.out").path] + arguments
        }
        return arguments
    }

    /// `path` unchanged when absolute (or empty, which Stacks reports), otherwise relative to `directory`.
    static func resolve(_ path: String, against directory: URL) -> String {
        if path.isEmpty || path.hasPrefix("/") {
            return path
        }
        return directory.appendingPathComponent(path).standardizedFileURL.path
    }
}
