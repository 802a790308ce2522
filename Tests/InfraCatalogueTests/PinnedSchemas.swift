import Foundation
import InfraArtifact
@testable import InfraCatalogue

/// The registry schemas cfn-lint ships in `.venv` (scripts/setup-test-tools.sh installs the pinned
/// version) and every type's model, built once for all the tests that walk the whole catalogue.
enum PinnedSchemas {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// The store and every shipped type's model, in service order; built on first use.
    static let catalogue: Result<(store: SchemaStore, models: [ResourceModel]), any Error> = Result {
        let store = try SchemaStore(root: try folder())
        let catalogue = Catalogue(store: store, toolVersion: "test")
        return (store, try store.services.flatMap { try catalogue.models(service: $0) })
    }

    private static func folder() throws -> URL {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let lib = root.appendingPathComponent(".venv/lib")
        let pythons = (try? FileManager.default.contentsOfDirectory(atPath: lib.path))?.filter { $0.hasPrefix("python") }.sorted() ?? []
        for python in pythons {
            let schemas = lib.appendingPathComponent("\(python)/site-packages/cfnlint/data/schemas")
            if FileManager.default.fileExists(atPath: schemas.appendingPathComponent("providers").path) { return schemas }
        }
        throw Failure("no cfn-lint schemas under \(lib.path); run scripts/setup-test-tools.sh, which installs the pinned test tools")
    }
}
