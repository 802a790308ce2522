"""Writes the type-checking workloads of issue 6, part 2, as Swift sources a user would write.

    python generate.py stack RESOURCES FILE            one stack of RESOURCES resources
    python generate.py app RESOURCES PER-FILE FOLDER   an app of RESOURCES resources, PER-FILE in each file

Resources are written as docs/dsl.md teaches: each piece declared with `let` first, then listed in
the stack's body. They cycle through four kinds (a log group, an IAM role with trust and inline
policies, an ECS cluster, a task definition referring to the role and the log group), so a block
mixes types as real stacks do.
"""
import os
import sys

HEADER = "import InfraAWSECS\nimport InfraAWSIAM\nimport InfraAWSLogs\nimport InfraDSL\n\n"


def declarations(first, count):
    """`let` declarations for resources first..first+count-1; returns (lines, names)."""
    lines, names = [], []
    for i in range(first, first + count):
        kind = i % 4
        if kind == 0:
            name = f"logs{i}"
            lines.append(f'    let {name} = Logs.LogGroup("Logs{i}", logGroupName: "/ecs/service-{i}", retentionInDays: 30)')
        elif kind == 1:
            name = f"role{i}"
            lines += [
                f"    let {name} = IAM.Role(",
                f'        "Role{i}",',
                "        assumeRolePolicyDocument: PolicyDocument {",
                '            Statement(.allow, principal: .service("ecs-tasks.amazonaws.com"), action: ["sts:AssumeRole"])',
                "        },",
                "        policies: [",
                "            .init(",
                f'                policyName: "service-{i}",',
                "                policyDocument: PolicyDocument {",
                f'                    Statement(.allow, action: ["s3:GetObject"], resource: ["arn:aws:s3:::bucket-{i}/*"])',
                "                })",
                "        ],",
                f'        roleName: "service-{i}")',
            ]
        elif kind == 2:
            name = f"cluster{i}"
            lines.append(f'    let {name} = ECS.Cluster("Cluster{i}", clusterName: "cluster-{i}")')
        else:
            name = f"task{i}"
            logs, role = f"logs{i - 3}", f"role{i - 2}"
            lines += [
                f"    let {name} = ECS.TaskDefinition(",
                f'        "Task{i}",',
                "        containerDefinitions: [",
                "            .init(",
                '                image: "public.ecr.aws/docker/library/nginx:1.27",',
                f'                name: "service-{i}",',
                "                cpu: 256,",
                '                environment: [.init(name: "AWS_REGION", value: AWS.region)],',
                "                logConfiguration: .init(",
                '                    logDriver: "awslogs",',
                f'                    options: ["awslogs-group": {logs}.ref, "awslogs-region": AWS.region, "awslogs-stream-prefix": "service-{i}"]),',
                "                memoryReservation: 512)",
                "        ],",
                f'        family: "service-{i}",',
                f"        taskRoleArn: {role}.arn)",
            ]
        names.append(name)
    return lines, names


def stack_function(function, stack, first, count):
    lines, names = declarations(first, count)
    body = "\n".join(f"        {n}" for n in names)
    return (f"func {function}() -> Stack {{\n" + "\n".join(lines) + "\n\n"
            f'    return Stack("{stack}", account: "111111111111", region: "eu-west-1") {{\n{body}\n    }}\n}}\n')


def main():
    args = sys.argv[1:]
    if len(args) == 3 and args[0] == "stack":
        count, path = int(args[1]), args[2]
        with open(path, "w") as f:
            f.write(HEADER + stack_function("largeStack", "large", 0, count))
    elif len(args) == 4 and args[0] == "app":
        count, per_file, folder = int(args[1]), int(args[2]), args[3]
        # Whole units of four keep every task definition's role and log group in its own file.
        assert count % per_file == 0 and per_file % 4 == 0, "RESOURCES a multiple of PER-FILE, PER-FILE of 4"
        os.makedirs(folder, exist_ok=True)
        parts = count // per_file
        for part in range(parts):
            with open(os.path.join(folder, f"Part{part + 1}.swift"), "w") as f:
                f.write(HEADER + stack_function(f"part{part + 1}", f"part-{part + 1}", part * per_file, per_file))
        with open(os.path.join(folder, "App.swift"), "w") as f:
            listed = "\n".join(f"    part{p + 1}()" for p in range(parts))
            f.write(HEADER + f"let largeApp = App {{\n{listed}\n}}\n")
    else:
        sys.exit("generate.py: error: usage: generate.py stack RESOURCES FILE | app RESOURCES PER-FILE FOLDER")


if __name__ == "__main__":
    main()
