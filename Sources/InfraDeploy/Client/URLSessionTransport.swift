import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The production ``HTTPTransport``: Foundation's URLSession (FoundationNetworking on Linux).
///
/// Bodies are read as they arrive and the exchange ends with ``TransportError/Code/responseTooLarge``
/// as soon as one passes `maxResponseBytes`, so a huge or endless answer costs at most that much memory.
public struct URLSessionTransport: HTTPTransport {
    /// The default cap on one response body: 16 MiB, far above any CloudFormation or STS answer
    /// (a 1 MB template comes back from `GetTemplate` as about 1.2 MB of XML).
    public static let defaultMaxResponseBytes = 16 * 1024 * 1024

    private let session: URLSession
    private let exchanges: ExchangeTable
    private let maxResponseBytes: Int

    /// A transport over an ephemeral session: no cookies, no cache, no stored credentials.
    ///
    /// Create one per process and share it: a session with a delegate lives until the process ends.
    public init(maxResponseBytes: Int = URLSessionTransport.defaultMaxResponseBytes) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let exchanges = ExchangeTable()
        self.exchanges = exchanges
        self.maxResponseBytes = maxResponseBytes
        session = URLSession(configuration: configuration, delegate: SessionDelegate(exchanges), delegateQueue: nil)
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

        let exchange = Exchange(target: target, limit: maxResponseBytes)
        let task = session.dataTask(with: urlRequest)
        exchanges.insert(exchange, for: task.taskIdentifier)
        let (data, response) = try await Self.race(timeout: timeout, target: target) {
            try await exchange.result(starting: task)
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
}

/// One request in flight: collects the body up to its limit and hands the outcome to the waiting
/// caller exactly once, whichever comes first — completion, the size limit, the timeout or a cancel.
private final class Exchange: @unchecked Sendable {
    let target: String
    let limit: Int
    private let lock = NSLock()
    private var continuation: CheckedContinuation<(Data, URLResponse), any Error>?
    private var outcome: Result<(Data, URLResponse), TransportError>?
    private var task: URLSessionDataTask?
    private var body = Data()
    private var response: URLResponse?

    init(target: String, limit: Int) {
        self.target = target
        self.limit = limit
    }

    /// Starts `task` and waits for the outcome; cancelling the caller (the timeout race) stops it.
    func result(starting task: URLSessionDataTask) async throws -> (Data, URLResponse) {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let early = lock.locked {
                    self.task = task
                    if outcome == nil { self.continuation = continuation }
                    return outcome
                }
                if let early { continuation.resume(with: early.mapError { $0 as any Error }) } else { task.resume() }
            }
        } onCancel: {
            finish(.failure(TransportError(.connectionFailed, target: target, detail: "cancelled")))
        }
    }

    func received(_ response: URLResponse) {
        lock.locked { self.response = response }
        if response.expectedContentLength > Int64(limit) { finish(.failure(tooLarge)) }
    }

    func received(_ data: Data) {
        let over = lock.locked {
            guard outcome == nil else { return false }
            body.append(data)
            return body.count > limit
        }
        if over { finish(.failure(tooLarge)) }
    }

    func completed(_ error: (any Error)?) {
        if let error { finish(.failure(Self.transportError(error, target: target))); return }
        let answer = lock.locked { response.map { (body, $0) } }
        finish(answer.map { .success($0) } ?? .failure(TransportError(.connectionFailed, target: target, detail: "no response")))
    }

    /// Records the first outcome, resumes the caller and stops the task; later calls do nothing.
    /// Nothing is called while the lock is held: a task's cancel can call back into this exchange.
    func finish(_ result: Result<(Data, URLResponse), TransportError>) {
        let (waiting, task): (CheckedContinuation<(Data, URLResponse), any Error>?, URLSessionDataTask?) = lock.locked {
            guard outcome == nil else { return (nil, nil) }
            outcome = result
            body = Data()
            defer { continuation = nil }
            return (continuation, self.task)
        }
        waiting?.resume(with: result.mapError { $0 as any Error })
        if case .failure = result { task?.cancel() }
    }

    private var tooLarge: TransportError {
        TransportError(.responseTooLarge, target: target, detail: "the answer is over the \(limit)-byte limit for one response")
    }

    private static func transportError(_ error: any Error, target: String) -> TransportError {
        // Only the URLError code and its generic text: the full error can echo the URL, and for a
        // presigned URL that includes the signature.
        guard let urlError = error as? URLError else {
            return TransportError(.connectionFailed, target: target, detail: String(describing: type(of: error)))
        }
        switch urlError.code {
        case .timedOut: return TransportError(.timedOut, target: target, detail: "URLError \(urlError.code.rawValue)")
        case .cannotConnectToHost: return TransportError(.connectionFailed, target: target, detail: "connection refused (nothing listens there)")
        case .cannotFindHost, .dnsLookupFailed: return TransportError(.connectionFailed, target: target, detail: "the host name does not resolve")
        case .networkConnectionLost: return TransportError(.connectionFailed, target: target, detail: "the connection was lost before a complete answer")
        default: return TransportError(.connectionFailed, target: target, detail: "URLError \(urlError.code.rawValue)")
        }
    }
}

/// The exchanges in flight, by task identifier: one session delegate serves every task.
private final class ExchangeTable: @unchecked Sendable {
    private let lock = NSLock()
    private var exchanges: [Int: Exchange] = [:]

    func insert(_ exchange: Exchange, for task: Int) { lock.locked { exchanges[task] = exchange } }
    func lookup(_ task: Int) -> Exchange? { lock.locked { exchanges[task] } }
    func remove(_ task: Int) -> Exchange? { lock.locked { exchanges.removeValue(forKey: task) } }
}

/// Streams each task's events into its ``Exchange``, and refuses redirects: a signed request must
/// reach the endpoint it was signed for, and following a redirect could hand the session token to
/// another host. The 3xx comes back as the response.
private final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let exchanges: ExchangeTable

    init(_ exchanges: ExchangeTable) { self.exchanges = exchanges }

    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse, completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        exchanges.lookup(dataTask.taskIdentifier)?.received(response)
        // FoundationNetworking ignores `.cancel` here; the exchange cancels the task itself.
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        exchanges.lookup(dataTask.taskIdentifier)?.received(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        exchanges.remove(task.taskIdentifier)?.completed(error)
    }
}
