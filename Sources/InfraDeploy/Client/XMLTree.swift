import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed XML element: just enough DOM to read AWS Query responses.
struct XMLTree: Sendable, Equatable {
    /// The local name (any `prefix:` dropped, as AWS responses use one default namespace).
    var name: String
    var children: [XMLTree] = []
    /// Concatenated character data directly inside this element.
    var text: String = ""

    /// The first child called `name`.
    func child(_ name: String) -> XMLTree? { children.first { $0.name == name } }

    /// Follows a path of child names, e.g. `["Stacks", "member"]`.
    func descendant(_ path: String...) -> XMLTree? {
        var node: XMLTree? = self
        for step in path { node = node?.child(step) }
        return node
    }

    /// The text of the child called `name`, if present.
    func string(_ name: String) -> String? { child(name)?.text }

    /// The `<member>` children of the child called `name` (the Query protocol's list encoding).
    func members(_ name: String) -> [XMLTree] { child(name)?.children.filter { $0.name == "member" } ?? [] }

    /// How deep an answer may nest. AWS Query answers nest about 8 levels; the limit keeps a hostile
    /// answer from building a tree whose recursive release overflows the stack (50,000 levels did).
    static let maxDepth = 64

    /// Why a body is not a usable document.
    enum ParseFailure: Error, Equatable, CustomStringConvertible {
        /// Not well-formed XML (e.g. an HTML error page).
        case notXML
        /// Elements nested deeper than ``XMLTree/maxDepth``; parsing stopped there.
        case tooDeep

        var description: String {
            switch self {
            case .notXML: "not XML"
            case .tooDeep: "XML nested deeper than \(XMLTree.maxDepth) levels"
            }
        }
    }

    /// Parses a whole document; `nil` when `bytes` are not well-formed XML or nest too deep.
    static func parse(_ bytes: [UInt8]) -> XMLTree? { try? document(bytes).get() }

    /// Parses a whole document, saying why when it cannot.
    static func document(_ bytes: [UInt8]) -> Result<XMLTree, ParseFailure> {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        let builder = Builder()
        parser.delegate = builder
        let parsed = parser.parse()
        if builder.tooDeep { return .failure(.tooDeep) }
        guard parsed, let root = builder.root else { return .failure(.notXML) }
        return .success(root)
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLTree] = []
        var root: XMLTree?
        var tooDeep = false

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            guard stack.count < XMLTree.maxDepth else {
                tooDeep = true
                parser.abortParsing()
                return
            }
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            stack.append(XMLTree(name: local))
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard !stack.isEmpty else { return }
            stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            guard !tooDeep, let finished = stack.popLast() else { return }
            if stack.isEmpty { root = finished } else { stack[stack.count - 1].children.append(finished) }
        }
    }
}
