#!/usr/bin/env bash
# Dashboard benchmark: API latency at a fixed request rate while many live (SSE) clients are connected and a fake
# streaming job commits a batch every second. Everything runs on this machine, on loopback, and stops by itself.
#
#   dashboard/bench/run.sh [--rate 500] [--connections 50] [--sse 100] [--seconds 60] [--days 7] [--write-docs]
#
# Needs: wrk (apt-get install -y wrk), a built dashboard and launcher (done here if missing), Java 17, python3.
# The database is the embedded MariaDB, started by the same code as ./salespulse run (io.salespulse.local.LocalDatabase).
set -euo pipefail

RATE=500; CONNECTIONS=50; SSE=100; SECONDS_=60; DAYS=7; WRITE_DOCS=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) RATE=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --sse) SSE=$2; shift 2 ;;
    --seconds) SECONDS_=$2; shift 2 ;;
    --days) DAYS=$2; shift 2 ;;
    --write-docs) WRITE_DOCS=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
JAR="$ROOT/dashboard/target/quarkus-app/quarkus-run.jar"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
LAUNCHER_CP="$ROOT/local/launcher/target/classes/META-INF/salespulse/salespulse-launcher.classpath"
if [ ! -f "$JAR" ] || [ ! -f "$LAUNCHER_CP" ] || [ ! -d "$ROOT/target/salespulse/repository" ]; then
  (cd "$ROOT" && ./mvnw -B -q -pl dashboard,local/launcher -am -DskipTests package)
fi
DB_CP="$ROOT/local/launcher/target/classes:$(sed "s|@REPO@|$ROOT/target/salespulse/repository|g" "$LAUNCHER_CP")"

