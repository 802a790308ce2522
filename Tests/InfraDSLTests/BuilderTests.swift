import Testing
@testable import InfraDSL

/// A component made of the same pieces users write.
struct QueueWithDeadLetters: Component {
    let name: String
    var body: some StackContent {
        let deadLetters = RawResource("\(name)DeadLetters", type: "AWS::SQS::Queue")
        deadLetters
        RawResource(name, type: "AWS::SQS::Queue", properties: ["RedrivePolicy": ["deadLetterTargetArn": deadLetters.getAtt("Arn").cfValue, "maxReceiveCount": 5]])
    }
}

@Suite struct BuilderTests {
    func logicalIds(_ stack: Stack) -> [String] {
        stack.elements.compactMap { if case .resource(let resource) = $0 { resource.logicalId } else { nil } }
    }

    @Test(arguments: [true, false])
    func ifElseForAndOptionalsWork(production: Bool) {
        let optional: RawResource? = production ? topic("Alarms") : nil
        let stack = testStack {
            if production {
                topic("Prod")
            } else {
                topic("Dev")
            }
            if production { topic("OnlyProd") }
            for index in 1...3 { topic("Queue\(index)") }
            optional
        }
        #expect(logicalIds(stack) == (production ? ["Prod", "OnlyProd"] : ["Dev"]) + ["Queue1", "Queue2", "Queue3"] + (production ? ["Alarms"] : []))
    }

    @Test func componentsExpandToTheirBody() {
        let stack = testStack {
            QueueWithDeadLetters(name: "Jobs")
            Group {
                topic("A")
                topic("B")
            }
        }
        #expect(logicalIds(stack) == ["JobsDeadLetters", "Jobs", "A", "B"])
        #expect(App { stack }.synthesize().diagnostics.isEmpty)
    }

    @Test func statementBuilderSupportsControlFlow() {
        let buckets = ["logs", "artifacts"]
        let document = PolicyDocument {
            for bucket in buckets {
                Statement(.allow, action: "s3:GetObject", resource: "arn:aws:s3:::\(bucket)/*")
            }
            if buckets.count > 1 {
                Statement(.deny, notAction: "s3:*", resource: "*")
            }
        }
        #expect(document.statements.count == 3)
    }

    @Test func appListsStacksInOrder() {
        let include = true
        let app = App {
            testStack("one") { topic("T") }
            if include { testStack("two") { topic("T") } }
            for name in ["three", "four"] { testStack(name) { topic("T") } }
        }
        #expect(app.stacks.map(\.name) == ["one", "two", "three", "four"])
    }
}
