/// A stack's template bucket after `{account}` and `{region}` are expanded, with where it was declared.
struct ResolvedTemplateBucket: Sendable, Equatable {
    /// The name for this stack's account and region.
    var name: String
    /// The line that named the bucket: the stack's, or the app's.
    var location: SourceLocation
    /// Whether the bucket comes from `App(templateBucket:)` rather than the stack itself.
    var fromApp: Bool
}

extension App {
    /// `stack`'s template bucket: its own, else the app's, expanded for its account and region.
    func templateBucket(for stack: Stack) -> ResolvedTemplateBucket? {
        if let own = stack.templateBucket {
            return ResolvedTemplateBucket(name: TemplateBucketRules.expand(own, for: stack), location: stack.location, fromApp: false)
        }
        guard let shared = templateBucket else { return nil }
        return ResolvedTemplateBucket(name: TemplateBucketRules.expand(shared, for: stack), location: location, fromApp: true)
    }

    /// Checks every template bucket name the stacks use (each stack with its resolved bucket), at the line that wrote it: one error per
    /// line and problem, so an app-wide name broken the same way for every account is reported once.
    func checkTemplateBuckets(_ stacks: [(stack: Stack, bucket: ResolvedTemplateBucket?)], into diagnostics: inout Diagnostics) {
        var seen = Set<String>()
        for (stack, bucket) in stacks {
            guard let bucket, let problem = TemplateBucketRules.problem(with: bucket),
                  seen.insert("\(bucket.location)|\(problem)").inserted
            else { continue }
            let notes = bucket.fromApp ? [Diagnostic.Note(message: "stack '\(stack.name)' (account \(stack.account), region \(stack.region)) uses it", location: stack.location)] : []
            diagnostics.error(
                "template bucket '\(bucket.name)' of stack '\(stack.name)' is not a valid S3 bucket name: \(problem); use \(S3BucketName.rule)",
                at: bucket.location, notes: notes)
        }
    }
}

/// The rules of template buckets: placeholder expansion, S3 bucket names, and the template size
/// each way of passing a template allows.
enum TemplateBucketRules {
    /// The placeholders a bucket name may use.
    static let placeholders = ["{account}", "{region}"]

    /// `pattern` with `{account}` and `{region}` replaced by the stack's.
    static func expand(_ pattern: String, for stack: Stack) -> String {
        // The standard library's replacing, not Foundation's, which bridges through NSString and
        // cost more than rendering the template when run for a thousand stacks.
        pattern.replacing("{account}", with: stack.account).replacing("{region}", with: stack.region)
    }

    /// Why `bucket`'s expanded name is not a valid S3 bucket name, or `nil` when it is.
    static func problem(with bucket: ResolvedTemplateBucket) -> String? {
        if let open = bucket.name.firstIndex(of: "{") {
            let rest = bucket.name[open...]
            let placeholder = rest.firstIndex(of: "}").map { String(rest[...$0]) } ?? String(rest)
            return "'\(placeholder)' is not a placeholder (use \(placeholders.joined(separator: " and ")))"
        }
        return S3BucketName.problem(bucket.name)
    }

    /// A template over 51,200 bytes needs a bucket (and then at most 1,000,000 bytes); errors at the stack's line.
    static func checkSize(_ bytes: Int, stack: Stack, bucket: ResolvedTemplateBucket?, into diagnostics: inout Diagnostics) {
        if bucket == nil, bytes > Limits.templateBodyBytes {
            diagnostics.error(
                "stack '\(stack.name)': the template is \(bytes) bytes as compact JSON (what infra sends); CloudFormation accepts at most \(Limits.templateBodyBytes) bytes in a request body — split the stack, or name an S3 bucket for large templates (up to \(Limits.templateURLBytes) bytes) with App(templateBucket: \"my-templates-{account}-{region}\") or Stack(…, templateBucket: \"…\")",
                at: stack.location)
        } else if let bucket, bytes > Limits.templateURLBytes {
            diagnostics.error(
                "stack '\(stack.name)': the template is \(bytes) bytes as compact JSON; CloudFormation accepts at most \(Limits.templateURLBytes) bytes even through S3 (bucket '\(bucket.name)') — split the stack",
                at: stack.location)
        }
    }
}
