import InfraComponents
import InfraDSL

/// Every stack this package deploys: the Jenkins agent cloud in the tooling account and a deploy
/// role per stage in each target account, with the Jenkins configuration that goes with them.
let stacksApp = App(name: "jenkins-agents") {
    jenkinsAgentCloud
}
