import Testing
@testable import InfraDSL
import InfraAWSLogs

@Suite struct ConcurrentSynthesisTests {
    @Test func concurrentMapKeepsTheElementsOrder() {
        let numbers = Array(0..<5_000)
        #expect(numbers.concurrentMap { $0 * 3 } == numbers.map { $0 * 3 })
        #expect([Int]().concurrentMap { $0 } == [])
        #expect([7].concurrentMap { $0 + 1 } == [8])
    }

    /// Stacks synthesize on all cores; the templates, manifest and diagnostics must still come out
    /// in declaration order, the same on every run.
    @Test func manyStacksSynthesizeInDeclarationOrderEveryTime() {
        let app = App {
            for index in 1...300 {
                Stack("logs-\(index)", account: "222222222222", region: "eu-west-1") {
                    Logs.LogGroup("Group", logGroupName: Token("/app/\(index)"), retentionInDays: 30)
                    if index % 7 == 0 {
                        Parameter("Unused")
                    }
                }
            }
        }
        let first = app.synthesize()
        #expect(first.stacks.map(\.stack.name) == (1...300).map { "logs-\($0)" })
        #expect(first.manifest.stacks.map(\.name) == (1...300).map { "logs-\($0)" })
        let unused = first.diagnostics.map(\.message).filter { $0.hasSuffix("is never used; remove it or refer to it") }
        #expect(unused == (1...300).filter { $0 % 7 == 0 }.map {
            "parameter 'Unused' of stack 'logs-\($0)' is never used; remove it or refer to it"
        })
        for _ in 1...3 {
            let again = app.synthesize()
            #expect(again.files.map(\.contents) == first.files.map(\.contents))
            #expect(again.diagnostics.map(\.message) == first.diagnostics.map(\.message))
        }
    }
}
