# misp_feed with one large event in a file:// feed directory, generated here: 60,000 attributes
# (each with a 1 KB comment, as analysts write them) and 500 file objects (the first marked deleted after its attributes), with the event's info,
# Tag, date and uuid written after all of them, as MISP's member order allows. The event is
# streamed (docs/feeds.md, MISP feed): every indicator arrives associated with the Event group
# named by the late info and tagged by the late Tag, the deleted object's attributes are left out,
# and tcfeed's peak RSS stays below the event file's size (the reader on main held the event and
# its parse: several times the file).
source "$(dirname "$0")/lib.sh"

E=5f0c2a9e-1b2c-4d3e-8f40-0000000000a1
ATTRIBUTES=60000
OBJECTS=500
mkdir -p "$WORK/feed"
python3 - "$WORK/feed" "$E" "$ATTRIBUTES" "$OBJECTS" <<'PY'
import json, sys, time
root, uuid, count, objects = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
now = int(time.time())
comment = "Seen in the second wave of the campaign; resolves to the hosting provider's range. " * 12
def attribute(i, kind, value):
    return json.dumps({"id": str(i), "event_id": "7", "object_id": "0", "object_relation": None,
                       "category": "Network activity", "type": kind, "to_ids": True,
                       "uuid": "5f0c2a9e-1b2c-4d3e-8f40-%012d" % i, "timestamp": str(now),
                       "distribution": "5", "sharing_group_id": "0", "comment": comment, "deleted": False,
                       "disable_correlation": False, "first_seen": None, "last_seen": None, "value": value})
with open(f"{root}/{uuid}.json", "w") as out:
    out.write('{"Event":{"timestamp":"%d","Attribute":[' % now)
    out.write(",".join(attribute(i, "domain", f"host-{i}.large-event.example") for i in range(count)))
    out.write('],"Object":[')
    for o in range(objects):
        out.write("," if o else "")
        hashes = ",".join(attribute(count + o * 2 + k, "md5", "%032x" % (o * 2 + k + 1)) for k in range(2))
        out.write('{"name":"file","Attribute":[%s],"deleted":%s}' % (hashes, "true" if o == 0 else "false"))
    out.write('],"info":"Late info of a large event","Tag":[{"name":"tlp:white"},{"name":"large-event"}],')
    out.write('"date":"2026-11-30","uuid":"%s"}}' % uuid)
json.dump({uuid: {"info": "Late info of a large event", "timestamp": now}}, open(f"{root}/manifest.json", "w"))
PY
size_kib=$(( $(stat -c %s "$WORK/feed/$E.json") / 1024 ))

start_sandbox
write_config "$WORK/tcfeed.yaml" "  - name: misp" "    type: misp_feed" "    owner: $OWNER" \
  "    url: file://$WORK/feed/" "    backfill: 30d"
config=$WORK/tcfeed.yaml

# The poll and the delivery, in a child whose peak RSS (KiB) the parent reads when it ends.
set +e
rss_kib=$(python3 - "$TCFEED" "$config" "$WORK/run.log" <<'PY'
import resource, subprocess, sys
with open(sys.argv[3], "w") as log:
    code = subprocess.call([sys.argv[1], "run", "--once", "--config", sys.argv[2], "--connector", "misp"], stderr=log)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(code)
PY
)
CODE=$?
set -e
log=$(cat "$WORK/run.log")
expect_eq "$CODE" 0 "exit code of the poll: $log"
expect_not_contains "$log" "the counts do not add up" "run log"
expected=$((ATTRIBUTES + (OBJECTS - 1) * 2))
expect_contains "$log" "$expected records" "records of the event (the deleted object's left out)"
expect_contains "$log" "0 rejected by the platform" "delivery"
echo "event ${size_kib} KiB, tcfeed peak RSS ${rss_kib} KiB"
# Under AddressSanitizer freed memory waits in a 256 MB quarantine and every byte has shadow, so RSS
# says nothing about what the reader holds there; the other builds check it.
if grep -qa __asan_init "$TCFEED"; then
  echo "(AddressSanitizer build: the peak RSS is not compared)"
else
  (( rss_kib < size_kib )) || fail "tcfeed's peak RSS ${rss_kib} KiB is not below the event's ${size_kib} KiB"
fi

read_one() { "$TCFEED" indicators --config "$config" --owner "$OWNER" --v3 --type "$1" --value "$2" --json; }
group="\"groups\":[{\"type\":\"Event\",\"name\":\"Late info of a large event\",\"xid\":\"tcfeed:misp:$E\"}]"
first=$(read_one Host host-0.large-event.example)
expect_contains "$first" "$group" "the first attribute"
expect_contains "$first" "large-event" "the event's late Tag"
expect_not_contains "$first" "tlp:white" "a machine tag"
expect_contains "$(read_one Host "host-$((ATTRIBUTES - 1)).large-event.example")" "$group" "the last attribute"
# Objects: the second object's md5 arrives, the deleted first object's does not.
expect_contains "$(read_one File "$(printf '%032x' 3)")" "$group" "an attribute inside an object"
expect_not_contains "$(read_one File "$(printf '%032x' 1)" 2>&1 || true)" "tcfeed:misp:$E" "a deleted object's attribute"
echo "misp_feed_large: ok"
