import Foundation
import InfraDeploy

/// One case folder of `reference/sigv4/<suite>/…`, in either of the two layouts on disk.
struct SigV4SuiteCase: Sendable, CustomStringConvertible {
    enum Layout: Sendable { case classic, crt }

    let directory: URL
    let layout: Layout
    /// `<suite>/<path inside suite>`, the key used in messages and the exclusion list.
    let id: String

    var description: String { id }
    var testDescription: String { id }

    static let suitesRoot = Reference.root.appendingPathComponent("sigv4")

    /// Every leaf folder under every suite. A leaf folder in neither layout is reported, not skipped,
    /// so a new case in an unexpected shape cannot slip through unchecked.
    static func discover() throws -> (cases: [SigV4SuiteCase], unrecognised: [String]) {
        let fm = FileManager.default
        var cases: [SigV4SuiteCase] = []
        var unrecognised: [String] = []
        let suites = try fm.contentsOfDirectory(atPath: suitesRoot.path).filter { isDirectory(suitesRoot.appendingPathComponent($0)) }.sorted()
        func walk(_ url: URL, id: String) throws {
            let entries = try fm.contentsOfDirectory(atPath: url.path).sorted()
            let subdirectories = entries.filter { isDirectory(url.appendingPathComponent($0)) }
            if subdirectories.isEmpty {
                let name = url.lastPathComponent
                if entries.contains("request.txt") { cases.append(SigV4SuiteCase(directory: url, layout: .crt, id: id)) }
                else if entries.contains("\(name).req") { cases.append(SigV4SuiteCase(directory: url, layout: .classic, id: id)) }
                else { unrecognised.append(id) }
            }
            for sub in subdirectories { try walk(url.appendingPathComponent(sub), id: "\(id)/\(sub)") }
        }
        for suite in suites { try walk(suitesRoot.appendingPathComponent(suite), id: suite) }
        return (cases, unrecognised)
    }

    /// Cases for parameterised tests; an unreadable tree yields none, which `SigV4SuiteTests.discovery` fails on.
    static func all() -> [SigV4SuiteCase] {
        do { return try discover().cases } catch { return [] }
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
    }

    func file(_ name: String) throws -> String { try Reference.text(directory.appendingPathComponent(name)) }
}


/// The suites' credentials (SOURCE.md): fixed for every classic case.
enum SuiteConstants {
    static let accessKeyID = "AKIDEXAMPLE"
    static let secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let region = "us-east-1"
    static let service = "service"
}

/// A request file (`.req` or `request.txt`) split into its parts.
struct ParsedRequest {
    /// The header block as written, without the blank line that ends it.
    var head: String
    var request: HTTPRequest
    var hasBodySection: Bool

    /// How a continuation line (leading whitespace) is read. The classic suite expects each line
    /// as a separate value of the same header (joined with `,`); aws-c-auth keeps the HTTP obs-fold,
    /// one value with the newline and indentation inside (collapsed to spaces when canonicalised).
    enum Folding { case separateValues, obsFold }

    static func parse(_ text: String, folding: Folding) throws -> ParsedRequest {
        let (head, body, hasBody): (String, String, Bool) = {
            if let range = text.range(of: "\n\n") { return (String(text[..<range.lowerBound]), String(text[range.upperBound...]), true) }
            return (text.hasSuffix("\n") ? String(text.dropLast()) : text, "", false)
        }()
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard !lines.isEmpty else { throw ReferenceError(description: "empty request") }
        let requestLine = lines.removeFirst()
        // The target can hold raw spaces ("/example space/"): method up to the first space, version after the last.
        guard let firstSpace = requestLine.firstIndex(of: " "), let lastSpace = requestLine.lastIndex(of: " "), firstSpace < lastSpace else {
            throw ReferenceError(description: "bad request line '\(requestLine)'")
        }
        let method = String(requestLine[..<firstSpace])
        let target = String(requestLine[requestLine.index(after: firstSpace)..<lastSpace])
        let path: String
        let query: String?
        if let mark = target.firstIndex(of: "?") {
            path = String(target[..<mark])
            query = String(target[target.index(after: mark)...])
        } else {
            path = target
            query = nil
        }
        var pairs: [(String, String)] = []
        for line in lines {
            if let first = line.first, first == " " || first == "\t" {
                guard let last = pairs.last else { throw ReferenceError(description: "continuation without header") }
                switch folding {
                case .separateValues: pairs.append((last.0, line.trimmingCharacters(in: .whitespaces)))
                case .obsFold: pairs[pairs.count - 1].1 += "\n" + line
                }
            } else {
                guard let colon = line.firstIndex(of: ":") else { throw ReferenceError(description: "bad header '\(line)'") }
                pairs.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        let host = pairs.first { $0.0.lowercased() == "host" }?.1 ?? ""
        let request = HTTPRequest(method: method, authority: host, path: path, query: query, headers: HTTPHeaders(pairs), body: Array(body.utf8))
        return ParsedRequest(head: head, request: request, hasBodySection: hasBody)
    }
}
