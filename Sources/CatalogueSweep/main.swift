import InfraSynth

// The cfn-lint sweep: every generated type once, with its required properties set to placeholder
// values its schema accepts (Generated/, written by scripts/generate-catalogue.sh), in stacks of
// at most `typesPerStack` resources. `swift run CatalogueSweep --output DIR` writes the templates;
// scripts/test.sh lints them and requires zero errors.

let typesPerStack = 10

let sweepApp = App {
    for (service, resources) in sweeps {
        let all = resources()
        for start in stride(from: 0, to: all.count, by: typesPerStack) {
            let chunk = all[start..<min(start + typesPerStack, all.count)]
            Stack("sweep-\(service.lowercased())-\(start / typesPerStack + 1)", account: "123456789012", region: "us-east-1") {
                for resource in chunk { resource }
            }
        }
    }
}

sweepApp.main()
