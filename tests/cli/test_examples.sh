#!/usr/bin/env bash
# examples/snapnote.lua, the model README.md walks through, checked by hand at 10K and 100K.
. "$(dirname "$0")/lib.sh"
row() { grep -F -q -- "$1" "$tmp/$2" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: $2 has no row: $1"; }; }

"$RECKON" run "$SRC/examples" -o "$tmp" --users 10000,100000 -q
test $? -eq 0 && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: run examples/"; }

# 10,000 users:
#   web        ceil(10000 / 2000) = 5 replicas x $25                       = 125
#   database   10000 <= 20000: the first plan                              = 50
#   egress     10000 x 0.2..0.5 GB = 2000..5000 GB (mid 3500), less 100 free,
#              all in the first bracket at 0.09: 1900, 3400, 4900 x 0.09   = 171, 306, 441
#   storage    log-log between (1000, 5) and (50000, 120):
#              5 x 24 ^ (ln 10 / ln 50) = 5 x 24 ^ 0.588592 = 32.4602     = 32.46
#   email      10 + 0.0004 x 10000                                        = 14
#   monitoring max(29, 0.001 x 10000 = 10)                                = 29
#   total      low 421.46, mid 556.46, high 691.46; per user 0.055646
row 'snapnote.lua,Snapnote on a PaaS,10000,web,compute,125.00,125.00,125.00' items.csv
row 'snapnote.lua,Snapnote on a PaaS,10000,egress,network,171.00,306.00,441.00' items.csv
row 'snapnote.lua,Snapnote on a PaaS,10000,storage,storage,32.46,32.46,32.46' items.csv
row 'snapnote.lua,Snapnote on a PaaS,10000,monitoring,monitoring,29.00,29.00,29.00' items.csv
row 'snapnote.lua,Snapnote on a PaaS,10000,421.46,556.46,691.46,0.055646' totals.csv

# 100,000 users:
#   web        50 replicas x $25                                          = 1250
#   database   100000 <= 100000: bounds are inclusive, the second plan    = 200
#   egress     20000..50000 GB (mid 35000), less 100 free:
#              921.60 for the first 10240 GB, then 0.085 a GB:
#              low 921.6 + 9660 x 0.085 = 1742.70; mid 921.6 + 24660 x 0.085 = 3017.70;
#              high 921.6 + 39660 x 0.085 = 4292.70
#   storage    120 x 7.5 ^ (ln 2 / ln 10) = 120 x 7.5 ^ 0.30103 = 220.0903 = 220.09
#   email      10 + 40 = 50;  monitoring max(29, 100) = 100
#   total      low 3562.79, mid 4837.79, high 6112.79; per user 0.048378 (0.0483779)
row 'snapnote.lua,Snapnote on a PaaS,100000,database,database,200.00,200.00,200.00' items.csv
row 'snapnote.lua,Snapnote on a PaaS,100000,egress,network,1742.70,3017.70,4292.70' items.csv
row 'snapnote.lua,Snapnote on a PaaS,100000,storage,storage,220.09,220.09,220.09' items.csv
row 'snapnote.lua,Snapnote on a PaaS,100000,3562.79,4837.79,6112.79,0.048378' totals.csv

finish
