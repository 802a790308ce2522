/// Finds the region: `AWS_REGION`, then `AWS_DEFAULT_REGION`, then the selected profile's `region`.
public enum RegionResolver: Sendable {
    /// STS has a global endpoint in us-east-1; used when a role profile names no region.
    static let stsFallbackRegion = "us-east-1"

    /// The configured region, or `nil` when none is set anywhere.
    ///
    /// Throws only when the shared files exist but cannot be read or parsed.
    public static func region(in environment: AWSEnvironment) throws -> String? {
        if let region = region(environment: environment, profile: nil) { return region }
        let configuration = try SharedConfiguration.load(from: environment)
        let profile = SharedConfiguration.selectedProfile(in: environment).name
        return configuration.profile(profile)?["region"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The configured region, or an error telling the user how to set one.
    public static func requireRegion(in environment: AWSEnvironment) throws -> String {
        guard let region = try region(in: environment) else {
            throw ConfigurationError("no AWS region configured; set AWS_REGION, or `region = …` in the selected profile", setting: "region")
        }
        return region
    }

    /// Environment first, then the given (already loaded) profile.
    static func region(environment: AWSEnvironment, profile: [String: String]?) -> String? {
        environment.variable("AWS_REGION") ?? environment.variable("AWS_DEFAULT_REGION") ?? profile?["region"].flatMap { $0.isEmpty ? nil : $0 }
    }
}
