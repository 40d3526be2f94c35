#!/usr/bin/env bash
# The benchmark Job's script (gitops/benchmark.ts documents its arguments and log lines). The generator embeds
# it in the Job's command after filling in the placeholders below (between @ signs), whose values other
# modules own.
set -u
pid_tries=@FALCO_PID_TRIES@
pid_interval=@FALCO_PID_INTERVAL_SECONDS@
sample_interval=@SAMPLE_INTERVAL_SECONDS@
ready_msg='@BENCH_METRICS_READY_MESSAGE@'
sample_msg='@BENCH_SAMPLE_MESSAGE@'
run_msg='@BENCH_RUN_MESSAGE@'

limit=$1
metrics=$2
wait_metrics=$3
runs=$4
rest=$5
shift 5
if ! [[ $runs =~ ^[1-9][0-9]*$ ]]; then
  echo "{\"level\":\"error\",\"msg\":\"falco-bench: the number of runs must be a whole number >= 1\"}" >&2
  exit 2
fi

# Sets $pid to the node's falco process, looking again before every run: Falco may have restarted in between.
find_falco() {
  local comm name
  pid=
  for _ in $(seq "$pid_tries"); do
    for comm in /proc/[0-9]*/comm; do
      name=
      read -r name 2>/dev/null <"$comm" || true
      if [ "$name" = falco ]; then
        pid=${comm#/proc/}
        pid=${pid%/comm}
        return 0
      fi
    done
    sleep "$pid_interval"
  done
  return 1
}

# Each run needs a sample from before the generator starts; /metrics answers 404 until the driver is open.
wait_for_metrics() {
  local waited=0 code
  while :; do
    code=$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$metrics") || true
    if [ "$code" = 200 ]; then
      echo "{\"level\":\"info\",\"msg\":\"$ready_msg\",\"http\":200,\"seconds\":$waited}"
      return
    fi
    if [ "$waited" -ge "$wait_metrics" ]; then
      echo "{\"level\":\"warning\",\"msg\":\"$ready_msg\",\"http\":$((10#${code:-0})),\"seconds\":$waited,\"note\":\"not 200 within ${wait_metrics}s: running anyway, rounds before it answers get no attribution\"}"
      return
    fi
    sleep 1
    waited=$((waited + 1))
  done
}

# A counter line: name, optional labels, a JSON number (other values, e.g. NaN, are not kept).
counter='^([a-z_]+)(\{(.*)\})? (-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?)$'

# The control characters and their JSON escapes, built once (no fork per sample).
ctl_chars=() ctl_escapes=()
for code in {1..31} 127; do
  printf -v hex %02x "$code"
  printf -v c '%b' "\\x$hex"
  ctl_chars+=("$c")
  ctl_escapes+=("\\u00$hex")
done

# $1 as a JSON string's contents, into $REPLY (no subshell per rule and sample): backslash, quote and control
# characters escaped (bytes >= 0x80 pass as they are: Falco's rule names are UTF-8).
json_string() {
  # Bytes, whatever the locale: [[:cntrl:]] is then exactly 0x01-0x1f and 0x7f.
  local LC_ALL=C s=$1 i
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  if [[ $s == *[[:cntrl:]]* ]]; then
    for i in "${!ctl_chars[@]}"; do
      s=${s//"${ctl_chars[i]}"/${ctl_escapes[i]}}
    done
  fi
  REPLY=$s
}

sample() {
  local at=$1 time body code line name labels value rule evts='' drops='' open='' queue='' matches=''
  time=$(date +%s.%N)
  body=$(curl -s --max-time 2 -w '\n%{http_code}' "$metrics") || body=$'\n000'
  code=${body##*$'\n'}
  [[ $code =~ ^[0-9]{3}$ ]] || code=000
  code=$((10#$code))
  if [ "$code" = 200 ]; then
    while IFS= read -r line; do
      [[ $line =~ $counter ]] || continue
      name=${BASH_REMATCH[1]} labels=${BASH_REMATCH[3]} value=${BASH_REMATCH[4]}
      case $name in
        falcosecurity_scap_n_evts_total) evts=,\"evts\":$value ;;
        falcosecurity_scap_n_drops_total) drops=,\"drops\":$value ;;
        falcosecurity_scap_n_drops_buffer_total)
          # Falco 0.44.1 counts drops on the exit events only; its dir="enter" series are constant zero.
          # Labels come sorted by name (a std::map), so the series is exactly this.
          [ "$labels" = 'dir="exit",drop="open"' ] && open=,\"dropsOpen\":$value ;;
        falcosecurity_falco_outputs_queue_num_drops_total) queue=,\"queueDrops\":$value ;;
        falcosecurity_falco_rules_matches_total)
          # Falco (libs metrics_collector.cpp, prometheus_exposition_text) writes label values as they are,
          # without Prometheus' escaping: a rule name may hold `"`, `\` or `",`. Labels come sorted by name
          # (priority, rule_name, source, tag_*; source and tag names cannot hold a quote), so the name runs
          # from `rule_name="` to the last `",source="`. A line without that shape (a rule name with a
          # newline splits its line) is not kept.
          [[ $labels == *'rule_name="'*'",source="'* ]] || continue
          rule=${labels#*rule_name=\"}
          rule=${rule%\",source=\"*}
          json_string "$rule"
          matches+=${matches:+,}\"$REPLY\":$value ;;
      esac
    done <<<"$body"
    matches=",\"matches\":{$matches}"
  fi
  echo "{\"level\":\"info\",\"msg\":\"$sample_msg\",\"at\":\"$at\",\"time\":$time,\"http\":$code$evts$drops$open$queue$matches}"
}

# One run of the generator, sampled; returns its exit status with the time bound's 124 counted as success
# (it ends every --loop run).
run_once() {
  local ticker rc
  sample start
  # The ticker stops its own sleep when told to stop, so nothing outlives the run.
  (
    nap=
    trap 'kill $nap 2>/dev/null; exit 0' TERM
    while :; do
      sleep "$sample_interval" &
      nap=$!
      wait "$nap"
      sample tick
    done
  ) &
  ticker=$!
  # The generator's log (stderr) passes through this loop, which samples right after the lines that mark a
  # round's phases; the ticker writes to the same stream, whole lines at a time.
  timeout "$limit" "$@" --pid "$pid" 2>&1 | while IFS= read -r line; do
    printf '%s\n' "$line"
    if [[ $line =~ \"msg\":\ ?\"(round\ \#|resting|statistics) ]]; then
      case ${BASH_REMATCH[1]} in
        resting) sample resting ;;
        statistics) sample statistics ;;
        *) sample round ;;
      esac
    fi
  done
  rc=${PIPESTATUS[0]}
  kill "$ticker" 2>/dev/null
  wait "$ticker" 2>/dev/null
  [ "$rc" -eq 124 ] && rc=0
  return "$rc"
}

# The runs one after another on this node, with a rest between them (not sampled: it belongs to no round).
# Each starts with exactly one marker line, which tells the report which run the following lines belong to.
# A failed run ends the script with its status: the Job's retry starts over.
for ((run = 1; run <= runs; run++)); do
  [ "$run" -gt 1 ] && sleep "$rest"
  echo "{\"level\":\"info\",\"msg\":\"$run_msg\",\"run\":$run,\"of\":$runs}"
  if ! find_falco; then
    echo '{"level":"error","msg":"falco-bench: no falco process on this node"}' >&2
    exit 1
  fi
  echo "{\"level\":\"info\",\"msg\":\"falco-bench: measuring falco\",\"pid\":$pid}"
  wait_for_metrics
  run_once "$@" || exit
done
exit 0