WORK="$ROOT/dashboard/target/bench"
rm -rf "$WORK"; mkdir -p "$WORK"
# Below the kernel's ephemeral range (as Ports.free in Java): no outgoing connection can take it before its server binds.
free_port() { python3 -c '
import random, socket
low = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
while True:
    port = random.randint(20000, low - 1)
    s = socket.socket()
    try:
        s.bind(("", port)); print(port); break
    except OSError:
        pass
    finally:
        s.close()'; }
DB_PORT=$(free_port); HTTP_PORT=$(free_port); MANAGEMENT_PORT=$(free_port)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
deadline_wait() { # what seconds command...
  local what=$1 limit=$2; shift 2
  local end=$((SECONDS + limit))
  until "$@" >/dev/null 2>&1; do
    [ $SECONDS -lt $end ] || { echo "timed out waiting for $what" >&2; exit 1; }
    sleep 0.2
  done
}

echo "== MariaDB (embedded) on 127.0.0.1:$DB_PORT"
java -Xmx64m -cp "$DB_CP" io.salespulse.local.LocalDatabase "$WORK/mariadb" "$DB_PORT" salespulse >"$WORK/db.env" 2>"$WORK/db.log" &
PIDS+=($!)
deadline_wait "MariaDB" 180 grep -qx ready "$WORK/db.env"
eval "$(grep '^DB_[A-Z_]*=' "$WORK/db.env" | sed 's/=\(.*\)/="\1"/')"
DB_PASSWORD=$(cat "$DB_PASSWORD_FILE")
sql() { "$DB_CLIENT" --no-defaults --skip-ssl --socket="$DB_SOCKET" -uroot "$@"; }
# The migrations carry Flyway placeholders (the contract's limits): applied by Flyway, as the job applies them.
java -Xmx128m -cp "$DB_CP" "$HERE/Migrate.java" "$DB_JDBC_URL" "$DB_USER" "$DB_PASSWORD" >"$WORK/migrate.log" 2>&1 \
  || { cat "$WORK/migrate.log" >&2; exit 1; }

echo "== seeding $DAYS days of per-minute aggregates"
MINUTES=$((DAYS * 1440 - 1)); BATCHES=$((DAYS * 86400 / 5 - 1))
sed -e "s/@@MINUTES@@/$MINUTES/g" -e "s/@@BATCHES@@/$BATCHES/g" -e "s/@@DAYS@@/$DAYS/g" "$HERE/seed.sql" | sql salespulse
sql salespulse -N -e "SELECT CONCAT(table_name, ' ', table_rows) FROM information_schema.tables
  WHERE table_schema = 'salespulse' AND table_type = 'BASE TABLE' AND table_rows > 0" | sed 's/^/   /'

echo "== dashboard on 127.0.0.1:$HTTP_PORT"
USER_HASH=$(htpasswd -nbBC 10 bench bench-password 2>/dev/null | cut -d: -f2- || true)
if [ -z "$USER_HASH" ]; then
  USER_HASH='$2y$10$0oWH5ROz6/QfSl.9XKPnnOWf8yQWbwwXax0GyGW4CL5FWZlPWF2OW'; BENCH_USER=demo; BENCH_PASSWORD=salespulse-demo
else
  BENCH_USER=bench; BENCH_PASSWORD=bench-password
fi
# The SSE clients all sign in as one user: its cap on open streams (default 8) is raised to their number.
QUARKUS_HTTP_PORT=$HTTP_PORT QUARKUS_HTTP_HOST=127.0.0.1 \
QUARKUS_MANAGEMENT_PORT=$MANAGEMENT_PORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
QUARKUS_DATASOURCE_JDBC_URL="jdbc:mysql://127.0.0.1:$DB_PORT/salespulse" \
QUARKUS_DATASOURCE_USERNAME=salespulse QUARKUS_DATASOURCE_PASSWORD="$DB_PASSWORD" \
SALESPULSE_DASHBOARD_USERS="$BENCH_USER:$USER_HASH" \
SALESPULSE_DASHBOARD_LIVE_MAX_STREAMS_PER_USER=$SSE \
SALESPULSE_DASHBOARD_SESSION_ENCRYPTION_KEY="bench-session-key-$(date +%s)-0123456789" \
  QUARKUS_LOG_CATEGORY__IO_SALESPULSE_DASHBOARD_LIVE__LEVEL=${BENCH_LOG_LEVEL:-INFO} java -Xms256m -Xmx256m -jar "$JAR" >"$WORK/dashboard.log" 2>&1 &
PIDS+=($!); DASHBOARD_PID=$!
BASE="http://127.0.0.1:$HTTP_PORT"
MANAGEMENT="http://127.0.0.1:$MANAGEMENT_PORT"  # health and metrics
deadline_wait "the dashboard to be ready" 60 curl -fsS "$MANAGEMENT/q/health/ready"

# Sign in like a browser: the form's CSRF cookie and hidden token, then the session cookie.
JAR_FILE="$WORK/cookies.txt"
TOKEN=$(curl -fsS -c "$JAR_FILE" "$BASE/login" | sed -n 's/.*name="csrf-token" value="\([^"]*\)".*/\1/p' | head -1)
curl -fsS -b "$JAR_FILE" -c "$JAR_FILE" -o /dev/null --data-urlencode "csrf-token=$TOKEN" \
  --data-urlencode "username=$BENCH_USER" --data-urlencode "password=$BENCH_PASSWORD" "$BASE/login"
SESSION=$(awk '$6 == "salespulse-session" { print $7 }' "$JAR_FILE")
[ -n "$SESSION" ] || { echo "sign-in failed" >&2; exit 1; }

# A stand-in for the streaming job: one committed batch per second into the current minute.
(
  end=$((SECONDS + SECONDS_ + 40)); n=0
  while [ $SECONDS -lt $end ]; do
    n=$((n + 1))
    sql salespulse -e "
      SET @w = DATE_FORMAT(UTC_TIMESTAMP(), '%Y-%m-%d %H:%i:00');
      START TRANSACTION;
      INSERT INTO sales_minute VALUES (@w, @w + INTERVAL 1 MINUTE, 120.50, 3, 5, NOW(3))
        ON DUPLICATE KEY UPDATE revenue = revenue + 120.50, orders = orders + 3, items = items + 5;
      INSERT INTO sales_fact (window_start, grain, country, card_type, category, product_id, product_name, revenue,
        orders, items) VALUES (@w, 'order', 'US', 'VISA', '', '', '', 120.50, 3, 5),
        (@w, 'category', 'US', 'VISA', 'Books', '', '', 120.50, 3, 5),
        (@w, 'product', 'US', 'VISA', 'Books', 'P-2002', 'Designing Data-Intensive Applications', 120.50, 3, 5)
        ON DUPLICATE KEY UPDATE revenue = revenue + VALUES(revenue), orders = orders + VALUES(orders),
        items = items + VALUES(items);
      INSERT INTO stream_batches (batch_id, input_records, valid_orders, duplicates, dead_letters, late_events,
        max_event_time, duration_ms) VALUES (1000000 + $n, 3, 3, 0, 0, 0, UTC_TIMESTAMP(3), 40);
      COMMIT;" || true
    sleep 1
  done
) &
PIDS+=($!)

echo "== $SSE live clients, then ${SECONDS_}s of API calls at $RATE req/s over $CONNECTIONS connections"
java -Xmx128m "$HERE/SseClients.java" "$BASE" "$SESSION" "$SSE" $((SECONDS_ + 20)) >"$WORK/sse.txt" 2>&1 &
SSE_PID=$!; PIDS+=($SSE_PID)
deadline_wait "SSE clients to connect" 60 grep -q "SSE connected" "$WORK/sse.txt"
cat "$WORK/sse.txt"
# Warm-up (JIT, caches), not counted.
wrk -t2 -c"$CONNECTIONS" -d10s -H "Cookie: salespulse-session=$SESSION" -s "$HERE/paced.lua" "$BASE" -- "$RATE" 2 >"$WORK/warmup.txt"
METRICS_BEFORE=$(curl -fsS "$MANAGEMENT/q/metrics")
CPU_BEFORE=$(awk '{ print $14 + $15 }' "/proc/$DASHBOARD_PID/stat")
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -H "Cookie: salespulse-session=$SESSION" -s "$HERE/paced.lua" "$BASE" \
  -- "$RATE" 2 | tee "$WORK/wrk.txt"
CPU_AFTER=$(awk '{ print $14 + $15 }' "/proc/$DASHBOARD_PID/stat")
METRICS_AFTER=$(curl -fsS "$MANAGEMENT/q/metrics")
wait "$SSE_PID" || true
cat "$WORK/sse.txt"

metric() { echo "$1" | awk -v name="$2" '$1 == name { print $2 }' | head -1; }
delta() { python3 -c "print(int(float('${2:-0}') - float('${1:-0}')))"; }
POLLS=$(delta "$(metric "$METRICS_BEFORE" salespulse_dashboard_polls_total)" "$(metric "$METRICS_AFTER" salespulse_dashboard_polls_total)")
READS=$(delta "$(metric "$METRICS_BEFORE" salespulse_dashboard_segment_reads_total)" "$(metric "$METRICS_AFTER" salespulse_dashboard_segment_reads_total)")
COMPUTED=$(delta "$(metric "$METRICS_BEFORE" salespulse_dashboard_panel_computations_total)" "$(metric "$METRICS_AFTER" salespulse_dashboard_panel_computations_total)")
PUSHES=$(delta "$(metric "$METRICS_BEFORE" salespulse_dashboard_live_pushes_total)" "$(metric "$METRICS_AFTER" salespulse_dashboard_live_pushes_total)")
CLK=$(getconf CLK_TCK)
CPU=$(python3 -c "print(round(($CPU_AFTER - $CPU_BEFORE) / $CLK / $SECONDS_ * 100))")
R() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" "$2" | tail -1; }
W="$WORK/wrk.txt"; S="$WORK/sse.txt"
SUMMARY="$WORK/summary.md"
{
  echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)), $(free -g | awk '/Mem:/ { print $2 }') GiB RAM, $(java -version 2>&1 | head -1 | sed 's/"//g'), MariaDB $(sql -N -e "SELECT VERSION()") (embedded); dashboard JVM -Xmx256m, everything (database, dashboard, wrk, SSE clients, fake job) on the same cores."
  echo
  echo "Data: $DAYS days of per-minute aggregates (14 countries, 7 card types, 8 categories, 32 products; one stream_batches row per 5 s), plus one new committed batch every second during the run. Request mix: 14 URLs rotated (all panels for the last hour, plus 15 min, 24 h, 7 days and filtered views; see \`dashboard/bench/paced.lua\`)."
  echo
  echo "| measure | value |"
  echo "|---|---|"
  echo "| offered rate / achieved | $RATE req/s / $(R rate "$W") req/s over $(R seconds "$W") s ($(R requests "$W") requests, $CONNECTIONS connections) |"
  echo "| live (SSE) clients connected during the run | $(sed -n 's/.*connected=\([0-9]*\).*/\1/p' "$S" | head -1) (still open at the end: $(R still_open "$S")) |"
  echo "| API latency p50 | $(R p50_ms "$W") ms |"
  echo "| API latency p90 | $(R p90_ms "$W") ms |"
  echo "| **API latency p99** (target < 50 ms) | **$(R p99_ms "$W") ms** |"
  echo "| API latency p99.9 / max | $(R p999_ms "$W") ms / $(R max_ms "$W") ms |"
  echo "| errors (non-2xx / socket) | $(R errors_status "$W") / $(R errors_other "$W") |"
  echo "| commit → live client, p50 / p99 (pulse event) | $(R commit_to_client_p50_ms "$S") ms / $(R p99_ms "$S") ms ($(R samples "$S") samples) |"
  echo "| MySQL polls by the dashboard during the run | $POLLS (one statement per tick, ticks 250 ms apart, for all $SSE clients) |"
  echo "| panel computations during the run | $COMPUTED (per view and batch, not per request or client) |"
  echo "| aggregate queries during the run | $READS (hour segments read from MySQL; the rest came from memory) |"
  echo "| SSE events pushed during the run | $PUSHES |"
  echo "| dashboard CPU during the run | ${CPU} % of one core |"
} >"$SUMMARY"
echo; cat "$SUMMARY"

