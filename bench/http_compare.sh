#!/usr/bin/env bash
# Paired comparison of two extensions on bench/http_hello.sh (Swoole names, so
# EXT_B may be a Swoole build): ROUNDS alternating runs of each, then per worker
# count the median req/s of each side and the median of the per-round ratios
# A/B. On a shared, noisy machine (runs vary 30-50 %), only the paired ratio
# over many rounds says which is faster.
# Usage: EXT_B=/path/to/other.so bench/http_compare.sh [workers...]
#        (EXT_A defaults to corust's release build; ROUNDS=8 DUR=5)
set -u
cd "$(dirname "$0")"
. ./_paired.sh
EXT_A=${EXT_A:-$PWD/../target/release/libcorust.so}
EXT_B=${EXT_B:?set EXT_B to the extension to compare with}
ROUNDS=${ROUNDS:-8}
DUR=${DUR:-5}
WORKERS=("$@")
[ ${#WORKERS[@]} -eq 0 ] && WORKERS=(2 1)
rps() { EXT=$1 DUR=$DUR ./http_hello.sh "$2" | sed -n 's/.* rps=\([0-9.]*\).*/\1/p'; }
for w in "${WORKERS[@]}"; do
    a_all="" b_all="" r_all=""
    for ((i = 1; i <= ROUNDS; i++)); do
        a=$(rps "$EXT_A" "$w")
        b=$(rps "$EXT_B" "$w")
        r=$(awk -v a="${a:-0}" -v b="${b:-0}" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print 0 }')
        echo "round=$i workers=$w a_rps=$a b_rps=$b ratio=$r"
        a_all+="$a"$'\n' b_all+="$b"$'\n' r_all+="$r"$'\n'
    done
    echo "name=http_compare workers=$w rounds=$ROUNDS a_median=$(printf '%s' "$a_all" | median) b_median=$(printf '%s' "$b_all" | median) median_ratio=$(printf '%s' "$r_all" | median)"
done
