// A token, parameter or resource written into a plain `String` ("\(role.arn)" where a policy
// document's Id, a stack's description or any other text is taken) would otherwise compile and put
// Swift's debug text, `Token<String>(cfValue: …)`, into the template. These overloads are more
// specific than the standard library's, so that mistake is a warning at the user's line (Swift
// ranks an unavailable overload below an available one, so it cannot be an error here); synthesis
// then refuses the template (`DebugTextCheck`). Where a token is taken, the same interpolation
// renders `Fn::Sub` (`SubInterpolation`).

extension DefaultStringInterpolation {
    /// A mistake: a token's value is known only at deployment.
    @available(*, deprecated, message: "a token's value is known only at deployment, so it cannot become plain text; pass it where a Token is taken (an interpolated Token<String> renders Fn::Sub)")
    public mutating func appendInterpolation<T>(_ token: Token<T>) { appendInterpolation(String(describing: token)) }

    /// A mistake: a parameter's value is known only at deployment.
    @available(*, deprecated, message: "a parameter's value is known only at deployment, so it cannot become plain text; interpolate it where a Token<String> is taken, or use parameter.name for its logical ID")
    public mutating func appendInterpolation(_ parameter: Parameter) { appendInterpolation(String(describing: parameter)) }

    /// A mistake: a resource's physical ID is known only at deployment.
    @available(*, deprecated, message: "a resource's physical ID is known only at deployment, so it cannot become plain text; interpolate it where a Token<String> is taken, or use resource.logicalId")
    public mutating func appendInterpolation<R: Resource>(_ resource: R) { appendInterpolation(String(describing: resource)) }
}

/// Finds Swift's debug text of a token, parameter or resource in a rendered template: the trace of
/// one written into plain text, which CloudFormation would take literally. The markers are
/// module-qualified type names, which no real template holds.
enum DebugTextCheck {
    // A token's description holds its JSONValue, a parameter's its ParameterType, a resource's
    // (generated or raw) its ResourceOptions.
    static let markers = ["InfraArtifact.JSONValue.", "InfraDSL.ParameterType(", "InfraDSL.ResourceOptions("].map { Array($0.utf8) }

    /// An excerpt around the first such text in `bytes`, or `nil`.
    static func find(in bytes: [UInt8]) -> String? {
        guard let start = markers.lazy.compactMap({ firstIndex(of: $0, in: bytes) }).min() else { return nil }
        return String(decoding: bytes[max(0, start - 30)..<min(bytes.count, start + 30)], as: UTF8.self)
    }

    private static func firstIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var index = 0
        while index <= bytes.count - needle.count {
            if bytes[index] == first, bytes[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
