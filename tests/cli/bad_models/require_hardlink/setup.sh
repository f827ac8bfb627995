# _shared.lua: a hard link to a file outside the models' folder
printf 'return 1\n' >../secret.lua
ln ../secret.lua _shared.lua
