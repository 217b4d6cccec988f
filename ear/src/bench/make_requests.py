"""Writes N distinct signed Segment track messages, one 'signature<TAB>body' line each."""
import hashlib, hmac, json, sys, uuid
from datetime import datetime, timedelta, timezone

secret, count, accounts, path = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
start = datetime.now(timezone.utc) - timedelta(days=20)
run = uuid.uuid4().hex[:8]
with open(path, "w") as out:
    for i in range(count):
        body = json.dumps({
            "type": "track", "messageId": f"bench-{run}-{i}", "userId": f"user-{i % 997}",
            "event": "Report Viewed", "timestamp": (start + timedelta(seconds=i)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "context": {"groupId": f"bench-account-{i % accounts}"}, "properties": {"plan": "pro"}},
            separators=(",", ":"))
        sig = hmac.new(secret.encode(), body.encode(), hashlib.sha1).hexdigest()
        out.write(f"{sig}\t{body}\n")
