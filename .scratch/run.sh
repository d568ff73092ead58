#!/bin/bash
# rebuild index (if arg1 == build) and eval
cd /work/main
if [ "$1" == "build" ]; then rm -rf /tmp/index-bbc2; npm run ingest -- --corpus ../shared/corpora/bbc --index /tmp/index-bbc2 2>&1 | grep "Indexed"; fi
npm run eval -- --index /tmp/index-bbc2 ../shared/eval/bbc-dev.jsonl 2>&1 | grep -v nodedir > .scratch/e.txt
tail -22 .scratch/e.txt | grep -v "^$"
