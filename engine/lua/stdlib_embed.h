/*
 * stdlib_embed: the Lua files of stdlib/reckon, embedded at build time by
 * cmake/embed.cmake, so that the binary needs no files beside it.
 */
#ifndef RECKON_STDLIB_EMBED_H
#define RECKON_STDLIB_EMBED_H

#include <lua.h>
#include <stddef.h>

typedef struct reckon_stdlib_file {
    const char *name;           /* module name: "reckon" for init.lua, else "reckon.<file>" */
    const unsigned char *bytes; /* the file's text */
    size_t size;                /* its length in bytes */
} reckon_stdlib_file;

extern const reckon_stdlib_file reckon_stdlib_files[]; /* ends with a NULL name */

/* The embedded module of that name, or NULL. */
const reckon_stdlib_file *stdlib_find(const char *name);
/* Loads it as text with chunk name "=[name]"; returns a lua_load status. */
int stdlib_load(lua_State *L, const reckon_stdlib_file *file);

#endif
