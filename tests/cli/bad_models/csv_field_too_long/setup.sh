# the item name on line 3 is 70,000 bytes, over the 65,536-byte cap on a field
{ printf 'item,cost\nweb,25\n'; head -c 70000 /dev/zero | tr '\0' x; printf ',85\ncache,40\n'; } >prices.csv
