#!/usr/bin/env bash
# The checks a reviewer makes of the tree's structure (README, "Layout"), made by the build:
#   1. no file includes a file above its layer: the core (engine/core) includes neither Lua
#      nor a header of engine/lua or engine/cli; the bindings (engine/lua) no header of
#      engine/cli;
#   2. the files of the core, those of the bindings, and those of the command line call
#      each other in no circle (read off the object files: a file's undefined symbols
#      against the others' definitions; the command line's are the reckon executable's);
#   3. no function of engine/ is longer than 60 lines (from its opening brace in column 0 to
#      its closing one, the style every file follows).
#   RECKON=build/reckon RECKON_SOURCE=$PWD bash tests/structure/test_structure.sh
. "$(dirname "$0")/../cli/lib.sh"
build=$(dirname "$RECKON")
cd "$SRC" || exit 2

# ---- 1. includes by layer
headers_of() { ls "$1"/*.h 2>/dev/null | xargs -n1 basename; }
includes_any() { # DIR HEADER...: the lines of DIR's files that include one of the headers
  local dir=$1; shift
  local h pattern=
  for h in "$@"; do pattern="$pattern${pattern:+|}$h"; done
  grep -nE "^#include [\"<]($pattern)[\">]" "$dir"/*.c "$dir"/*.h 2>/dev/null
}
core_up=$(includes_any engine/core lua.h lauxlib.h lualib.h luaconf.h $(headers_of engine/lua) $(headers_of engine/cli))
test -z "$core_up" && ok || bad "the core includes a header above it: $core_up"
lua_up=$(includes_any engine/lua $(headers_of engine/cli))
test -z "$lua_up" && ok || bad "the bindings include a header of the command line: $lua_up"

# ---- 2. no circle of files calling each other
calls() { # OBJECT_DIR: "caller callee" for each pair of the folder's files, one a line
  local o f
  for o in "$1"/*.o; do
    f=$(basename "$o" .c.o)
    nm --defined-only -g "$o" | awk -v f="$f" 'NF == 3 { print "def", $3, f }'
    nm -u "$o" | awk -v f="$f" '{ print "use", $2, f }'
  done | awk '$1 == "def" { def[$2] = $3; next }
              { use[NR] = $2; by[NR] = $3 }
              END { for (i in use) if ((use[i] in def) && def[use[i]] != by[i]) print by[i], def[use[i]] }' |
    LC_ALL=C sort -u
}
objects_of() { # LAYER: the folder of its object files (the libraries', or the executable's)
  case $1 in
    cli) echo "$build/CMakeFiles/reckon.dir/engine/cli" ;;
    *) echo "$build/CMakeFiles/reckon_$1.dir/engine/$1" ;;
  esac
}
for layer in core lua cli; do
  objects=$(objects_of "$layer")
  if ! ls "$objects"/*.o >/dev/null 2>&1; then
    bad "no object files in $objects (build reckon first)"
    continue
  fi
  calls "$objects" >"$tmp/$layer.calls"
  test -s "$tmp/$layer.calls" || bad "no calls found between the files of engine/$layer"
  if tsort "$tmp/$layer.calls" >/dev/null 2>"$tmp/$layer.loop"; then ok; else
    bad "the files of engine/$layer call each other in a circle: $(grep -v 'input contains a loop' "$tmp/$layer.loop" | sed 's/^tsort: //' | sort -u | tr '\n' ' ')"
  fi
done

# ---- 3. functions of at most 60 lines
long=$(for f in engine/*/*.c; do
  awk -v file="$f" '/^\{/ { start = NR; name = prev }
    /^\}/ && start { n = NR - start - 1; if (n > 60) printf "%s:%d (%d lines) %s\n", file, start, n, name; start = 0 }
    { prev = $0 }' "$f"
done)
test -z "$long" && ok || bad "functions longer than 60 lines:
$long"

finish
