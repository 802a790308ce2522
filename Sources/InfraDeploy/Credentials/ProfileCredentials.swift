import Foundation

/// Credentials from the selected profile of the shared files: static keys, `credential_process`, a
/// role (`role_arn` with `source_profile` or `credential_source`, `external_id`, `duration_seconds`),
/// a web identity (`role_arn` with `web_identity_token_file`), or IAM Identity Center (`sso_session`
/// or `sso_start_url`, see `SSOCredentialSource`).
struct ProfileCredentialSource: OptionalCredentialSource {
    let environment: AWSEnvironment
    /// Builds the STS client for a role profile, given the region to call STS in.
    let makeRoleAssumer: @Sendable (_ region: String) throws -> any RoleAssuming
    var name: String { "profile" }

    func resolve() async throws -> AWSCredentials? {
        let configuration = try SharedConfiguration.load(from: environment)
        let (profileName, explicit) = SharedConfiguration.selectedProfile(in: environment)
        guard configuration.profile(profileName) != nil else {
            guard explicit else { return nil }
            throw CredentialError(.profileNotFound, "no [profile \(profileName)] in \(configuration.configPath) and no [\(profileName)] in \(configuration.credentialsPath); check AWS_PROFILE", source: name, profile: profileName)
        }
        return try await credentials(for: profileName, in: configuration, visited: [])
    }

    private func credentials(for profileName: String, in configuration: SharedConfiguration, visited: [String]) async throws -> AWSCredentials? {
        guard let profile = configuration.profile(profileName) else {
            throw CredentialError(.profileNotFound, "source_profile '\(profileName)' (reached from '\(visited.last ?? profileName)') is in neither \(configuration.configPath) nor \(configuration.credentialsPath)", source: name, profile: profileName)
        }
        func invalid(_ message: String) -> CredentialError {
            CredentialError(.invalidConfiguration, message, source: name, profile: profileName)
        }
        if let roleARN = profile["role_arn"], let tokenFile = profile["web_identity_token_file"] {
            let region = RegionResolver.region(environment: environment, profile: profile) ?? RegionResolver.stsFallbackRegion
            return try await WebIdentityCredentialSource(environment: environment, makeRoleAssumer: makeRoleAssumer)
                .credentials(tokenFile: tokenFile, roleARN: roleARN, sessionName: profile["role_session_name"], region: region, profile: profileName)
        }
        if let roleARN = profile["role_arn"] {
            let base: AWSCredentials
            switch (profile["source_profile"], profile["credential_source"]) {
            case (_?, _?):
                throw invalid("set either source_profile or credential_source with role_arn, not both")
            case (nil, nil):
                throw invalid("role_arn needs source_profile or credential_source to know which credentials assume the role")
            case let (source?, nil):
                if visited.contains(source) {
                    throw invalid("source_profile chain loops: \((visited + [profileName, source]).joined(separator: " → "))")
                }
                if source == profileName {
                    // A profile naming itself means: assume the role with this profile's own keys.
                    guard let own = try staticCredentials(profile, profileName: profileName) else {
                        throw invalid("source_profile names the profile itself, which then needs aws_access_key_id and aws_secret_access_key")
                    }
                    base = own
                } else {
                    guard let sourceCredentials = try await credentials(for: source, in: configuration, visited: visited + [profileName]) else {
                        throw CredentialError(.invalidConfiguration, "source_profile '\(source)' has no credentials (keys, credential_process or role_arn)", source: name, profile: source)
                    }
                    base = sourceCredentials
                }
            case let (nil, source?):
                base = try await credentialSource(source, profileName: profileName)
            }
            return try await assume(roleARN: roleARN, profile: profile, profileName: profileName, base: base)
        }
        if let credentials = try staticCredentials(profile, profileName: profileName) { return credentials }
        if let command = profile["credential_process"] {
            return try await CredentialProcessSource(command: command, profile: profileName, timeoutSetting: profile["credential_process_timeout"], environment: environment).credentials()
        }
        if let sso = try SSOCredentialSource.settings(profile, profileName: profileName, configuration: configuration) {
            return try await SSOCredentialSource(environment: environment).credentials(sso, profile: profileName)
        }
        if profile["web_identity_token_file"] != nil {
            throw CredentialError(.invalidConfiguration, "web_identity_token_file needs role_arn in the same profile", source: name, profile: profileName)
        }
        return nil
    }

    private func staticCredentials(_ profile: [String: String], profileName: String) throws -> AWSCredentials? {
        switch (profile["aws_access_key_id"], profile["aws_secret_access_key"]) {
        case (nil, nil):
            return nil
        case let (keyID?, secret?):
            return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: profile["aws_session_token"])
        default:
            throw CredentialError(.invalidConfiguration, "the profile has only one of aws_access_key_id and aws_secret_access_key", source: name, profile: profileName)
        }
    }

    private func credentialSource(_ source: String, profileName: String) async throws -> AWSCredentials {
        let provider: (any OptionalCredentialSource)?
        switch source {
        case "Environment": provider = EnvironmentCredentialSource(environment: environment)
        case "Ec2InstanceMetadata": provider = InstanceMetadataCredentialSource(environment: environment)
        case "EcsContainer": provider = ContainerCredentialSource(environment: environment)
        default: provider = nil
        }
        guard let provider else {
            throw CredentialError(.invalidConfiguration, "credential_source '\(source)' is not one of Environment, Ec2InstanceMetadata, EcsContainer", source: name, profile: profileName)
        }
        guard let credentials = try await provider.resolve() else {
            throw CredentialError(.sourceFailed, "credential_source \(source) has no credentials here", source: name, profile: profileName)
        }
        return credentials
    }

    private func assume(roleARN: String, profile: [String: String], profileName: String, base: AWSCredentials) async throws -> AWSCredentials {
        var duration: Int?
        if let text = profile["duration_seconds"] {
            guard let seconds = Int(text), (900...43_200).contains(seconds) else {
                throw CredentialError(.invalidConfiguration, "duration_seconds must be a whole number from 900 to 43200, got '\(text)'", source: name, profile: profileName)
            }
            duration = seconds
        }
        if profile["mfa_serial"] != nil {
            throw CredentialError(.unsupported, "mfa_serial needs an interactive MFA prompt, which a deploy tool does not offer; use credential_process", source: name, profile: profileName)
        }
        let sessionName = profile["role_session_name"] ?? "infradsl-\(Int(environment.clock().timeIntervalSince1970))"
        let request = AssumeRoleRequest(roleARN: roleARN, sessionName: sessionName, externalID: profile["external_id"], durationSeconds: duration)
        let region = RegionResolver.region(environment: environment, profile: profile) ?? RegionResolver.stsFallbackRegion
        do {
            return try await makeRoleAssumer(region).assumeRole(request, using: base)
        } catch let error as CredentialError {
            throw error
        } catch {
            throw CredentialError(.sourceFailed, "AssumeRole of \(roleARN) failed", source: "sts", profile: profileName, underlying: SecretFreeError(error))
        }
    }
}
