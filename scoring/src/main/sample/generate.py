#!/usr/bin/env python3
"""Writes the shipped sample portfolio (../resources/sample/portfolio.ndjson.gz): 36 made-up accounts with a
year of product usage, NPS answers and account traits (plan, ARR, seats, renewal date), as Segment messages,
one a line. Deterministic (fixed seed, fixed dates): the year ends at the ANCHOR; the "Load sample data"
button shifts every timestamp by whole days so that the year ends today. Run again only to change the sample.
"""
import datetime as dt, gzip, json, random, os

ANCHOR = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
rng = random.Random(20260101)
NAMES = ["Northwind Traders", "Bluebird Analytics", "Cobalt Freight", "Dunmore Health", "Elmstreet Bakery",
         "Fjord Outfitters", "Granite Legal", "Harbor Dental", "Ironleaf Games", "Juniper Schools",
         "Kestrel Aviation", "Larkspur Florists", "Meridian Insurance", "Nimbus Weather", "Oakridge Realty",
         "Pioneer Robotics", "Quarry Stoneworks", "Redwood Clinics", "Saffron Kitchens", "Tidewater Marine",
         "Umber Studios", "Vantage Logistics", "Willow Care", "Xenon Labs", "Yellowpine Hotels", "Zephyr Bikes",
         "Acorn Accounting", "Birchwood Energy", "Cinder Security", "Driftwood Media", "Ember Fitness",
         "Falcon Payroll", "Glacier Water", "Hollow Creek Farms", "Indigo Fashion", "Jasper Mining"]
FEATURES = ["Report Viewed", "Dashboard Created", "Export Run", "Alert Configured", "Invite Sent", "Integration Connected"]
PROFILES = ["healthy", "steady", "fading"]  # Green, Yellow, Red by design

lines = []
n = 0
def msg(m, at):
    global n
    n += 1
    m["messageId"] = "sample-%05d" % n
    m["timestamp"] = at.strftime("%Y-%m-%dT%H:%M:%SZ")
    lines.append((at, json.dumps(m, separators=(",", ":"))))

start = ANCHOR - dt.timedelta(days=365)
for i, name in enumerate(NAMES):
    profile = PROFILES[i % 3]
    slug = name.lower().replace(" ", "-")
    domain = slug.replace("-", "") + ".example"
    seats = {"healthy": 8, "steady": 20, "fading": 15}[profile]
    users = ["%s-u%d" % (slug, k) for k in range({"healthy": 7, "steady": 3, "fading": 3}[profile])]
    plan = ["starter", "growth", "enterprise"][i % 3 if profile != "healthy" else 2 - i % 2]
    arr = {"starter": 6000, "growth": 24000, "enterprise": 90000}[plan] + 1000 * (i % 5)
    renewal = (ANCHOR + dt.timedelta(days=30 + 11 * i)).strftime("%Y-%m-%d")
    msg({"type": "group", "groupId": slug, "userId": users[0], "traits": {"name": name, "plan": plan, "arr": arr,
         "seats": seats, "domain": domain, "renewalDate": renewal}}, start + dt.timedelta(hours=9, minutes=i))
    for u in users:
        msg({"type": "identify", "userId": u, "traits": {"email": u + "@" + domain}, "context": {"groupId": slug}},
            start + dt.timedelta(hours=10, minutes=i))
    features = FEATURES if profile == "healthy" else FEATURES[:3] if profile == "steady" else FEATURES[:2]
    for day in range(1, 365):
        at = start + dt.timedelta(days=day)
        weekday = at.weekday() < 5
        if profile == "healthy":
            p = 0.85 if weekday else 0.1
        elif profile == "steady":
            p = (0.45 if weekday else 0.0) * (1.0 if day < 300 else 0.75)
        else:
            p = (0.5 if weekday else 0.0) if day < 240 else (0.15 if day < 300 else 0.0)
        if rng.random() >= p:
            continue
        for u in rng.sample(users, k=max(1, len(users) * 2 // 3 if profile == "healthy" else 1)):
            msg({"type": "track", "userId": u, "event": rng.choice(features), "context": {"groupId": slug},
                 "properties": {"source": "sample"}}, at + dt.timedelta(hours=rng.randint(8, 17), minutes=rng.randint(0, 59)))
    for q in range(4):  # a quarterly NPS survey
        score = {"healthy": [9, 10, 9, 10], "steady": [8, 7, 7, 7], "fading": [6, 5, 3, 2]}[profile][q]
        msg({"type": "track", "userId": users[0], "event": "NPS Answered", "context": {"groupId": slug},
             "properties": {"score": score, "comment": "sample answer"}}, start + dt.timedelta(days=80 + 90 * q, hours=12))

lines.sort(key=lambda l: l[0])
out = os.path.join(os.path.dirname(__file__), "..", "resources", "sample", "portfolio.ndjson.gz")
with gzip.GzipFile(out, "wb", mtime=0) as f:
    for _, line in lines:
        f.write((line + "\n").encode("utf-8"))
print(len(lines), "messages written to", os.path.normpath(out))
