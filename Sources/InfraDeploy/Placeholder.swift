/// Placeholder so the target compiles until the first real file lands.
enum InfraDeployPlaceholder {}
