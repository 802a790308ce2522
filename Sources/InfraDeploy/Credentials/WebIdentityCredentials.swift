/// EKS-style web identity: an OIDC token file exchanged at STS for a role's credentials, from
/// `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN` or a profile's `web_identity_token_file` + `role_arn`.
struct WebIdentityCredentialSource: OptionalCredentialSource {
    let environment: AWSEnvironment
    let makeRoleAssumer: @Sendable (_ region: String) throws -> any RoleAssuming
    var name: String { "web identity" }

    /// The environment form; the profile form calls ``credentials(tokenFile:roleARN:sessionName:region:profile:)`` directly.
    func resolve() async throws -> AWSCredentials? {
        let tokenFile = environment.variable("AWS_WEB_IDENTITY_TOKEN_FILE")
        let roleARN = environment.variable("AWS_ROLE_ARN")
        switch (tokenFile, roleARN) {
        case (nil, nil):
            return nil
        case let (tokenFile?, roleARN?):
            let region = try RegionResolver.region(in: environment) ?? RegionResolver.stsFallbackRegion
            return try await credentials(tokenFile: tokenFile, roleARN: roleARN, sessionName: environment.variable("AWS_ROLE_SESSION_NAME"), region: region, profile: nil)
        case (nil, _?):
            throw CredentialError(.invalidConfiguration, "AWS_ROLE_ARN is set but AWS_WEB_IDENTITY_TOKEN_FILE is not; set both or neither", source: name)
        case (_?, nil):
            throw CredentialError(.invalidConfiguration, "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not; set both or neither", source: name)
        }
    }

    /// Reads the token afresh (EKS rotates it) and calls `AssumeRoleWithWebIdentity`.
    func credentials(tokenFile: String, roleARN: String, sessionName: String?, region: String, profile: String?) async throws -> AWSCredentials {
        let path = environment.expandingTilde(tokenFile)
        let text: String?
        do {
            text = try environment.files.text(atPath: path)
        } catch {
            throw CredentialError(.invalidConfiguration, "cannot read the web identity token file \(path)", source: name, profile: profile, underlying: SecretFreeError(error))
        }
        guard let token = text?.trimmingWhitespace(), !token.isEmpty else {
            throw CredentialError(.invalidConfiguration, "the web identity token file \(path) is missing or empty", source: name, profile: profile)
        }
        SecretRedaction.register(token)
        let request = AssumeRoleRequest(roleARN: roleARN, sessionName: sessionName ?? "infradsl-\(Int(environment.clock().timeIntervalSince1970))")
        do {
            return try await makeRoleAssumer(region).assumeRole(request, webIdentityToken: token)
        } catch let error as CredentialError {
            throw error
        } catch {
            throw CredentialError(.sourceFailed, "AssumeRoleWithWebIdentity of \(roleARN) failed", source: name, profile: profile, underlying: SecretFreeError(error))
        }
    }
}
