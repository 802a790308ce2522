import Foundation
import InfraDSL

/// A valid stack around the given body, for tests that care about one piece.
func testStack(
    _ name: String = "test", parameters: [String: String] = [:], file: String = #filePath, line: Int = #line,
    @StackBuilder _ content: () -> Group
) -> Stack {
    Stack(name, account: "111111111111", region: "eu-west-1", parameters: parameters, file: file, line: line, content: content)
}

/// A resource nobody has to think about: an SNS topic with no properties.
func topic(_ logicalId: String, file: String = #filePath, line: Int = #line) -> RawResource {
    RawResource(logicalId, type: "AWS::SNS::Topic", file: file, line: line)
}

/// The compact JSON of anything renderable, for short exact assertions.
func json(_ value: some CFValueConvertible) -> String {
    JSONWriter.compact(value.cfValue)
}

/// The root of this package, found from this file's path.
let packageRoot: String = {
    var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(4)  // Tests/InfraDSLTests/Support/Fixtures.swift
    return parts.joined(separator: "/")
}()

/// The reference material the tests check against, carried by the repository: `Tests/Reference`.
let testReference = URL(fileURLWithPath: packageRoot).appendingPathComponent("Tests/Reference")
