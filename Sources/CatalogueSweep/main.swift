import InfraSynth

// The cfn-lint sweep: every generated type once, with its required properties set to placeholder
// values its schema accepts (Generated/, written by scripts/generate-catalogue.sh), in stacks of
// at most `typesPerStack` resources. Each type goes to a stack in a region that offers it
// (`sweepRegions`, us-east-1 otherwise); scripts/test.sh lints each template in its stack's region,
// read from the manifest, and requires zero errors. `swift run CatalogueSweep --output DIR` writes
// the templates.

let typesPerStack = 10
let defaultRegion = "us-east-1"

let sweepApp = App {
    for (service, resources) in sweeps {
        let all = resources()
        let regions = Set(all.map { sweepRegions[$0.resourceType] ?? defaultRegion }).sorted()
        for region in regions {
            let inRegion = all.filter { (sweepRegions[$0.resourceType] ?? defaultRegion) == region }
            let prefix = "sweep-\(service.lowercased())" + (region == defaultRegion ? "" : "-\(region)")
            for start in stride(from: 0, to: inRegion.count, by: typesPerStack) {
                let chunk = inRegion[start..<min(start + typesPerStack, inRegion.count)]
                Stack("\(prefix)-\(start / typesPerStack + 1)", account: "123456789012", region: region) {
                    for resource in chunk { resource }
                }
            }
        }
    }
}

sweepApp.main()
