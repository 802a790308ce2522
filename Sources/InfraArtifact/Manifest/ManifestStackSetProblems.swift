/// The manifest's StackSet rules for whoever writes an entry (the DSL's synthesis), so a set the
/// deployer would refuse is refused at the user's Swift line first, by the same rules.
extension Manifest.StackSet {
    /// The first rule of `Manifest.validate(file:)` this entry breaks on its own (targets, overrides,
    /// preferences), as the message the deployer would give; `nil` when it breaks none.
    public var firstProblem: String? {
        do {
            try validate { message throws(ArtifactError) in throw ArtifactError(message) }
            return nil
        } catch {
            return error.message
        }
    }
}
