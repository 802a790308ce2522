import Foundation

/// The difference between the server's clock and ours, learned from a rejected request.
///
/// SigV4 signatures are valid for about five minutes around the server's time, so a CI container
/// with a drifted clock fails every call; AWS SDKs correct by the `Date` header, and so do we.
final class ClockSkew: @unchecked Sendable {
    private let lock = NSLock()
    private var storedOffset: TimeInterval = 0

    /// Seconds to add to the local clock when signing.
    var offset: TimeInterval { lock.locked { storedOffset } }

    /// Error codes AWS uses for a request signed at the wrong time.
    static let codes: Set<String> = ["RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture", "InvalidSignatureException", "SignatureDoesNotMatch", "AuthFailure"]

    /// Whether an error means "your clock is off" (the generic signature codes only with that wording).
    static func isSkewError(code: String, message: String) -> Bool {
        guard codes.contains(code) else { return false }
        if ["RequestTimeTooSkewed", "RequestExpired", "RequestInTheFuture"].contains(code) { return true }
        let lowered = message.lowercased()
        return lowered.contains("signature expired") || lowered.contains("not yet current") || lowered.contains("skew")
    }

    /// Learns the offset from the server's `Date`; returns whether it changed enough to retry.
    func adjust(serverDate: Date, localDate: Date) -> Bool {
        let offset = serverDate.timeIntervalSince(localDate)
        return lock.locked {
            // Under a minute cannot explain a rejection (AWS allows five); do not retry on noise.
            guard abs(offset - storedOffset) >= 60 else { return false }
            storedOffset = offset
            return true
        }
    }
}
