import InfraDSL

/// Every stack this package deploys, in rollout order: the target account's deploy role first,
/// then the Jenkins account's agent resources.
let stacksApp = App {
    deployRoleStack()
    jenkinsAgentsStack()
}
