# prices.csv is a link to a file outside the model's folder
printf 'item,cost\nweb,25\n' >../outside.csv
ln -s ../outside.csv prices.csv
