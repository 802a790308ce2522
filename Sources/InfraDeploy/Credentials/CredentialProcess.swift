/// Runs a profile's `credential_process` and reads the JSON it prints (`Version` 1).
struct CredentialProcessSource: Sendable {
    let command: String
    let profile: String
    let environment: AWSEnvironment

    func credentials() async throws -> AWSCredentials {
        let output: CommandOutput
        do {
            output = try await environment.commands.run(command)
        } catch {
            throw CredentialError(.sourceFailed, "could not start credential_process", source: "credential_process", profile: profile, underlying: SecretFreeError(error))
        }
        guard output.status == 0 else {
            throw CredentialError(.sourceFailed, "credential_process exited with status \(output.status); its standard error is above", source: "credential_process", profile: profile)
        }
        let credentials = try TemporaryCredentialsDocument.credentials(from: output.standardOutput, source: "credential_process", profile: profile)
        return credentials
    }
}
