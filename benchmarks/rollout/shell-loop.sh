#!/usr/bin/env bash
# The article's rollout, as a shell loop: per stack, `aws sts assume-role` into the target account
# (credentials picked out with jq, exactly as the article does), then `aws cloudformation deploy`.
# The baseline of the rollout benchmark; benchmarks/rollout/rollout_bench.py runs it.
#
#   shell-loop.sh STACKS-FILE TEMPLATE-DIR
#
# STACKS-FILE: one stack a line, "ACCOUNT-ID STACK-NAME TEMPLATE-FILE ROLE-NAME [Key=Value ...]".
# The caller's AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION and AWS_ENDPOINT_URL are
# used for the assume-role call; `aws` and `jq` must be on PATH.
set -euo pipefail

die() { printf 'shell-loop: error: %s\n' "$1" >&2; exit 1; }

[ $# -eq 2 ] || die "usage: shell-loop.sh STACKS-FILE TEMPLATE-DIR"
stacks=$1
templates=$2
[ -f "$stacks" ] || die "no stacks file at $stacks"
command -v aws >/dev/null || die "aws (awscli) not found on PATH"
command -v jq >/dev/null || die "jq not found on PATH"

caller_key=$AWS_ACCESS_KEY_ID
caller_secret=$AWS_SECRET_ACCESS_KEY

while read -r account stack template role parameters; do
    [ -n "$account" ] || continue
    # The article: CREDS=$(aws sts assume-role ...); export AWS_...=$(echo $CREDS | jq ... -r)
    CREDS=$(AWS_ACCESS_KEY_ID=$caller_key AWS_SECRET_ACCESS_KEY=$caller_secret AWS_SESSION_TOKEN= \
        aws sts assume-role --role-arn "arn:aws:iam::$account:role/$role" --role-session-name deploy) \
        || die "assume-role into $account failed"
    export AWS_ACCESS_KEY_ID=$(echo "$CREDS" | jq .Credentials.AccessKeyId -r)
    export AWS_SECRET_ACCESS_KEY=$(echo "$CREDS" | jq .Credentials.SecretAccessKey -r)
    export AWS_SESSION_TOKEN=$(echo "$CREDS" | jq .Credentials.SessionToken -r)
    # An unchanged stack: CloudFormation answers with an empty, FAILED change set, which
    # --no-fail-on-empty-changeset accepts; moto refuses the CreateChangeSet call itself with
    # "No updates are to be performed.", which is success too (the same one write call either way).
    # shellcheck disable=SC2086 # parameters are Key=Value words
    if ! output=$(aws cloudformation deploy --stack-name "$stack" --template-file "$templates/$template" \
        --capabilities CAPABILITY_NAMED_IAM --no-fail-on-empty-changeset \
        ${parameters:+--parameter-overrides $parameters} 2>&1); then
        case $output in
            *"No updates are to be performed"*) ;;
            *) printf '%s\n' "$output" >&2; die "deploying $stack in $account failed" ;;
        esac
    fi
done <"$stacks"
