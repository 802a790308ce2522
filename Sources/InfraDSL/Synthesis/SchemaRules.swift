import Foundation

/// The registry schema's constraints — enum, pattern, length, range, item count, required, and the
/// scalar types integer, number and boolean — checked on a resource's rendered properties, typed
/// and raw alike.
///
/// Only literal values are judged, in CloudFormation's lenient forms (`"5"` for a number, `"true"`
/// for a Boolean): an intrinsic function, or a string holding a dynamic reference (`{{resolve:…}}`),
/// is unknown until deployment and passes — except a `Ref` to one of the stack's parameters in a
/// number's place, whose declared type must be `Number`.
enum SchemaRules {
    /// One node of the constraint tree the generator writes into `ResourceSchema.constraints`.
    final class Node: Sendable {
        let properties: [String: Node]?
        let items: Node?
        let required: [String]?
        let `enum`: [String]?
        let pattern: String?
        let minLength: Int?
        let maxLength: Int?
        let minimum: Double?
        let maximum: Double?
        let minItems: Int?
        let maxItems: Int?
        /// `integer`, `number` or `boolean` when the schema declares exactly that type.
        let type: String?
        /// Whether a string value can break any of this node's constraints.
        var hasStringConstraints: Bool {
            self.enum != nil || minLength != nil || maxLength != nil || pattern != nil || minimum != nil || maximum != nil
        }
        /// `pattern`, compiled on first use; nil when there is none or this platform cannot compile it.
        var expression: NSRegularExpression? { compiled?.expression }
        /// Compiling every pattern of a type up front cost more than the rest of evaluation, and
        /// most patterns never meet a literal value.
        private let compiled: LazyExpression?

        /// A node from its JSON; a member of the wrong type is an error naming it.
        init(json: JSONValue) throws(UnreadableConstraints) {
            guard case .object = json else { throw UnreadableConstraints(reason: "a constraint node is not an object") }
            func strings(_ key: String) throws(UnreadableConstraints) -> [String]? {
                guard let value = json[key] else { return nil }
                guard case .list(let items) = value else { throw UnreadableConstraints(reason: "\(key) is not a list") }
                var strings: [String] = []
                for item in items {
                    guard case .string(let text) = item else { throw UnreadableConstraints(reason: "\(key) holds a non-string") }
                    strings.append(text)
                }
                return strings
            }
            func integer(_ key: String) throws(UnreadableConstraints) -> Int? {
                guard let value = json[key] else { return nil }
                switch value {
                case .int(let number): return number
                case .double(let number) where number.rounded() == number: return Int(exactly: number)
                default: throw UnreadableConstraints(reason: "\(key) is not an integer")
                }
            }
            func number(_ key: String) throws(UnreadableConstraints) -> Double? {
                switch json[key] {
                case nil: return nil
                case .int(let number)?: return Double(number)
                case .double(let number)?: return number
                default: throw UnreadableConstraints(reason: "\(key) is not a number")
                }
            }
            if let children = json["properties"] {
                guard case .object(let members) = children else { throw UnreadableConstraints(reason: "properties is not an object") }
                var nodes: [String: Node] = [:]
                for member in members { nodes[member.key] = try Node(json: member.value) }
                properties = nodes
            } else {
                properties = nil
            }
            items = try json["items"].map { value throws(UnreadableConstraints) in try Node(json: value) }
            required = try strings("required")
            self.enum = try strings("enum")
            switch json["pattern"] {
            case nil: pattern = nil
            case .string(let text)?: pattern = text
            default: throw UnreadableConstraints(reason: "pattern is not a string")
            }
            minLength = try integer("minLength")
            maxLength = try integer("maxLength")
            minimum = try number("minimum")
            maximum = try number("maximum")
            minItems = try integer("minItems")
            maxItems = try integer("maxItems")
            switch json["type"] {
            case nil: type = nil
            case .string(let text)?: type = text
            default: throw UnreadableConstraints(reason: "type is not a string")
            }
            compiled = pattern.map(LazyExpression.init)
        }
    }

    /// A regular expression compiled the first time it is needed, by whichever thread needs it.
    final class LazyExpression: @unchecked Sendable {
        private let pattern: String
        private let lock = NSLock()
        private var compiled: NSRegularExpression??

        init(_ pattern: String) {
            self.pattern = pattern
        }

        /// The compiled pattern; nil when this platform cannot compile it.
        var expression: NSRegularExpression? {
            lock.lock()
            defer { lock.unlock() }
            if let compiled { return compiled }
            // A pattern this platform cannot compile is not checked: it is the schema's dialect,
            // not the user's mistake, and a value CloudFormation accepts must never be rejected.
            let expression = try? NSRegularExpression(pattern: pattern)
            compiled = .some(expression)
            return expression
        }
    }

