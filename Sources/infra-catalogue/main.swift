import Foundation
import InfraCatalogue

// infra-catalogue: generates typed Swift resources from the CloudFormation registry schemas.
// The logic lives in InfraCatalogue; this only reads arguments and writes files.

let usage = """
    usage: infra-catalogue --schemas DIR --output DIR --cfn-lint-version VERSION SERVICE...
           infra-catalogue --schemas DIR --list

    Writes one folder per service (DIR/<Service>/*.swift), replacing its previous contents.
    SERVICE is the middle part of the type names, such as IAM, EC2 or ElasticLoadBalancingV2.
    """

func fail(_ message: String, status: Int32 = 1) -> Never {
    FileHandle.standardError.write(Data("infra-catalogue: error: \(message)\n".utf8))
    exit(status)
}

var schemas: String?
var output: String?
var version = "unknown"
var list = false
var services: [String] = []
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--schemas": schemas = arguments.popFirst()
    case "--output": output = arguments.popFirst()
    case "--cfn-lint-version": version = arguments.popFirst() ?? version
    case "--list": list = true
    case "--help", "-h":
        print(usage)
        exit(0)
    default:
        if argument.hasPrefix("-") { fail("unknown option \(argument)\n\(usage)", status: 2) }
        services.append(argument)
    }
}
guard let schemas else { fail("--schemas is required\n\(usage)", status: 2) }

do {
    let store = try SchemaStore(root: URL(fileURLWithPath: schemas))
    if list {
        for service in store.services { print("\(service)\t\(store.typeNames(service: service).count)") }
        exit(0)
    }
    guard let output, !services.isEmpty else { fail("--output and at least one SERVICE are required\n\(usage)", status: 2) }
    let catalogue = Catalogue(store: store, toolVersion: version)
    let fileManager = FileManager.default
    for service in services {
        let files = try catalogue.files(service: service)
        let folder = URL(fileURLWithPath: output).appendingPathComponent(service)
        if fileManager.fileExists(atPath: folder.path) { try fileManager.removeItem(at: folder) }
        try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        for file in files {
            try Data(file.contents.utf8).write(to: folder.appendingPathComponent(file.path), options: .atomic)
        }
        FileHandle.standardError.write(Data("\(service): \(files.count - 1) types, \(files.count) files\n".utf8))
    }
} catch {
    fail("\(error)")
}
