import Foundation
import Testing

/// Compares generated text with a golden file under `Tests/InfraDSLTests/Golden/`.
///
/// Set `RECORD_GOLDEN=1` to rewrite the golden files from the current output; a recording run
/// still reports an issue, so it can never pass by accident in CI.
func expectMatchesGolden(_ actual: String, file name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let path = "\(packageRoot)/Tests/InfraDSLTests/Golden/\(name)"
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("re-recorded \(name); unset RECORD_GOLDEN and run the tests again", sourceLocation: sourceLocation)
        } catch {
            Issue.record("cannot record \(path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = FileManager.default.contents(atPath: path).flatMap({ String(data: $0, encoding: .utf8) }) else {
        Issue.record("golden file \(path) is missing; run the tests with RECORD_GOLDEN=1 to create it", sourceLocation: sourceLocation)
        return
    }
    if expected != actual {
        Issue.record(
            "\(name) differs from its golden file (- golden, + generated); if the change is intended, re-record with RECORD_GOLDEN=1\n\(LineDiff.unified(expected, actual))",
            sourceLocation: sourceLocation)
    }
}

/// A small line diff (longest common subsequence) printed with three lines of context.
enum LineDiff {
    static func unified(_ old: String, _ new: String, context: Int = 3) -> String {
        let a = old.split(separator: "\n", omittingEmptySubsequences: false)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false)
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var lines: [(kind: Character, text: Substring, lineNumber: Int)] = []
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                lines.append((" ", a[i], i + 1)); i += 1; j += 1
            } else if i < a.count, j == b.count || lcs[i + 1][j] >= lcs[i][j + 1] {
                lines.append(("-", a[i], i + 1)); i += 1
            } else {
                lines.append(("+", b[j], j + 1)); j += 1
            }
        }
        let changed = lines.indices.filter { lines[$0].kind != " " }
        var shown = IndexSet()
        for index in changed { shown.insert(integersIn: max(0, index - context)...min(lines.count - 1, index + context)) }
        var output: [String] = []
        var previous: Int?
        for index in shown {
            if let previous, index != previous + 1 { output.append("@@") }
            if previous == nil { output.append("@@ line \(lines[index].lineNumber)") }
            output.append("\(lines[index].kind) \(lines[index].text)")
            previous = index
        }
        return output.joined(separator: "\n")
    }
}
