import Foundation
import InfraCatalogue
import InfraCommandLine

// infra-catalogue: generates typed Swift resources from the CloudFormation registry schemas.
// The logic lives in InfraCatalogue; this only reads arguments and writes files.

let usage = """
    usage: infra-catalogue --schemas DIR [--output DIR] [--sweep-output DIR] [--index-output FILE] [--registry-output FILE] --cfn-lint-version VERSION SERVICE...
           infra-catalogue --schemas DIR --list

    --output writes one folder per service (DIR/<Service>/*.swift), replacing its previous contents.
    --sweep-output replaces DIR/*.swift with the cfn-lint sweep of exactly these services.
    --index-output writes FILE: the Markdown list of these services' modules and types.
    --registry-output writes FILE: every type's schema facts, one line each, for raw resources (with --output).
    SERVICE is the middle part of the type names, such as IAM, EC2 or ElasticLoadBalancingV2.
    """

func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("infra-catalogue: error: \(message)\n".utf8))
    exit(status)
}

/// Makes `folder` hold exactly `files` (`*.swift`), writing only what changed so that an unchanged
/// regeneration does not make the build recompile anything.
func replaceContents(of folder: URL, with files: [(path: String, contents: String)]) throws {
    let fileManager = FileManager.default
    try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
    let wanted = Set(files.map(\.path))
    for name in try fileManager.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".swift") && !wanted.contains(name) {
        try fileManager.removeItem(at: folder.appendingPathComponent(name))
    }
    for file in files {
        let url = folder.appendingPathComponent(file.path)
        let data = Data(file.contents.utf8)
        if fileManager.fileExists(atPath: url.path), try Data(contentsOf: url) == data { continue }
        try data.write(to: url, options: .atomic)
    }
}

let parsed: ParsedCommandLine
do {
    parsed = try CommandLineParser([
        .value("--schemas"), .value("--output"), .value("--sweep-output"), .value("--index-output"), .value("--registry-output"), .value("--cfn-lint-version"),
        .flag("--list"), .flag("--help", "-h"),
    ]).parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    fail("\(error)\n\(usage)", status: 2)
}
if parsed.contains("--help") {
    print(usage)
    exit(0)
}
let schemas = parsed.value(of: "--schemas")
let output = parsed.value(of: "--output")
let sweepOutput = parsed.value(of: "--sweep-output")
let indexOutput = parsed.value(of: "--index-output")
let registryOutput = parsed.value(of: "--registry-output")
let version = parsed.value(of: "--cfn-lint-version") ?? "unknown"
let list = parsed.contains("--list")
let services = parsed.arguments
guard let schemas else { fail("--schemas is required\n\(usage)", status: 2) }

do {
    let store = try SchemaStore(root: URL(fileURLWithPath: schemas))
    if list {
        for service in store.services { print("\(service)\t\(store.typeNames(service: service).count)") }
        exit(0)
    }
    guard output != nil || sweepOutput != nil || indexOutput != nil, !services.isEmpty else {
        fail("--output or --sweep-output, and at least one SERVICE, are required\n\(usage)", status: 2)
    }
    let catalogue = Catalogue(store: store, toolVersion: version)
    if let indexOutput {
        try Data(catalogue.index(services: services).utf8).write(to: URL(fileURLWithPath: indexOutput), options: .atomic)
    }
    if let sweepOutput {
        try replaceContents(of: URL(fileURLWithPath: sweepOutput), with: try catalogue.sweepFiles(services: services))
        FileHandle.standardError.write(Data("sweep: \(services.count) services\n".utf8))
    }
    if let output {
        var registry: [String] = []
        for service in services {
            let models = try catalogue.models(service: service)
            let files = try catalogue.files(service: service, models: models)
            registry += Catalogue.registryLines(models)
            try replaceContents(of: URL(fileURLWithPath: output).appendingPathComponent(service), with: files)
            FileHandle.standardError.write(Data("\(service): \(models.count) types, \(files.count) files\n".utf8))
        }
        if let registryOutput {
            let text = registry.sorted().joined(separator: "\n") + "\n"
            let url = URL(fileURLWithPath: registryOutput)
            if (try? Data(contentsOf: url)) != Data(text.utf8) { try Data(text.utf8).write(to: url, options: .atomic) }
        }
    }
} catch {
    fail("\(error)")
}
