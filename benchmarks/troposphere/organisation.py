"""The organisation of issue 6 in troposphere: the baseline for OrgSynth.

    python organisation.py ACCOUNTS OUTPUT-DIR

Builds the same templates as benchmarks/Sources/OrgSynth/Organisation.swift — same stacks,
logical IDs and values — and writes each as `<stack>.template.json`. Prints "files bytes".
benchmarks/harness/bench.py compares the two outputs semantically and fails on any difference.
"""
import os
import sys

from troposphere import GetAtt, Parameter, Ref, Template
from troposphere import ecs, iam, logs

REGION = "eu-west-1"
JENKINS_ACCOUNT = "111111111111"
LOG_GROUP_NAME = "/ecs/jenkins-agents"
ACCOUNTS_IN_ONE_STACK = 248
ACCOUNTS_PER_SPLIT_STACK = 100


def target_id(number):
    return "2" + str(number).zfill(11)


def deploy_role_arn(number):
    return f"arn:aws:iam::{target_id(number)}:role/deploy-role"


def deploy_role_stack(number):
    t = Template(Description="IAM role for Jenkins agent")
    account = t.add_parameter(Parameter(
        "JenkinsAccountId", Type="String",
        Description="The accountId of the account hosting Jenkins"))
    t.add_resource(iam.Role(
        "DeployRole",
        AssumeRolePolicyDocument={
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Principal": {"AWS": [Ref(account)]}, "Action": "sts:AssumeRole"}],
        },
        MaxSessionDuration=43200,
        Policies=[iam.Policy(
            PolicyName="deploy-role-policy",
            PolicyDocument={
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}],
            })],
        RoleName="deploy-role"))
    return t


def jenkins_stack(core, numbers):
    t = Template(Description="Resources for Jenkins agents")
    image = None
    if numbers:
        image = t.add_parameter(Parameter(
            "DockerAgentImage", Type="String",
            Description="The docker image to use for Jenkins Agent"))
    log_group = LOG_GROUP_NAME
    if core:
        t.add_resource(ecs.Cluster("JenkinsAgentCluster", ClusterName="jenkins-agent-cluster"))
        group = t.add_resource(logs.LogGroup(
            "CloudWatchLogsGroupJenkinsAgents", LogGroupName=LOG_GROUP_NAME, RetentionInDays=30))
        log_group = Ref(group)
    for number in numbers:
        suffix = str(number).zfill(4)
        role = t.add_resource(iam.Role(
            f"AgentRole{suffix}",
            AssumeRolePolicyDocument={
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"},
                               "Action": ["sts:AssumeRole"]}],
            },
            Policies=[iam.Policy(
                PolicyName="AllowAssumeDeployRole",
                PolicyDocument={
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole"],
                                   "Resource": [deploy_role_arn(number)]}],
                })],
            RoleName=f"jenkins-agent-{suffix}"))
        t.add_resource(ecs.TaskDefinition(
            f"AgentTaskDefinition{suffix}",
            ContainerDefinitions=[ecs.ContainerDefinition(
                Image=Ref(image),
                Name=f"jenkins-agent-{suffix}",
                Cpu=2048,
                Environment=[
                    ecs.Environment(Name="AWS_REGION", Value=Ref("AWS::Region")),
                    ecs.Environment(Name="DEPLOY_ROLE", Value=deploy_role_arn(number)),
                ],
                LogConfiguration=ecs.LogConfiguration(
                    LogDriver="awslogs",
                    Options={
                        "awslogs-group": log_group,
                        "awslogs-region": Ref("AWS::Region"),
                        "awslogs-stream-prefix": f"jenkins-agent-{suffix}",
                    }),
                MemoryReservation=3584)],
            Family=f"jenkins-agent-{suffix}",
            NetworkMode="bridge",
            TaskRoleArn=GetAtt(role, "Arn")))
    return t


def organisation(accounts):
    """Stack name -> Template, as OrgSynth declares them."""
    numbers = list(range(1, accounts + 1))
    stacks = {f"deploy-role-{str(n).zfill(4)}": deploy_role_stack(n) for n in numbers}
    if len(numbers) <= ACCOUNTS_IN_ONE_STACK:
        stacks["jenkins-agents"] = jenkins_stack(True, numbers)
    else:
        stacks["jenkins-agents"] = jenkins_stack(True, [])
        for index, start in enumerate(range(0, len(numbers), ACCOUNTS_PER_SPLIT_STACK)):
            stacks[f"jenkins-agents-{str(index + 1).zfill(2)}"] = jenkins_stack(
                False, numbers[start:start + ACCOUNTS_PER_SPLIT_STACK])
    return stacks


def main():
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or int(sys.argv[1]) < 1:
        sys.exit("organisation.py: error: usage: organisation.py ACCOUNTS OUTPUT-DIR (ACCOUNTS >= 1)")
    accounts, output = int(sys.argv[1]), sys.argv[2]
    os.makedirs(output, exist_ok=True)
    files = total = 0
    for name, template in organisation(accounts).items():
        data = (template.to_json(indent=2) + "\n").encode()
        with open(os.path.join(output, f"{name}.template.json"), "wb") as f:
            f.write(data)
        files += 1
        total += len(data)
    print(files, total)


if __name__ == "__main__":
    main()
