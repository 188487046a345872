#!/usr/bin/env bash
# A whole consortium on this machine, as separate processes: a consortium CA, a hub and three
# site agents (each with its own certificate, release policy and audit log), then an analyst's
# job. What a hospital IT team would run on three machines, on one. Everything goes under
# ./work (delete it to start over); logs in ./work/*.log. Stop with: ./run.sh stop
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
MEDFED="$(cd ../.. && pwd)/medfed"
DATA="$(cd ../.. && pwd)/medfed-cli/src/main/resources/demo"
W=work

if [[ "${1:-}" == stop ]]; then
  pkill -f "medfed.jar (hub|site) --config $PWD/$W" || true
  exit 0
fi

mkdir -p "$W"
"$MEDFED" --version >/dev/null   # builds the jar once, before several processes start at the same time
if [[ ! -f "$W/pki/ca.pem" ]]; then
  "$MEDFED" pki init  --dir "$W/pki" --name "Example consortium"
  "$MEDFED" pki issue --dir "$W/pki" --name hub --role hub --host 127.0.0.1 --host localhost
  "$MEDFED" pki issue --dir "$W/pki" --name alice --role analyst
  for s in a b c; do
    # At a real site: pki request there, pki sign at the operator (the key never travels).
    (cd "$W" && "$MEDFED" pki request --name "site-$s" --role site --dir .)
    "$MEDFED" pki sign --dir "$W/pki" --csr "$W/site-$s.csr"
  done
fi

sed "s|@W@|$PWD/$W|g" hub.yaml > "$W/hub.yaml"
i=1
for s in a b c; do
  sed "s|@W@|$PWD/$W|g; s|@NAME@|site-$s|g; s|@DATA@|$DATA/site$i.csv|g" site.yaml > "$W/site-$s.yaml"
  i=$((i + 1))
done

"$MEDFED" hub --config "$PWD/$W/hub.yaml" > "$W/hub.log" 2>&1 &
sleep 2
for s in a b c; do
  "$MEDFED" site --config "$PWD/$W/site-$s.yaml" > "$W/site-$s.log" 2>&1 &
done

export MEDFED_HUB=127.0.0.1:7443 MEDFED_CA="$W/pki/ca.pem" MEDFED_CERT="$W/pki/alice.pem" MEDFED_KEY="$W/pki/alice.key"
for _ in $(seq 1 60); do
  if [[ "$("$MEDFED" sites 2>/dev/null | grep -c ' connected')" == 3 ]]; then break; fi
  sleep 1
done
"$MEDFED" sites --columns
"$MEDFED" run glm --dataset birthwt --formula "low ~ age + lwt + race + smoke + ptl + ht + ui + ftv" \
  --family binomial --levels race=white,black,other
"$MEDFED" run summary --dataset birthwt --columns age,lwt,race --bounds age=14:45 --bounds lwt=80:250 \
  --dp laplace:1
"$MEDFED" jobs
"$MEDFED" site budget --config "$PWD/$W/site-a.yaml"
"$MEDFED" audit verify --log "$W/site-a/audit.jsonl"
echo "The hub and sites keep running: try 'MEDFED_HUB=$MEDFED_HUB ... medfed run glm ...', then ./run.sh stop"
