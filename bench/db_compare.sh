#!/usr/bin/env bash
# DB fan-out (bench/db_fanout.php), corust vs another build (a Swoole build, or
# an older corust) in one sitting: ROUNDS alternating runs of each, then the
# median wall time of each side and the median of the per-round ratios
# B time / A time (>1: A faster). Starts and stops the test services itself.
# Usage: EXT_B=/path/to/other.so bench/db_compare.sh [mysql] [redis]   (ROUNDS=9)
set -u
cd "$(dirname "$0")"
. ./_paired.sh
EXT_A=${EXT_A:-$PWD/../target/release/libcorust.so}
EXT_B=${EXT_B:?set EXT_B to the extension to compare with}
ROUNDS=${ROUNDS:-9}
KINDS=("$@")
[ ${#KINDS[@]} -eq 0 ] && KINDS=(mysql redis)
../scripts/services.sh install >/dev/null
../scripts/services.sh start >/dev/null
eval "$(../scripts/services.sh env)"
trap '../scripts/services.sh stop >/dev/null' EXIT
secs() { php "${CURL[@]}" -d "extension=$1" db_fanout.php "$2" | sed -n 's/.* seconds=\([0-9.]*\).*ok=\([0-9]*\).*/\1 \2/p'; }
for kind in "${KINDS[@]}"; do
    a_all="" b_all="" r_all=""
    for ((i = 1; i <= ROUNDS; i++)); do
        read -r a aok <<< "$(secs "$EXT_A" "$kind")"
        read -r b bok <<< "$(secs "$EXT_B" "$kind")"
        r=$(ratio "$a" "$b")
        echo "round=$i kind=$kind a_s=$a a_ok=$aok b_s=$b b_ok=$bok ratio=$r"
        a_all+="$a"$'\n' b_all+="$b"$'\n' r_all+="$r"$'\n'
    done
    echo "name=db_fanout kind=$kind a_median_s=$(printf '%s' "$a_all" | median) b_median_s=$(printf '%s' "$b_all" | median) median_ratio_b_over_a=$(printf '%s' "$r_all" | median)"
done
