import Testing
@testable import InfraDSL
@testable import Stacks

/// The article's two templates and the manifest, exactly as `generate-stacks` writes them.
@Suite struct ArticleGoldenTests {
    let synthesis = stacksApp.synthesize()

    @Test func theArticlesStacksHaveNoDiagnostics() {
        #expect(synthesis.diagnostics.map(\.description) == [])
    }

    @Test(arguments: ["jenkins-deploy-role.template.json", "jenkins-agents.template.json", "manifest.json"])
    func fileMatchesItsGolden(_ name: String) throws {
        let file = try #require(synthesis.files.first { $0.name == name })
        expectMatchesGolden(file.contents, file: name)
    }

    @Test func diffIsReadable() {
        let diff = LineDiff.unified("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nE\nf\ng\nh\n", context: 1)
        #expect(diff == "@@ line 4\n  d\n- e\n+ E\n  f")
    }
}
