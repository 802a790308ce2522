"""The organisation of issue 6 in AWS CDK (Python, aws-cdk-lib L1 constructs): a second baseline.

    python organisation.py ACCOUNTS OUTPUT-DIR

Builds the same stacks as benchmarks/Sources/OrgSynth/Organisation.swift with `Cfn*` constructs
(their logical IDs overridden to ours, path metadata and version reporting off, the legacy
synthesizer so no bootstrap parameter is added) and runs `app.synth()` into OUTPUT-DIR, which
writes `<stack>.template.json` and CDK's cloud assembly files. Prints "files bytes".
aws-cdk-lib runs its JavaScript core in node through jsii; node must be on PATH.
"""
import os
import sys

import aws_cdk as cdk
from aws_cdk import aws_ecs as ecs
from aws_cdk import aws_iam as iam
from aws_cdk import aws_logs as logs

REGION = "eu-west-1"
JENKINS_ACCOUNT = "111111111111"
LOG_GROUP_NAME = "/ecs/jenkins-agents"
ACCOUNTS_IN_ONE_STACK = 248
ACCOUNTS_PER_SPLIT_STACK = 100


def target_id(number):
    return "2" + str(number).zfill(11)


def deploy_role_arn(number):
    return f"arn:aws:iam::{target_id(number)}:role/deploy-role"


def named(construct, logical_id):
    construct.override_logical_id(logical_id)
    return construct


def new_stack(app, name, account, description):
    return cdk.Stack(app, name, stack_name=name, description=description,
                     env=cdk.Environment(account=account, region=REGION),
                     synthesizer=cdk.LegacyStackSynthesizer())


def deploy_role_stack(app, number):
    stack = new_stack(app, f"deploy-role-{str(number).zfill(4)}", target_id(number), "IAM role for Jenkins agent")
    account = named(cdk.CfnParameter(stack, "JenkinsAccountId", type="String",
                                     description="The accountId of the account hosting Jenkins"), "JenkinsAccountId")
    named(iam.CfnRole(
        stack, "DeployRole",
        assume_role_policy_document={
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"AWS": [account.value_as_string]}, "Action": "sts:AssumeRole"}],
        },
        max_session_duration=43200,
        policies=[iam.CfnRole.PolicyProperty(
            policy_name="deploy-role-policy",
            policy_document={"Version": "2012-10-17",
                             "Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}]})],
        role_name="deploy-role"), "DeployRole")


def jenkins_stack(app, name, core, numbers):
    stack = new_stack(app, name, JENKINS_ACCOUNT, "Resources for Jenkins agents")
    image = None
    if numbers:
        image = named(cdk.CfnParameter(stack, "DockerAgentImage", type="String",
                                       description="The docker image to use for Jenkins Agent"), "DockerAgentImage")
    log_group = LOG_GROUP_NAME
    if core:
        named(ecs.CfnCluster(stack, "JenkinsAgentCluster", cluster_name="jenkins-agent-cluster"), "JenkinsAgentCluster")
        group = named(logs.CfnLogGroup(stack, "CloudWatchLogsGroupJenkinsAgents",
                                       log_group_name=LOG_GROUP_NAME, retention_in_days=30),
                      "CloudWatchLogsGroupJenkinsAgents")
        log_group = group.ref
    for number in numbers:
        suffix = str(number).zfill(4)
        role = named(iam.CfnRole(
            stack, f"AgentRole{suffix}",
            assume_role_policy_document={
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                               "Action": ["sts:AssumeRole"]}],
            },
            policies=[iam.CfnRole.PolicyProperty(
                policy_name="AllowAssumeDeployRole",
                policy_document={"Version": "2012-10-17",
                                 "Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole"],
                                                "Resource": [deploy_role_arn(number)]}]})],
            role_name=f"jenkins-agent-{suffix}"), f"AgentRole{suffix}")
        named(ecs.CfnTaskDefinition(
            stack, f"AgentTaskDefinition{suffix}",
            container_definitions=[ecs.CfnTaskDefinition.ContainerDefinitionProperty(
                image=image.value_as_string,
                name=f"jenkins-agent-{suffix}",
                cpu=2048,
                environment=[
                    ecs.CfnTaskDefinition.KeyValuePairProperty(name="AWS_REGION", value=cdk.Aws.REGION),
                    ecs.CfnTaskDefinition.KeyValuePairProperty(name="DEPLOY_ROLE", value=deploy_role_arn(number)),
                ],
                log_configuration=ecs.CfnTaskDefinition.LogConfigurationProperty(
                    log_driver="awslogs",
                    options={"awslogs-group": log_group, "awslogs-region": cdk.Aws.REGION,
                             "awslogs-stream-prefix": f"jenkins-agent-{suffix}"}),
                memory_reservation=3584)],
            family=f"jenkins-agent-{suffix}",
            network_mode="bridge",
            task_role_arn=role.attr_arn), f"AgentTaskDefinition{suffix}")


def main():
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("organisation.py: error: usage: organisation.py ACCOUNTS OUTPUT-DIR (ACCOUNTS >= 1)")
    accounts, output = int(sys.argv[1]), sys.argv[2]
    app = cdk.App(outdir=output, analytics_reporting=False,
                  context={"aws:cdk:enable-path-metadata": False, "aws:cdk:disable-version-reporting": True})
    numbers = list(range(1, accounts + 1))
    for number in numbers:
        deploy_role_stack(app, number)
    if len(numbers) <= ACCOUNTS_IN_ONE_STACK:
        jenkins_stack(app, "jenkins-agents", True, numbers)
    else:
        jenkins_stack(app, "jenkins-agents", True, [])
        for index, start in enumerate(range(0, len(numbers), ACCOUNTS_PER_SPLIT_STACK)):
            jenkins_stack(app, f"jenkins-agents-{str(index + 1).zfill(2)}", False,
                          numbers[start:start + ACCOUNTS_PER_SPLIT_STACK])
    app.synth()
    files = total = 0
    for folder, _, names in os.walk(output):
        for name in names:
            files += 1
            total += os.path.getsize(os.path.join(folder, name))
    print(files, total)


if __name__ == "__main__":
    main()
