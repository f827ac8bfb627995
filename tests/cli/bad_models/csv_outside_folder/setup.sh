printf 'item,cost\nweb,25\n' >../outside.csv
