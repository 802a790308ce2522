// The deployer reads the artifact contract (`Manifest`, `ArtifactFolder`, `StackTag`, `Limits`);
// callers of InfraDeploy see those types without importing InfraArtifact themselves.
@_exported import InfraArtifact
