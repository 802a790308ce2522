import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The production ``HTTPTransport``: Foundation's URLSession (FoundationNetworking on Linux).
public struct URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// A transport over an ephemeral session: no cookies, no cache, no stored credentials.
    ///
    /// Create one per process and share it: a session with a delegate lives until the process ends.
    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
    }

    /// Sends `request`; the timeout covers the whole exchange.
    public func send(_ request: HTTPRequest, timeout: Duration) async throws -> HTTPResponse {
        let target = "\(request.scheme)://\(request.authority)\(request.path)"
        guard let url = request.url else {
            throw TransportError(.invalidRequest, target: target, detail: "the path or query is not valid URL text")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        for field in request.headers {
            // URLSession derives Host from the URL (same value we signed); Darwin refuses to have it set.
            if field.name.lowercased() == "host" { continue }
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name)
        }
        if !request.body.isEmpty { urlRequest.httpBody = Data(request.body) }

        let (data, response) = try await Self.race(timeout: timeout, target: target) { [session, urlRequest] in
            try await Self.exchange(urlRequest, session: session, target: target)
        }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError(.connectionFailed, target: target, detail: "not an HTTP response")
        }
        var headers = HTTPHeaders()
        for (name, value) in http.allHeaderFields {
            headers.append(name: "\(name)", value: "\(value)")
        }
        return HTTPResponse(status: http.statusCode, headers: headers, body: Array(data))
    }

    /// `URLRequest.timeoutInterval` only bounds idle time between packets; racing a timer bounds the
    /// whole exchange, so a slow trickle cannot stall a deployment.
    private static func race(timeout: Duration, target: String, _ operation: @escaping @Sendable () async throws -> (Data, URLResponse)) async throws -> (Data, URLResponse) {
        try await withThrowingTaskGroup(of: (Data, URLResponse).self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw TransportError(.timedOut, target: target)
            }
            defer { group.cancelAll() }
            guard let first = try await group.next() else { throw TransportError(.connectionFailed, target: target, detail: "no result") }
            return first
        }
    }

    /// One data task, cancelled when the calling task is cancelled (e.g. by the timeout race).
    private static func exchange(_ urlRequest: URLRequest, session: URLSession, target: String) async throws -> (Data, URLResponse) {
        let handle = DataTaskHandle()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: urlRequest) { data, response, error in
                    if let error {
                        continuation.resume(throwing: transportError(error, target: target))
                    } else if let response {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: TransportError(.connectionFailed, target: target, detail: "no response"))
                    }
                }
                handle.start(task)
            }
        } onCancel: {
            handle.cancel()
        }
    }

    private static func transportError(_ error: any Error, target: String) -> TransportError {
        // Only the URLError code and its generic text: the full error can echo the URL, and for a
        // presigned URL that includes the signature.
        if let urlError = error as? URLError {
            let code: TransportError.Code = urlError.code == .timedOut ? .timedOut : .connectionFailed
            return TransportError(code, target: target, detail: "URLError \(urlError.code.rawValue)")
        }
        return TransportError(.connectionFailed, target: target, detail: String(describing: type(of: error)))
    }
}

/// Holds a data task so a cancellation arriving before or after it starts still stops it.
private final class DataTaskHandle: @unchecked Sendable {
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false

    func start(_ task: URLSessionDataTask) {
        let alreadyCancelled = lock.locked {
            self.task = task
            return cancelled
        }
        task.resume()
        if alreadyCancelled { task.cancel() }
    }

    func cancel() {
        let task = lock.locked {
            cancelled = true
            return self.task
        }
        task?.cancel()
    }
}

/// Refuses redirects: a signed request must reach the endpoint it was signed for, and following a
/// redirect could hand the session token to another host. The 3xx comes back as the response.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
