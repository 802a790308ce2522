import Testing
@testable import InfraDSL
@testable import Stacks

/// The article's two templates, translated literally, and their manifest: golden files that
/// scripts/test.sh also lints with cfn-lint and compares with the article's YAML.
@Suite struct ArticleGoldenTests {
    let synthesis = articleApp.synthesize()

    @Test func theArticlesStacksHaveOnlyTheArticlesLintFindings() {
        #expect(synthesis.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
    }

    @Test(arguments: ["jenkins-deploy-role.template.json", "jenkins-agents.template.json", "manifest.json"])
    func fileMatchesItsGolden(_ name: String) throws {
        let file = try #require(synthesis.files.first { $0.name == name })
        expectMatchesGolden(file.contents, file: "article/\(name)")
    }

    @Test func diffIsReadable() {
        let diff = LineDiff.unified("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nE\nf\ng\nh\n", context: 1)
        #expect(diff == "@@ line 4\n  d\n- e\n+ E\n  f")
    }
}

/// This package's own app, as `generate-stacks` writes it: every file is a golden file.
@Suite struct StacksGoldenTests {
    let synthesis = stacksApp.synthesize()

    @Test func theAppHasNoDiagnostics() {
        #expect(synthesis.diagnostics.map(\.description) == [])
    }

    @Test func everyFileMatchesItsGolden() {
        #expect(synthesis.files.count == 8)
        for file in synthesis.files {
            expectMatchesGolden(file.contents, file: "stacks/\(file.name)")
        }
    }
}
