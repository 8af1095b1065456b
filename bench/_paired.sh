# Helpers for the paired comparisons (sourced by *_compare.sh, curl_fanout.sh).
# median: the median of the numbers on stdin, one a line.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# ratio A B: B / A with three decimals (0 when A is empty or 0).
ratio() { awk -v a="${1:-0}" -v b="${2:-0}" 'BEGIN { if (a > 0) printf "%.3f", b / a; else print 0 }'; }
# CURL: what loads ext/curl when no ini does (a Swoole build with
# --enable-swoole-curl needs it before it loads).
CURL=()
php -m | grep -qx curl || CURL=(-d extension=curl)
