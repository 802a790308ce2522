import Foundation
@testable import InfraDeploy
@testable import infra
import Testing

/// The one redactor: every secret loaded in the process is replaced wherever a message shows it.
@Suite struct SecretRedactionTests {
    @Test func loadedCredentialsAreKnownToTheRedactor() {
        let credentials = AWSCredentials(accessKeyID: "ASIAREDACT", secretAccessKey: "redactor-secret/key+1234567890", sessionToken: "redactor-session-token=abc/def")
        let text = SecretRedaction.redact("key \(credentials.secretAccessKey), token \(credentials.sessionToken!), encoded \(SigV4Encoding.uriEncode(credentials.sessionToken!)), id ASIAREDACT")
        #expect(text == "key <redacted>, token <redacted>, encoded <redacted>, id ASIAREDACT")
    }

    @Test func shortValuesAreNotTakenForSecrets() {
        _ = AWSCredentials(accessKeyID: "A", secretAccessKey: "stack", sessionToken: "in")
        #expect(SecretRedaction.redact("the stack is in progress") == "the stack is in progress")
        #expect(SecretRedaction.redact("one-off value", also: ["one-off"]) == "<redacted> value")
    }

    @Test func everythingTheConsolePrintsIsRedacted() {
        let secret = "console-planted-secret-\(UUID().uuidString)"
        _ = AWSCredentials(accessKeyID: "ASIACONSOLE", secretAccessKey: secret)
        let console = CapturingConsole()
        console.log("error: the server said: key \(secret) is invalid\n")
        console.write("\(secret)\n")
        #expect(console.standardError == "error: the server said: key <redacted> is invalid\n")
        #expect(console.standardOutput == "<redacted>\n")
    }

    @Test func aLiveLineCutToTheTerminalWidthShowsNoPartOfASecret() {
        let secret = "live-line-secret-\(UUID().uuidString)"
        _ = AWSCredentials(accessKeyID: "ASIALIVE", secretAccessKey: secret)
        let console = CapturingConsole(interactive: true)
        let stack = ArtifactFixture.stack("app", account: "222222222222", stage: "development")
        let prefix = "\(ProgressPrinter.prefix(stack)): "
        // The capturing console is 200 columns wide: the cut falls inside the secret.
        ProgressPrinter(console: console, live: true).print(.progress(stack, String(repeating: "x", count: 185 - prefix.count) + secret))
        #expect(console.standardError.contains("<redacted>"))
        #expect(!console.standardError.contains(String(secret.prefix(8))))
    }

    @Test func aTokenFromTheContainerEndpointIsKnownOnceRead() async throws {
        let token = "container-authorization-token-\(UUID().uuidString)"
        let transport = ScriptedTransport { _, _ in json(#"{"AccessKeyId": "ASIAC", "SecretAccessKey": "container-secret-key-123456", "Token": "container-session-token-123456", "Expiration": "2030-01-01T00:00:00Z"}"#) }
        let environment = testEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://127.0.0.1:9911/creds", "AWS_CONTAINER_AUTHORIZATION_TOKEN": token], transport: transport)
        _ = try await DefaultCredentialChain(environment: environment).credentials()
        #expect(SecretRedaction.redact("\(token) container-secret-key-123456 container-session-token-123456") == "<redacted> <redacted> <redacted>")
    }
}
