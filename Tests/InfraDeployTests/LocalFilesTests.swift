import Foundation
import InfraDeploy
import Testing

@Suite struct LocalFilesTests {
    private let files = LocalFiles()

    @Test func readsATextFile() throws {
        let path = NSTemporaryDirectory() + "infradsl-localfiles-\(UUID().uuidString)"
        try "[default]\nregion = eu-west-1\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try files.text(atPath: path) == "[default]\nregion = eu-west-1\n")
    }

    @Test func aMissingFileIsNil() throws {
        #expect(try files.text(atPath: "/nonexistent/infradsl/config") == nil)
    }

    /// `AWS_CONFIG_FILE=/dev/null` is how one turns the shared config off, as the AWS CLI allows.
    @Test func devNullReadsAsEmpty() throws {
        #expect(try files.text(atPath: "/dev/null") == "")
    }

    @Test func aDirectoryIsAnErrorNamingIt() throws {
        let directory = NSTemporaryDirectory() + "infradsl-localfiles-dir-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect {
            _ = try files.text(atPath: directory)
        } throws: { error in
            "\(error)" == "cannot read \(directory): Is a directory"
        }
    }
}
