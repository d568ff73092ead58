#!/bin/bash
cd /work/main
for t in "$@"; do
NEWSDESK_TUNE="$t" npm run eval -- --index /tmp/index-bbc2 ../shared/eval/bbc-dev.jsonl 2>&1 | grep -v nodedir > .scratch/e-tune.txt
echo "$t: $(grep -E '^type' .scratch/e-tune.txt | awk '{print $3}' | tr '\n' ' ') | $(grep -E '^kind' .scratch/e-tune.txt | awk '{print $3}' | tr '\n' ' ') | $(grep -E '^(hit@1|quote hit|correct ref|forbidden)' .scratch/e-tune.txt | awk '{print $NF}' | tr '\n' ' ')"
done
