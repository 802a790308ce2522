import Testing
@testable import InfraDSL

private func group(_ id: String = "Agents", file: String = #filePath, line: Int = #line) -> RawResource {
    RawResource(id, type: "AWS::AutoScaling::AutoScalingGroup", properties: ["MinSize": "1", "MaxSize": "3"], file: file, line: line)
}

/// Errors (not lint findings) with their lines.
private func errors(_ stack: Stack) -> [String] {
    App { stack }.synthesize().diagnostics.filter { $0.severity == .error }.map { "\($0.location.line): \($0.message)" }
}

/// Typed `CreationPolicy`, `UpdatePolicy` and template `Metadata`, rendered as CloudFormation reads
/// them and checked at the user's line.
@Suite struct ResourceAttributeTests {
    @Test func creationAndUpdatePoliciesRenderAsCloudFormationReadsThem() {
        let desired = Parameter("Desired", type: .number, default: "2")
        let resource = group()
            .creationPolicy(CreationPolicy(resourceSignal: .init(count: 2, timeout: "PT15M"), minSuccessfulInstancesPercent: 50))
            .updatePolicy(UpdatePolicy(autoScalingRollingUpdate: .init(maxBatchSize: 1, minInstancesInService: Token(raw: desired.ref.cfValue), pauseTime: "PT5M", suspendProcesses: ["AlarmNotification"], waitOnResourceSignals: true),
                                       ignoreUnmodifiedGroupSizeProperties: true))
        let rendered = JSONWriter.compact(resource.stackElements.compactMap { if case .resource(let r) = $0 { r.rendered } else { nil } }[0])
        #expect(rendered.contains(#""CreationPolicy":{"AutoScalingCreationPolicy":{"MinSuccessfulInstancesPercent":50},"ResourceSignal":{"Count":2,"Timeout":"PT15M"}}"#), "\(rendered)")
        #expect(rendered.contains(#""UpdatePolicy":{"AutoScalingRollingUpdate":{"MaxBatchSize":1,"MinInstancesInService":{"Ref":"Desired"},"PauseTime":"PT5M","SuspendProcesses":["AlarmNotification"],"WaitOnResourceSignals":true},"AutoScalingScheduledAction":{"IgnoreUnmodifiedGroupSizeProperties":true}}"#), "\(rendered)")
        // Set again, an attribute replaces the earlier value rather than writing the key twice.
        let twice = group().creationPolicy(CreationPolicy(resourceSignal: .init(count: 1))).creationPolicy(CreationPolicy(resourceSignal: .init(count: 3)))
        #expect(twice.options.rawAttributes.map(\.key) == ["CreationPolicy"])
        #expect(errors(testStack { desired; resource }).isEmpty)
    }

    @Test func policiesAreCheckedAtTheResourcesLine() {
        let topicLine = #line; let onTopic = topic("Alerts").updatePolicy(UpdatePolicy(willReplace: true))
        let groupLine = #line; let wrong = group().creationPolicy(CreationPolicy(resourceSignal: .init(timeout: "PT13H"), minSuccessfulInstancesPercent: 120, startFleet: true))
        let pauseLine = #line; let pause = group("Other").updatePolicy(UpdatePolicy(autoScalingRollingUpdate: .init(pauseTime: "5 minutes")))
        #expect(errors(testStack { onTopic; wrong; pause }) == [
            "\(topicLine): resource 'Alerts' (AWS::SNS::Topic): UpdatePolicy applies only to AWS::AutoScaling::AutoScalingGroup, AWS::ElastiCache::ReplicationGroup, AWS::Elasticsearch::Domain, AWS::Lambda::Alias, AWS::OpenSearchService::Domain; CloudFormation ignores it on AWS::SNS::Topic: remove it",
            "\(groupLine): resource 'Agents' (AWS::AutoScaling::AutoScalingGroup): CreationPolicy.StartFleet does not apply to AWS::AutoScaling::AutoScalingGroup; it takes AutoScalingCreationPolicy, ResourceSignal",
            "\(groupLine): resource 'Agents' (AWS::AutoScaling::AutoScalingGroup): CreationPolicy.AutoScalingCreationPolicy.MinSuccessfulInstancesPercent is 120; it is a percentage from 0 to 100",
            "\(groupLine): resource 'Agents' (AWS::AutoScaling::AutoScalingGroup): CreationPolicy.ResourceSignal.Timeout PT13H is longer than CloudFormation's limit of PT12H",
            "\(pauseLine): resource 'Other' (AWS::AutoScaling::AutoScalingGroup): UpdatePolicy.AutoScalingRollingUpdate.PauseTime '5 minutes' is not an ISO 8601 duration such as PT15M or PT1H30M",
        ])
    }

    @Test(arguments: [("PT15M", 900), ("PT1H30M", 5400), ("PT12H", 43200), ("PT45S", 45), ("PT", nil), ("P1D", nil), ("PT1M1H", nil), ("PT1.5H", nil), ("PT5", nil)] as [(String, Int?)])
    func isoDurations(_ text: String, _ seconds: Int?) {
        #expect(ResourcePolicyRule.isoDurationSeconds(text) == seconds)
    }

    @Test func templateMetadataGroupsAndLabelsTheParametersForTheConsole() {
        let vpc = Parameter("VpcId", type: "AWS::EC2::VPC::Id")
        let size = Parameter("Size", type: .number, default: "2")
        let stack = testStack { vpc; size; RawResource("Q", type: "AWS::SQS::Queue", properties: ["DelaySeconds": .object([CFValue.Member("Ref", "Size")]), "QueueName": .object([CFValue.Member("Ref", "VpcId")])]) }
            .metadata(TemplateMetadata(interface: .init(groups: [.init("Network", vpc), .init("Capacity", size)], labels: [.init(vpc, "Which VPC?")]),
                                       entries: [CFValue.Member("Owner", "platform")]))
        let template = JSONWriter.compact(stack.template)
        #expect(template.contains(#""Metadata":{"AWS::CloudFormation::Interface":{"ParameterGroups":[{"Label":{"default":"Network"},"Parameters":["VpcId"]},{"Label":{"default":"Capacity"},"Parameters":["Size"]}],"ParameterLabels":{"VpcId":{"default":"Which VPC?"}}},"Owner":"platform"}"#), "\(template)")
        #expect(template.hasPrefix(#"{"Metadata""#))
        #expect(errors(stack).isEmpty)
    }

    @Test func metadataNamingUndeclaredOrTwiceGroupedParametersIsAnErrorAtItsLine() {
        let vpc = Parameter("VpcId", type: "AWS::EC2::VPC::Id")
        let ghost = Parameter("Ghost")
        let line = #line + 1
        let stack = testStack { vpc; RawResource("Q", type: "AWS::SQS::Queue", properties: ["QueueName": .object([CFValue.Member("Ref", "VpcId")])]) }.metadata(TemplateMetadata(interface: .init(groups: [.init("A", vpc), .init("B", vpc, ghost)], labels: [.init(ghost, "?")])))
        #expect(errors(stack) == [
            "\(line): metadata of stack 'test': parameter 'VpcId' is in groups 'A' and 'B'; the console shows a parameter in one group only",
            "\(line): metadata of stack 'test': parameter group 'B' names parameter 'Ghost', which the stack does not declare; add it to the body or remove it from the group",
            "\(line): metadata of stack 'test': a label names parameter 'Ghost', which the stack does not declare",
        ])
    }
}
