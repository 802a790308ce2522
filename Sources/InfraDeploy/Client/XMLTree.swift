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

    /// Parses a whole document; `nil` when `bytes` are not well-formed XML (e.g. an HTML error page).
    static func parse(_ bytes: [UInt8]) -> XMLTree? {
        let parser = XMLParser(data: Data(bytes))
        parser.shouldResolveExternalEntities = false
        let builder = Builder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else { return nil }
        return root
    }

    private final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLTree] = []
        var root: XMLTree?

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
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
            guard let finished = stack.popLast() else { return }
            if stack.isEmpty { root = finished } else { stack[stack.count - 1].children.append(finished) }
        }
    }
}
