"""Signs one request with botocore's SigV4Auth (S3SigV4Auth when "s3" is true) at a fixed time: the independent signer our SigV4 is compared with.

Reads a JSON request description on stdin; prints the Authorization header.
"""
import json, sys, datetime
from unittest import mock
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
spec = json.load(sys.stdin)
fixed = datetime.datetime(2026, 11, 27, 12, 0, 0, tzinfo=datetime.timezone.utc)
with mock.patch("botocore.auth.get_current_datetime", return_value=fixed):
    req = AWSRequest(method=spec["method"], url=spec["url"], data=spec["body"].encode(), headers=spec["headers"])
    signer = botocore.auth.S3SigV4Auth if spec.get("s3") else botocore.auth.SigV4Auth
    signer(Credentials(spec["key"], spec["secret"], spec.get("token")), spec["service"], spec["region"]).add_auth(req)
print(req.headers["Authorization"])
