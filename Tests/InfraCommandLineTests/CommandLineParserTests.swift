import InfraCommandLine
import Testing

/// The one argument rule, checked as the text a user would see.
@Suite struct CommandLineParserTests {
    private let parser = CommandLineParser([.value("--output", "-o"), .value("--stage"), .flag("--yes", "-y")])

    /// What parsing `arguments` gives, written out: options as `name=value`, then the arguments; or the error's text.
    private func outcome(_ arguments: [String]) -> String {
        do {
            let parsed = try parser.parse(arguments)
            let options = parsed.options.map { option in option.value.map { "\(option.name)=\($0)" } ?? option.name }
            return (options + parsed.arguments.map { "arg:\($0)" }).joined(separator: " ")
        } catch {
            return "error: \(error)"
        }
    }

    @Test(arguments: [
        // Both forms of a value, and aliases reported under the first name.
        (["--output", "out"], "--output=out"),
        (["--output=out"], "--output=out"),
        (["-o", "out"], "--output=out"),
        (["--output=a=b"], "--output=a=b"),
        // Options in order with repeats kept, flags, and the arguments between them (listed last here).
        (["--stage", "dev", "x", "--stage=test", "-y"], "--stage=dev --stage=test --yes arg:x"),
        // A lone "-" is a value; "--" ends the options.
        (["--output", "-"], "--output=-"),
        (["--", "--yes", "-o"], "arg:--yes arg:-o"),
        (["--output=-dash"], "--output=-dash"),
        ([], ""),
    ])
    func accepted(arguments: [String], expected: String) {
        #expect(outcome(arguments) == expected)
    }

    @Test(arguments: [
        (["--output"], "error: --output needs a value"),
        (["--output="], "error: --output needs a value"),
        (["--stage", "--yes"], "error: --stage needs a value"),
        (["-o", "-y"], "error: -o needs a value"),
        (["--yes=true"], "error: --yes takes no value"),
        (["--verbose"], "error: unknown option '--verbose'"),
        (["--verbose=1"], "error: unknown option '--verbose'"),
        (["-x"], "error: unknown option '-x'"),
    ])
    func refused(arguments: [String], expected: String) {
        #expect(outcome(arguments) == expected)
    }

    @Test func theLastValueWinsAndAllValuesAreKept() throws {
        let parsed = try parser.parse(["--output", "a", "--stage", "dev", "-o", "b", "--stage", "test"])
        #expect(parsed.value(of: "--output") == "b")
        #expect(parsed.values(of: "--stage") == ["dev", "test"])
        #expect(parsed.contains("--stage") && !parsed.contains("--yes"))
        #expect(parsed.value(of: "--yes") == nil)
    }
}
