# prices.csv is a hard link to a file outside the model's folder
printf 'item,cost\nweb,25\n' >../outside.csv
ln ../outside.csv prices.csv
