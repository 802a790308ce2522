import InfraSynth

// The cfn-lint sweep: every generated type once, with its required properties set to placeholder
// values its schema accepts (Generated/, written by scripts/generate-catalogue.sh), in stacks of
// at most `typesPerStack` resources. `swift run CatalogueSweep --output DIR` writes the templates;
// scripts/test.sh lints them and requires zero errors. Types in `pendingLint` go one to a
// `sweep-pending-*` stack, which scripts/test.sh requires still to fail, so the list cannot go stale.

let typesPerStack = 10

let sweepApp = App {
    for (service, resources) in sweeps {
        let all = resources()
        let clean = all.filter { pendingLint[$0.resourceType] == nil }
        for start in stride(from: 0, to: clean.count, by: typesPerStack) {
            let chunk = clean[start..<min(start + typesPerStack, clean.count)]
            Stack("sweep-\(service.lowercased())-\(start / typesPerStack + 1)", account: "123456789012", region: "us-east-1") {
                for resource in chunk { resource }
            }
        }
        for resource in all where pendingLint[resource.resourceType] != nil {
            let name = resource.resourceType.split(separator: ":").last.map(String.init) ?? resource.logicalId
            Stack("sweep-pending-\(service.lowercased())-\(name.lowercased())", account: "123456789012", region: "us-east-1") {
                resource
            }
        }
    }
}

sweepApp.main()