    /// Why a type's constraint metadata could not be decoded.
    struct UnreadableConstraints: Error, Sendable {
        let reason: String
    }

    /// The constraint tree of a generated type, decoded from its compact JSON.
    static func decode(_ constraints: String) -> Result<Node, UnreadableConstraints> {
        do throws(UnreadableConstraints) {
            let json: JSONValue
            do { json = try JSONValue.parse(constraints) } catch { throw UnreadableConstraints(reason: "\(error)") }
            return .success(try Node(json: json))
        } catch {
            return .failure(error)
        }
    }

    /// Checks the resource against `schema`, skipping the property paths (`Policies.*.PolicyName`,
    /// split at the dots) that validation rules already check with their own messages.
    /// `parameterTypes` are the stack's parameters' declared types, by logical ID.
    static func check(_ schema: ResourceSchema, skipping covered: [[Substring]], parameterTypes: [String: String] = [:], _ context: inout RuleContext) {
        let root: Node
        switch schema.decodedConstraints {
        case .success(let decoded): root = decoded
        case .failure(let problem):
            context.report("the constraint metadata of \(schema.typeName) cannot be read (\(problem.reason)); regenerate the catalogue")
            return
        }
        var checker = Checker(covered: covered, parameterTypes: parameterTypes)
        checker.check(.object(context.resource.properties), against: root)
        for message in checker.messages { context.report(message) }
    }

    private struct Checker {
        /// The skipped property paths, split at their dots: `Policies.*.PolicyName` → `Policies`, `*`, `PolicyName`.
        let covered: [[Substring]]
        /// The stack's parameters' declared types, by logical ID.
        let parameterTypes: [String: String]
        var messages: [String] = []
        /// Where the walk is, from the resource's properties down; rendered only for a message.
        private var steps: [Step] = []

        /// One step down a property path: a key, or an index into a list.
        private enum Step {
            case key(String)
            case index(Int)
        }

        init(covered: [[Substring]], parameterTypes: [String: String]) {
            self.covered = covered
            self.parameterTypes = parameterTypes
        }

        /// The path walked so far, such as `ContainerDefinitions[0].Name`.
        private var path: String {
            var text = ""
            for step in steps {
                switch step {
                case .key(let key): text += text.isEmpty ? key : ".\(key)"
                case .index(let index): text += "[\(index)]"
                }
            }
            return text
        }

        /// Whether the path walked so far, followed by `key` if given, is one the type rules check.
        private func isCovered(adding key: String? = nil) -> Bool {
            covered.contains { pattern in
                guard pattern.count == steps.count + (key == nil ? 0 : 1) else { return false }
                for (part, step) in zip(pattern, steps) {
                    switch step {
                    case .key(let name): guard part == name else { return false }
                    case .index: guard part == "*" else { return false }
                    }
                }
                return key.map { pattern.last! == $0 } ?? true
            }
        }

        mutating func check(_ value: CFValue, against node: Node) {
            // The type is checked on covered paths too: their rules judge ranges and patterns, not types.
            if let type = node.type, let problem = Self.typeProblem(value, type, parameterTypes, path: { path }) {
                messages.append(problem)
                return
            }
            guard value.intrinsic == nil, !isCovered() else { return }
            switch value {
            case .object(let members):
                for name in node.required ?? [] where !members.contains(where: { $0.key == name }) {
                    guard !isCovered(adding: name) else { continue }
                    messages.append("required property \(name) is missing" + (steps.isEmpty ? "" : " in \(path)"))
                }
                guard let properties = node.properties else { return }
                for member in members {
                    guard let child = properties[member.key] else { continue }
                    steps.append(.key(member.key))
                    check(member.value, against: child)
                    steps.removeLast()
                }
            case .list(let items):
                if let minimum = node.minItems, items.count < minimum {
                    messages.append("\(path) has \(items.count) item\(items.count == 1 ? "" : "s"); the schema requires at least \(minimum)")
                } else if let maximum = node.maxItems, items.count > maximum {
                    messages.append("\(path) has \(items.count) items; the schema allows at most \(maximum)")
                }
                guard let child = node.items else { return }
                for (index, item) in items.enumerated() {
                    steps.append(.index(index))
                    check(item, against: child)
                    steps.removeLast()
                }
            case .string(let text):
                messages += Self.stringProblems(text, node) { path }
            case .int, .double:
                messages += Self.numberProblems(value, node) { path }
            case .bool, .null:
                break
            }
        }

