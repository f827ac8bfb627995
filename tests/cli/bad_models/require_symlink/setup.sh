# _shared.lua is a link to a file outside the model's folder
printf 'return { secret = 42 }\n' >../outside_shared.lua
ln -s ../outside_shared.lua _shared.lua
