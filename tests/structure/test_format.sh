#!/usr/bin/env bash
# The C sources follow .clang-format (clang-format 14, Debian 12's `clang-format`): every
# file of engine/, bench/ and tests/{unit,fuzz} formats to itself.  A file that does not
# is named with the first lines clang-format would change.
#   RECKON=build/reckon RECKON_SOURCE=$PWD bash tests/structure/test_format.sh
. "$(dirname "$0")/../cli/lib.sh"
cd "$SRC" || exit 2
format=$(command -v clang-format-14 || command -v clang-format)
if [ -z "$format" ]; then
  echo "clang-format is not installed (apt-get install clang-format): skipped" >&2
  exit 77
fi
for f in engine/*/*.[ch] bench/*.[ch] tests/unit/*.[ch] tests/fuzz/*.[ch]; do
  [ -e "$f" ] || continue
  if "$format" --style=file "$f" | cmp -s - "$f"; then ok; else
    bad "$f does not follow .clang-format: $("$format" --style=file "$f" | diff "$f" - | head -6 | tr '\n' ' ')"
  fi
done
finish
