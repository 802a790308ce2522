import Foundation

/// The registry schema's constraints — enum, pattern, length, range, item count, required — checked on a typed
/// resource's rendered properties, typed and raw alike.
///
/// Only literal values are judged: an intrinsic function, or a string holding a dynamic reference
/// (`{{resolve:…}}`), is unknown until deployment and always passes.
enum SchemaRules {
    /// One node of the constraint tree the generator writes into `ResourceSchema.constraints`.
    final class Node: Decodable, Sendable {
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
        /// `pattern`, compiled once; nil when there is none or this platform cannot compile it.
        let expression: NSRegularExpression?

        private enum CodingKeys: String, CodingKey {
            case properties, items, required, `enum`, pattern, minLength, maxLength, minimum, maximum, minItems, maxItems
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            properties = try container.decodeIfPresent([String: Node].self, forKey: .properties)
            items = try container.decodeIfPresent(Node.self, forKey: .items)
            required = try container.decodeIfPresent([String].self, forKey: .required)
            self.enum = try container.decodeIfPresent([String].self, forKey: .enum)
            pattern = try container.decodeIfPresent(String.self, forKey: .pattern)
            minLength = try container.decodeIfPresent(Int.self, forKey: .minLength)
            maxLength = try container.decodeIfPresent(Int.self, forKey: .maxLength)
            minimum = try container.decodeIfPresent(Double.self, forKey: .minimum)
            maximum = try container.decodeIfPresent(Double.self, forKey: .maximum)
            minItems = try container.decodeIfPresent(Int.self, forKey: .minItems)
            maxItems = try container.decodeIfPresent(Int.self, forKey: .maxItems)
            // A pattern this platform cannot compile is not checked: it is the schema's dialect,
            // not the user's mistake, and a value CloudFormation accepts must never be rejected.
            expression = pattern.flatMap { try? NSRegularExpression(pattern: $0) }
        }
    }

    /// Why a type's constraint metadata could not be decoded.
    struct UnreadableConstraints: Error, Sendable {
        let reason: String
    }

    /// The constraint tree of a generated type, decoded from its compact JSON.
    static func decode(_ constraints: String) -> Result<Node, UnreadableConstraints> {
        do {
            return .success(try JSONDecoder().decode(Node.self, from: Data(constraints.utf8)))
        } catch {
            return .failure(UnreadableConstraints(reason: "\(error)"))
        }
    }

    /// Checks the resource against `schema`, skipping the property paths (`Policies.*.PolicyName`)
    /// that the type's own rules already check with their own messages.
    static func check(_ schema: ResourceSchema, skipping covered: Set<String>, _ context: inout RuleContext) {
        let root: Node
        switch schema.decodedConstraints {
        case .success(let decoded): root = decoded
        case .failure(let problem):
            context.error("the constraint metadata of \(schema.typeName) cannot be read (\(problem.reason)); regenerate the catalogue")
            return
        }
        var checker = Checker(covered: covered)
        checker.check(.object(context.resource.properties), against: root, path: "", pattern: "")
        for message in checker.messages { context.error(message) }
    }

    private struct Checker {
        let covered: Set<String>
        var messages: [String] = []

        mutating func check(_ value: CFValue, against node: Node, path: String, pattern: String) {
            guard value.intrinsic == nil, !covered.contains(pattern) else { return }
            switch value {
            case .object(let members):
                for name in node.required ?? [] where !members.contains(where: { $0.key == name }) {
                    let childPattern = pattern.isEmpty ? name : "\(pattern).\(name)"
                    guard !covered.contains(childPattern) else { continue }
                    messages.append("required property \(name) is missing" + (path.isEmpty ? "" : " in \(path)"))
                }
                guard let properties = node.properties else { return }
                for member in members {
                    guard let child = properties[member.key] else { continue }
                    check(
                        member.value, against: child,
                        path: path.isEmpty ? member.key : "\(path).\(member.key)",
                        pattern: pattern.isEmpty ? member.key : "\(pattern).\(member.key)")
                }
            case .list(let items):
                if let minimum = node.minItems, items.count < minimum {
                    messages.append("\(path) has \(items.count) item\(items.count == 1 ? "" : "s"); the schema requires at least \(minimum)")
                } else if let maximum = node.maxItems, items.count > maximum {
                    messages.append("\(path) has \(items.count) items; the schema allows at most \(maximum)")
                }
                guard let child = node.items else { return }
                for (index, item) in items.enumerated() {
                    check(item, against: child, path: "\(path)[\(index)]", pattern: "\(pattern).*")
                }
            case .string(let text):
                checkString(text, node, path)
            case .int, .double:
                checkNumber(value, node, path)
            case .bool, .null:
                break
            }
        }

        mutating func checkString(_ text: String, _ node: Node, _ path: String) {
            guard !text.contains("{{resolve:") else { return }
            if let allowed = node.enum, !allowed.contains(text) {
                messages.append("\(path) '\(text)' is not one of the values the schema allows: \(allowed.joined(separator: ", "))")
                return
            }
            let length = text.unicodeScalars.count
            if let minimum = node.minLength, length < minimum {
                messages.append("\(path) '\(text)' is \(length) characters long; the schema requires at least \(minimum)")
            } else if let maximum = node.maxLength, length > maximum {
                let shown = length > 80 ? String(text.prefix(77)) + "…" : text
                messages.append("\(path) '\(shown)' is \(length) characters long; the schema allows at most \(maximum)")
            } else if let pattern = node.pattern, let expression = node.expression, !Self.matches(text, expression) {
                messages.append("\(path) '\(text)' does not match the schema's pattern \(pattern)")
            }
            if let number = Double(text), node.minimum != nil || node.maximum != nil {
                checkRange(number, text, node, path)
            }
        }

        mutating func checkNumber(_ value: CFValue, _ node: Node, _ path: String) {
            let number: Double
            let text: String
            switch value {
            case .int(let integer): (number, text) = (Double(integer), String(integer))
            case .double(let double): (number, text) = (double, String(double))
            default: return
            }
            if let allowed = node.enum, !allowed.contains(text), !allowed.contains(where: { Double($0) == number }) {
                messages.append("\(path) \(text) is not one of the values the schema allows: \(allowed.joined(separator: ", "))")
                return
            }
            checkRange(number, text, node, path)
        }

        mutating func checkRange(_ number: Double, _ text: String, _ node: Node, _ path: String) {
            let below = node.minimum.map { number < $0 } ?? false
            let above = node.maximum.map { number > $0 } ?? false
            guard below || above else { return }
            let bounds: String = switch (node.minimum, node.maximum) {
            case (let low?, let high?): "the schema allows \(Self.format(low)) to \(Self.format(high))"
            case (let low?, nil): "the schema allows at least \(Self.format(low))"
            case (nil, let high?): "the schema allows at most \(Self.format(high))"
            case (nil, nil): ""
            }
            messages.append("\(path) \(text) is out of range; \(bounds)")
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
