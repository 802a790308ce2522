import Foundation

/// Where a service is reached: scheme, authority (host and optional port) and base path.
public struct Endpoint: Sendable, Equatable, CustomStringConvertible {
    /// `https`, or `http` for loopback test servers.
    public let scheme: String
    /// Host and optional `:port`, as sent in the Host header.
    public let authority: String
    /// A base path the service lives under; `/` for AWS itself.
    public let path: String

    /// Parses and checks an endpoint URL: https anywhere, plain http only to loopback addresses,
    /// because credentials would otherwise cross the network unencrypted.
    public init(url text: String, setting: String = "endpoint") throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else {
            throw ConfigurationError("\(setting) '\(text)' is not a URL like https://host[:port]", setting: setting)
        }
        switch scheme {
        case "https":
            break
        case "http":
            guard Self.isLoopback(host: host) else {
                throw ConfigurationError("\(setting) '\(text)' uses plain http to '\(host)'; http is allowed only for loopback addresses (localhost, 127.0.0.0/8, ::1), use https", setting: setting)
            }
        default:
            throw ConfigurationError("\(setting) '\(text)' has scheme '\(scheme)'; use https (or http for a loopback test server)", setting: setting)
        }
        guard components.query == nil, components.fragment == nil else {
            throw ConfigurationError("\(setting) '\(text)' must not have a query or fragment", setting: setting)
        }
        self.scheme = scheme
        authority = Self.authority(host: host, port: components.port)
        path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
    }

    /// The standard AWS endpoint of `service` in `region` (`amazonaws.com.cn` in China regions).
    public static func aws(service: String, region: String) -> Endpoint {
        let suffix = region.hasPrefix("cn-") ? "amazonaws.com.cn" : "amazonaws.com"
        return Endpoint(scheme: "https", authority: "\(service).\(region).\(suffix)", path: "/")
    }

    private init(scheme: String, authority: String, path: String) {
        self.scheme = scheme
        self.authority = authority
        self.path = path
    }

    /// `scheme://authority/path`.
    public var description: String { "\(scheme)://\(authority)\(path)" }

    /// Whether `host` is `localhost`, in 127.0.0.0/8, or `::1`.
    static func isLoopback(host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }) else { return false }
        return octets[0] == "127"
    }

    /// `host[:port]`, with IPv6 literals bracketed.
    static func authority(host: String, port: Int?) -> String {
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return port.map { "\(bracketed):\($0)" } ?? bracketed
    }
}

/// Picks endpoints in the AWS SDKs' order: `AWS_ENDPOINT_URL_<SERVICE>`, the profile's `services`
/// section, `AWS_ENDPOINT_URL`, the profile's `endpoint_url`, then the AWS default.
public enum EndpointResolver: Sendable {
    /// The endpoint of `service` (`cloudformation`, `sts`) in `region`.
    ///
    /// ```swift
    /// // AWS_ENDPOINT_URL=http://127.0.0.1:5000 (moto) → http://127.0.0.1:5000/
    /// let endpoint = try EndpointResolver.endpoint(service: "cloudformation", region: "eu-west-1", environment: env)
    /// ```
    /// Throws when a configured URL is invalid or the shared config file cannot be read. `standard`
    /// replaces the AWS default for services not at `service.region.amazonaws.com` (the SSO portal).
    public static func endpoint(service: String, region: String, environment: AWSEnvironment, standard: Endpoint? = nil) throws -> Endpoint {
        let serviceKey = service.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: " ", with: "_")
        let specific = "AWS_ENDPOINT_URL_" + serviceKey.uppercased()
        if environment.variable("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.lowercased() == "true" {
            return standard ?? Endpoint.aws(service: service, region: region)
        }
        if let url = environment.variable(specific) { return try Endpoint(url: url, setting: specific) }

        let configuration = try SharedConfiguration.load(from: environment)
        let profileName = SharedConfiguration.selectedProfile(in: environment).name
        let profile = configuration.profile(profileName) ?? [:]
        if profile["ignore_configured_endpoint_urls"]?.lowercased() == "true" {
            return standard ?? Endpoint.aws(service: service, region: region)
        }
        if let servicesName = profile["services"], let url = configuration.config.otherSections["services \(servicesName)"]?["\(serviceKey).endpoint_url"], !url.isEmpty {
            return try Endpoint(url: url, setting: "[services \(servicesName)] \(serviceKey).endpoint_url")
        }
        if let url = environment.variable("AWS_ENDPOINT_URL") { return try Endpoint(url: url, setting: "AWS_ENDPOINT_URL") }
        if let url = profile["endpoint_url"], !url.isEmpty { return try Endpoint(url: url, setting: "endpoint_url of profile '\(profileName)'") }
        return standard ?? Endpoint.aws(service: service, region: region)
    }
}

/// A setting (region, endpoint) is missing or invalid; names the setting and how to fix it.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// What is wrong and what to do.
    public let message: String
    /// The setting involved, e.g. `AWS_ENDPOINT_URL` or `region`.
    public let setting: String

    init(_ message: String, setting: String) {
        self.message = message
        self.setting = setting
    }

    /// The message.
    public var description: String { "configuration: \(message)" }
}

extension String {
    /// The host of an authority (`host`, `host:port`, `[v6]:port`), without brackets.
    var hostPart: String {
        if hasPrefix("["), let close = firstIndex(of: "]") { return String(self[index(after: startIndex)..<close]) }
        if let colon = lastIndex(of: ":"), self[index(after: colon)...].allSatisfy(\.isNumber), filter({ $0 == ":" }).count == 1 {
            return String(self[..<colon])
        }
        return self
    }
}
