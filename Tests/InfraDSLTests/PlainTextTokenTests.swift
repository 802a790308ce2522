import Testing
@testable import InfraDSL

/// A token, parameter or resource that ends up in plain text (a stack's description, a raw string)
/// is refused at the stack's line instead of reaching the template as Swift's description of it.
@Suite struct PlainTextTokenTests {
    private func errors(_ stack: Stack) -> [Diagnostic] { App { stack }.synthesize().diagnostics.filter { $0.severity == .error } }

    @Test func aTokenInAStacksDescriptionIsAnError() throws {
        let topic = RawResource("Topic", type: "AWS::SNS::Topic")
        // What "\(topic.ref)" in a String gives; written without interpolation, which warns.
        let line = #line; let stack = Stack("t", account: "111111111111", region: "eu-west-1", description: String(describing: topic.ref)) { topic }
        let found = errors(stack)
        let error = try #require(found.first)
        #expect(found.count == 1)
        #expect(error.location.line == line)
        #expect(error.message.contains("a token, parameter or resource was written into plain text"))
    }

    @Test func aParameterOrAResourceInARawStringIsAnError() {
        let retention = Parameter("Retention", type: .number)
        let topic = RawResource("Topic", type: "AWS::SNS::Topic")
        for text in [String(describing: retention), String(describing: topic)] {
            let stack = Stack("t", account: "111111111111", region: "eu-west-1") {
                RawResource("Queue", type: "AWS::SQS::Queue", properties: ["QueueName": .string(text)])
            }
            #expect(errors(stack).contains { $0.message.contains("written into plain text") }, "\(text)")
        }
    }

    @Test func literalTextAndInterpolatedTokensPass() {
        let topic = RawResource("Topic", type: "AWS::SNS::Topic")
        let stack = Stack("t", account: "111111111111", region: "eu-west-1", description: "Topics made with InfraDSL.") {
            topic
            RawResource("Queue", type: "AWS::SQS::Queue", properties: ["QueueName": "queue-\(topic.ref)"])
        }
        #expect(errors(stack).isEmpty, "\(App { stack }.synthesize().diagnostics)")
    }
}
