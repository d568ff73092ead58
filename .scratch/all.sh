#!/bin/bash
cd /work/main
.scratch/tune.sh '{}'
for f in bbc-questions bbc-calibration bbc-heldout; do npm run eval -- --index /tmp/index-bbc2 tests/fixtures/eval/$f.jsonl 2>&1 | grep -E "^(quote hit|correct ref|forbidden)" | awk '{print $NF}' | tr '\n' ' '; echo -n "| "; done; echo
npm run eval -- --index /tmp/index-seed ../shared/eval/seed-questions.jsonl 2>&1 | grep -E "^(quote hit|correct ref|forbidden)" | awk '{print $NF}' | tr '\n' ' '; echo
