import Foundation
import InfraDeploy

// `infra`: the thin command line over InfraDeploy's rollout engine (see Runner.swift).
let transport = URLSessionTransport()
let status = await CommandRunner(environment: .live(transport: transport), console: ProcessConsole()).run(Array(CommandLine.arguments.dropFirst()))
exit(status)
