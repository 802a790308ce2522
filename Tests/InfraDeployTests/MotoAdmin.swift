import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The moto server scripts/test.sh starts (`INFRA_MOTO_URL`), and its admin API.
///
/// One server serves every moto test, so they all live in the `.serialized` suite
/// `MotoIntegrationTests` (extensions included) and each sets the state it needs first.
enum MotoAdmin {
    static let url = ProcessInfo.processInfo.environment["INFRA_MOTO_URL"].flatMap { $0.isEmpty ? nil : $0 }
    /// Under CI the moto tests must run: a missing server is a failure, never a skip.
    static let required = !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty
    static let enabled = url != nil || required

    /// POSTs `body` to `/moto-api/<path>`.
    static func post(_ path: String, _ body: String = "") async throws {
        guard let url else { throw TestFailure("INFRA_MOTO_URL is not set; run scripts/test.sh, which starts moto") }
        var request = URLRequest(url: URL(string: "\(url)/moto-api/\(path)")!)
        request.httpMethod = "POST"
        request.setValue("text/plain", forHTTPHeaderField: "Content-Type")
        // upload(for:from:): FoundationNetworking drops httpBody on data(for:).
        let (_, response) = try await URLSession.shared.upload(for: request, from: Data(body.utf8))
        guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw TestFailure("moto /moto-api/\(path) answered \(response)") }
    }

    /// Forgets every account's resources.
    static func reset() async throws { try await post("reset") }

    /// From now on, moto lets `unsignedCalls` requests through and then verifies every signature
    /// against the IAM users and roles it knows (as `INITIAL_NO_AUTH_ACTION_COUNT` does at start-up).
    static func checkSignatures(afterUnsignedCalls unsignedCalls: Int) async throws { try await post("reset-auth", String(unsignedCalls)) }

    /// Accepts any key again (moto's default).
    static func stopCheckingSignatures() async throws { try await post("reset-auth", "inf") }
}

@Suite struct MotoAvailabilityTests {
    @Test func underCITheMotoTestsCannotBeSkipped() {
        if MotoAdmin.required && MotoAdmin.url == nil {
            Issue.record("CI is set but INFRA_MOTO_URL is not: the moto integration tests would not run. Run scripts/test.sh, which starts moto.")
        }
    }
}
