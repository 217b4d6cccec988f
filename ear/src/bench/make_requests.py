"""Writes N distinct Segment track messages, one 'header value<TAB>body' line each: for /hooks/usage the
X-Signature (hex HMAC-SHA1 of the body), or with a fifth argument (the write key) for Segment's Tracking
API at /hooks/usage/v1/batch the HTTP Basic Authorization value and a one-message {"batch":[...]} body."""
import base64, hashlib, hmac, json, sys, uuid
from datetime import datetime, timedelta, timezone

secret, count, accounts, path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
write_key = sys.argv[5] if len(sys.argv) > 5 else None
start = datetime.now(timezone.utc) - timedelta(days=20)
run = uuid.uuid4().hex[:8]
with open(path, "w") as out:
    for i in range(count):
        message = {
            "type": "track", "messageId": f"bench-{run}-{i}", "userId": f"user-{i % 997}",
            "event": "Report Viewed", "timestamp": (start + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "context": {"groupId": f"bench-account-{i % accounts}"}, "properties": {"plan": "pro"}}
        if write_key:
            body = json.dumps({"batch": [message]}, separators=(",", ":"))
            header = "Basic " + base64.b64encode(f"{write_key}:".encode()).decode()
        else:
            body = json.dumps(message, separators=(",", ":"))
            header = hmac.new(secret.encode(), body.encode(), hashlib.sha1).hexdigest()
        out.write(f"{header}\t{body}\n")
