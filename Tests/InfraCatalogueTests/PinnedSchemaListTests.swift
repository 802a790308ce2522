import Foundation
import Testing
import InfraArtifact
@testable import InfraCatalogue

/// Every pinned registry schema through the generator: a value the schema says is a list is a Swift
/// list, and a generated struct never stands for one. A fragment test covers the shapes we know; this
/// sweep finds the ones nobody has seen yet (cfn-lint E3012 on a template the DSL wrote without a word).
@Suite struct PinnedSchemaListTests {
    /// Follows `$ref`s (to definitions and to other properties) in the schema as published.
    private func resolved(_ schema: JSONValue, in document: JSONValue) -> JSONValue {
        var node = schema
        for _ in 0..<16 {
            guard let reference = node["$ref"]?.string else { return node }
            let parts = reference.split(separator: "/").map(String.init)
            guard parts.count == 3, parts[0] == "#", let target = document[parts[1]]?[parts[2]] else { return node }
            node = target
        }
        return node
    }

    private func declaredTypes(_ schema: JSONValue) -> [String] {
        switch schema["type"] {
        case .string(let single)?: [single]
        case .list(let many)?: many.compactMap(\.string)
        default: []
        }
    }

    /// Whether the schema can only be a list (how the generator infers an untyped one included).
    private func isList(_ schema: JSONValue) -> Bool {
        let types = declaredTypes(schema)
        return types == ["array"] || (types.isEmpty && schema["items"] != nil && schema["properties"] == nil)
    }

    @Test func everyListPropertyOfThePinnedSchemasIsGeneratedAsAList() throws {
        let (store, models) = try PinnedSchemas.catalogue.get()
        var problems: [String] = []
        var lists = 0
        for model in models {
            let document = try store.schema(model.typeName)
            let structNames = Set(model.structs.map(\.name))
            // An owner's own enumerations are looked up first, and may share a struct's name.
            let owners = [(model.name, model.properties, model.enums)] + model.structs.map { ($0.name, $0.properties, $0.enums) }
            for (owner, properties, enums) in owners {
                let shadowing = Set((enums + model.sharedEnums).map(\.name))
                // A list's items are checked too: a list of lists must not become a list of structs.
                func check(_ schema: JSONValue, _ type: SwiftType, _ place: String) {
                    let schema = resolved(schema, in: document)
                    if isList(schema) {
                        lists += 1
                        switch type {
                        case .token("[String]"): break
                        case .list(let element): if let items = schema["items"] { check(items, element, place + "[]") }
                        default: problems.append("\(place): the schema is a list, generated as \(type.spelled)")
                        }
                    } else if case .named(let name) = type, structNames.contains(name), !shadowing.contains(name),
                        !declaredTypes(schema).isEmpty, !declaredTypes(schema).contains("object")
                    {
                        problems.append("\(place): the schema is \(declaredTypes(schema)), generated as the struct \(name)")
                    }
                }
                for property in properties {
                    check(property.schema, property.type, "\(model.typeName) \(owner).\(property.key)")
                }
            }
        }
        // The sweep must have walked the real catalogue, not an empty folder.
        #expect(lists > 1000)
        #expect(problems.isEmpty, "\(problems.count) properties:\n\(problems.prefix(40).joined(separator: "\n"))")
    }
}
