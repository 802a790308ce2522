"""Signs one request with botocore's SigV4Auth at a fixed time: the independent signer our SigV4 is compared with.

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
    botocore.auth.SigV4Auth(Credentials(spec["key"], spec["secret"], spec.get("token")), spec["service"], spec["region"]).add_auth(req)
print(req.headers["Authorization"])