if [ "$WRITE_DOCS" = 1 ]; then
  python3 - "$ROOT/docs/benchmarks.md" "$SUMMARY" "$RATE" "$CONNECTIONS" "$SSE" "$SECONDS_" "$DAYS" <<'PY'
import sys, pathlib, re
doc, summary, rate, conns, sse, secs, days = sys.argv[1:]
path = pathlib.Path(doc)
text = path.read_text() if path.exists() else "# Benchmarks\n\nFigures measured on this project's machines; each section says how to reproduce it.\n"
section = ("<!-- dashboard:start -->\n## Dashboard (`dashboard/bench/run.sh`)\n\n"
           f"Command: `dashboard/bench/run.sh --rate {rate} --connections {conns} --sse {sse} --seconds {secs} --days {days} --write-docs`\n\n"
           + pathlib.Path(summary).read_text()
           + "\nAPI latency is wrk's, from sending a request to reading the whole response, at a paced (not saturating) rate. "
             "Commit → live client is the time from a batch's `committed_at` until a connected SSE client read the pulse event "
             "carrying it (the poller ticks every 250 ms).\n<!-- dashboard:end -->\n")
if "<!-- dashboard:start -->" in text:
    text = re.sub(r"<!-- dashboard:start -->.*?<!-- dashboard:end -->\n?", section.replace("\\", "\\\\"), text, flags=re.S)
else:
    text = text.rstrip("\n") + "\n\n\n" + section
path.write_text(text)
print("updated", doc)
PY
fi
