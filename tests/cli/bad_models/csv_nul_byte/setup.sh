# a NUL byte inside the third line's cost (kept out of the repository as a binary file)
printf 'item,cost\nweb,25\ndb,8\0005\ncache,40\n' >prices.csv