        /// Why `value` cannot be of the schema's scalar `type`, or nil: literals in CloudFormation's
        /// lenient forms fit, intrinsics are unknown until deployment, but a `Ref` to a parameter in a
        /// number's place must name a `Number` parameter (or an SSM value, which may hold one).
        static func typeProblem(_ value: CFValue, _ type: String, _ parameterTypes: [String: String], path: () -> String) -> String? {
            let article = type == "integer" ? "an" : "a"
            switch (type, value) {
            case ("integer", .int), ("number", .int), ("number", .double), ("boolean", .bool): return nil
            case ("integer", .double(let number)) where number.rounded() == number: return nil
            case ("integer", .string(let text)) where Int(text) != nil: return nil
            case ("number", .string(let text)) where Double(text) != nil: return nil
            case ("boolean", .string(let text)) where text == "true" || text == "false": return nil
            case (_, .string(let text)) where text.containsBytes("{{resolve:"): return nil
            default: break
            }
            if let (name, argument) = value.intrinsic {
                guard name == "Ref", case .string(let parameter) = argument, let declared = parameterTypes[parameter],
                      type != "boolean", declared != "Number", !(declared.hasPrefix("AWS::SSM::Parameter::Value<") && !declared.contains("List"))
                else { return nil }
                return "\(path()) takes \(article) \(type), but parameter '\(parameter)' is declared \(declared); declare it type: .number"
            }
            let shown: String = switch value {
            case .string(let text): "'\(text.count > 80 ? String(text.prefix(77)) + "…" : text)'"
            case .int(let number): String(number)
            case .double(let number): String(number)
            case .bool(let flag): String(flag)
            case .null: "null"
            case .list: "a list"
            case .object: "an object"
            }
            return "\(path()) \(shown) is not \(article) \(type); the schema takes \(article) \(type)" + (type == "boolean" ? " (true or false)" : "")
        }

        /// What is wrong with a literal string; `path` is rendered only for a message.
        static func stringProblems(_ text: String, _ node: Node, path: () -> String) -> [String] {
            guard node.hasStringConstraints, !text.containsBytes("{{resolve:") else { return [] }
            var messages: [String] = []
            if let allowed = node.enum, !allowed.contains(text) {
                return ["\(path()) '\(text)' is not one of the values the schema allows: \(allowed.joined(separator: ", "))"]
            }
            let length = text.unicodeScalars.count
            if let minimum = node.minLength, length < minimum {
                messages.append("\(path()) '\(text)' is \(length) characters long; the schema requires at least \(minimum)")
            } else if let maximum = node.maxLength, length > maximum {
                let shown = length > 80 ? String(text.prefix(77)) + "…" : text
                messages.append("\(path()) '\(shown)' is \(length) characters long; the schema allows at most \(maximum)")
            } else if let pattern = node.pattern, let expression = node.expression, !Self.matches(text, expression) {
                messages.append("\(path()) '\(text)' does not match the schema's pattern \(pattern)")
            }
            if let number = Double(text), node.minimum != nil || node.maximum != nil {
                messages += rangeProblems(number, text, node, path: path)
            }
            return messages
        }

        /// What is wrong with a literal number; `path` is rendered only for a message.
        static func numberProblems(_ value: CFValue, _ node: Node, path: () -> String) -> [String] {
            guard node.enum != nil || node.minimum != nil || node.maximum != nil else { return [] }
            let number: Double
            let text: String
            switch value {
            case .int(let integer): (number, text) = (Double(integer), String(integer))
            case .double(let double): (number, text) = (double, String(double))
            default: return []
            }
            if let allowed = node.enum, !allowed.contains(text), !allowed.contains(where: { Double($0) == number }) {
                return ["\(path()) \(text) is not one of the values the schema allows: \(allowed.joined(separator: ", "))"]
            }
            return rangeProblems(number, text, node, path: path)
        }

        /// Whether a number is out of the node's range, as a message.
        static func rangeProblems(_ number: Double, _ text: String, _ node: Node, path: () -> String) -> [String] {
            let below = node.minimum.map { number < $0 } ?? false
            let above = node.maximum.map { number > $0 } ?? false
            guard below || above else { return [] }
            let bounds: String = switch (node.minimum, node.maximum) {
            case (let low?, let high?): "the schema allows \(Self.format(low)) to \(Self.format(high))"
            case (let low?, nil): "the schema allows at least \(Self.format(low))"
            case (nil, let high?): "the schema allows at most \(Self.format(high))"
            case (nil, nil): ""
            }
            return ["\(path()) \(text) is out of range; \(bounds)"]
        }

        static func format(_ number: Double) -> String {
            number.rounded() == number && abs(number) < 1e15 ? String(Int(number)) : String(number)
        }

        /// JSON Schema patterns are unanchored searches.
        static func matches(_ text: String, _ expression: NSRegularExpression) -> Bool {
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            return expression.firstMatch(in: text, range: range) != nil
        }
    }
}
