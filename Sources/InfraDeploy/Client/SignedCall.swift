import Foundation

/// One AWS call over HTTP, whatever its protocol: every attempt signed with current credentials
/// (SigV4), sent through the environment's transport, and retried under the ``RetryPolicy`` —
/// throttling, 5xx and network failures with capped, jittered backoff; a skewed clock or expired
/// cached credentials corrected once, at once. Shared by ``QueryClient`` and ``S3Client``.
struct SignedCall: Sendable {
    /// How a call is authenticated.
    enum Signing {
        /// With the client's credential provider (refreshed on `ExpiredToken`).
        case clientCredentials
        /// With these credentials (a chain assuming a role with its base credentials).
        case with(AWSCredentials)
        /// Not signed (`AssumeRoleWithWebIdentity`); `secrets` are scrubbed from errors all the same.
        case unsigned(secrets: [String])
    }

    /// A failure caused by our side that one immediate retry can fix.
    enum Correction: Equatable {
        /// Our clock is off; the server's time is given.
        case clockSkew(Date)
        /// Cached temporary credentials expired.
        case expiredCredentials
    }

    /// What one response means to the caller.
    enum Outcome<Value> {
        case success(Value)
        case failure(AWSClientError, retryable: Bool, correction: Correction? = nil)
    }

    let signer: SigV4Signer
    let credentials: any AWSCredentialProvider
    let environment: AWSEnvironment
    let retryPolicy: RetryPolicy
    /// Shared by copies of a client, so a learned offset serves every later call.
    let skew: ClockSkew

    /// Sends `request` until `classify` accepts a response or the retry budget is spent.
    ///
    /// `classify` gets the response, the attempt number and the secrets of that attempt (to scrub
    /// from any text it keeps).
    func perform<Value>(
        _ request: HTTPRequest, context: AWSClientError.Context, signing: Signing = .clientCredentials,
        classify: (HTTPResponse, _ attempts: Int, _ secrets: [String]) -> Outcome<Value>
    ) async throws -> Value {
        let started = environment.clock()
        var attempt = 0
        var refreshedExpiredCredentials = false
        while true {
            attempt += 1
            let outgoing: HTTPRequest
            let secrets: [String]
            if case .unsigned(let unsignedSecrets) = signing {
                outgoing = request
                secrets = unsignedSecrets
            } else {
                let credentials: AWSCredentials
                do {
                    if case .with(let given) = signing { credentials = given } else { credentials = try await self.credentials.credentials() }
                } catch let error as CancellationError {
                    // An interrupt is not a credentials problem: it ends the call as an interrupt.
                    throw error
                } catch let error as AWSClientError where error.code == .transport {
                    // The STS call behind the credentials could not connect: that is the network's
                    // failure, not the credentials', and is reported as such.
                    throw error
                } catch {
                    throw AWSClientError.credentials(context, error)
                }
                let signed = signer.sign(request, credentials: credentials, date: environment.clock().addingTimeInterval(skew.offset))
                outgoing = signed.request
                secrets = [credentials.secretAccessKey, credentials.sessionToken, signed.signature].compactMap { $0 }
            }

            let failure: AWSClientError
            let retryable: Bool
            do {
                let response = try await environment.transport.send(outgoing, timeout: retryPolicy.attemptTimeout)
                switch classify(response, attempt, secrets) {
                case .success(let result): return result
                case .failure(let error, let canRetry, let correction):
                    failure = error
                    retryable = canRetry
                    // Corrections retry at once: they fix our side, not the service's load.
                    guard attempt < retryPolicy.maxAttempts else { break }
                    switch correction {
                    case .clockSkew(let serverDate):
                        if skew.adjust(serverDate: serverDate, localDate: environment.clock()) { continue }
                    case .expiredCredentials:
                        if case .clientCredentials = signing, !refreshedExpiredCredentials, let refreshable = self.credentials as? any RefreshableCredentialProvider {
                            refreshedExpiredCredentials = true
                            await refreshable.invalidate()
                            continue
                        }
                    case nil:
                        break
                    }
                }
            } catch let error as TransportError {
                failure = .transport(context, error, attempts: attempt)
                retryable = error.isRetryable
            }

            guard retryable, attempt < retryPolicy.maxAttempts else { throw failure }
            let delay = retryPolicy.delay(beforeRetry: attempt, unitRandom: environment.random())
            let elapsed = environment.clock().timeIntervalSince(started)
            guard elapsed + retryPolicy.seconds(delay) <= retryPolicy.seconds(retryPolicy.maxTotalTime) else { throw failure }
            try await environment.sleep(delay)
        }
    }
}
