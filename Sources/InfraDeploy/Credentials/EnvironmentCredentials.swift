/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optional `AWS_SESSION_TOKEN`.
struct EnvironmentCredentialSource: OptionalCredentialSource {
    let environment: AWSEnvironment
    var name: String { "environment" }

    func resolve() async throws -> AWSCredentials? {
        let keyID = environment.variable("AWS_ACCESS_KEY_ID")
        let secret = environment.variable("AWS_SECRET_ACCESS_KEY")
        switch (keyID, secret) {
        case (nil, nil):
            return nil
        case let (keyID?, secret?):
            return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: environment.variable("AWS_SESSION_TOKEN"))
        case (nil, _?):
            throw CredentialError(.invalidConfiguration, "AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not; set both or neither", source: name)
        case (_?, nil):
            throw CredentialError(.invalidConfiguration, "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not; set both or neither", source: name)
        }
    }
}
