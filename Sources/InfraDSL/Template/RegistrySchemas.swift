import Foundation

/// The registry schema facts of every CloudFormation type the pinned schemas hold, for raw
/// resources: a `RawResource("Fn", type: "AWS::Lambda::Function")` is checked against its type's
/// schema (required properties, enums, patterns, lengths, ranges) even when the user does not import
/// `InfraAWSLambda`. Read from the resource file the catalogue generator writes
/// (`Resources/resource-schemas.tsv`, one type per line), once per type and process.
enum RegistrySchemas {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: [String: ResourceSchema?] = [:]
    nonisolated(unsafe) private static var lines: [Substring: Substring]?

    /// The facts of `typeName`; nil for a type the pinned schemas do not hold (a custom resource,
    /// a third-party type, a module): those pass unchecked.
    static func schema(for typeName: String) -> ResourceSchema? {
        lock.lock()
        defer { lock.unlock() }
        if let known = loaded[typeName] { return known }
        let index = lines ?? readIndex()
        lines = index
        let schema = index[Substring(typeName)].flatMap { parse(typeName, $0) }
        loaded[typeName] = schema
        return schema
    }

    /// Each line keyed by its type name; the rest of the line is parsed only when asked for.
    private static func readIndex() -> [Substring: Substring] {
        guard let url = Bundle.module.url(forResource: "resource-schemas", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var index: [Substring: Substring] = [:]
        for line in text.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t") else { continue }
            index[line[..<tab]] = line[line.index(after: tab)...]
        }
        return index
    }

    /// `primary identifiers TAB create-only properties TAB constraints` as a schema.
    private static func parse(_ typeName: String, _ rest: Substring) -> ResourceSchema? {
        let fields = rest.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3 else { return nil }
        func list(_ field: Substring) -> [String] { field.split(separator: ",").map(String.init) }
        return ResourceSchema(typeName: typeName, primaryIdentifier: list(fields[0]), createOnlyProperties: list(fields[1]), constraints: String(fields[2]))
    }
}
